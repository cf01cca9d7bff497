"""Keras 3 Dense(30) on 20 features stores kernel [in, out] = (20, 30) and
computes x @ kernel + bias.
"""

import os

# must be set before keras is imported: no TensorFlow needed
os.environ["KERAS_BACKEND"] = "torch"

import keras
import numpy as np

keras.utils.set_random_seed(0)
layer = keras.layers.Dense(30)
layer.build((128, 20))  # input (B, in)
kernel = keras.ops.convert_to_numpy(layer.kernel)  # (in, out)
bias = keras.ops.convert_to_numpy(layer.bias)  # (out,)
# (B, in)
x = np.random.default_rng(0).standard_normal((128, 20)).astype("float32")
y = keras.ops.convert_to_numpy(layer(x))  # (B, out)

print(keras.backend.backend())  # the backend this Keras runs on
#> torch
print(kernel.shape, bias.shape)
#> (20, 30) (30,)
print(layer.count_params())
#> 630
print(y.shape, np.allclose(y, x @ kernel + bias, atol=1e-6))
#> (128, 30) True
