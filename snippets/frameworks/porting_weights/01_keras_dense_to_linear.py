"""A Keras Dense kernel [in, out] = (20, 30) loads into nn.Linear as kernel.T;
the bias loads as is.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"  # set before keras is imported

import keras
import numpy as np
import torch
from torch import nn

keras.utils.set_random_seed(0)
dense = keras.layers.Dense(30)
dense.build((None, 20))  # input (B, in)
# (in, out)
kernel = torch.from_numpy(keras.ops.convert_to_numpy(dense.kernel))
bias = torch.from_numpy(keras.ops.convert_to_numpy(dense.bias))  # (out,)

linear = nn.Linear(20, 30)  # weight (out, in)
with torch.no_grad():
    linear.weight.copy_(kernel.T)  # (in, out) -> (out, in)
    linear.bias.copy_(bias)

# (B, in)
x = np.random.default_rng(0).standard_normal((128, 20)).astype("float32")
y_keras = keras.ops.convert_to_numpy(dense(x))  # (B, out)
y_torch = linear(torch.from_numpy(x)).detach().numpy()  # (B, out)

print(tuple(kernel.shape), tuple(linear.weight.shape))
#> (20, 30) (30, 20)
print(y_torch.shape, np.allclose(y_torch, y_keras, atol=1e-6))
#> (128, 30) True

with torch.no_grad():
    # right shape, numbers re-read in the wrong order
    linear.weight.copy_(kernel.reshape(30, 20))
print(
    np.allclose(
        linear(torch.from_numpy(x)).detach().numpy(), y_keras, atol=1e-6
    )
)
#> False
