"""Keras Dense(30) keeps its kernel as [in, out] = (20, 30); nn.Linear keeps
[out, in]: port with .T.
"""

import os

# must be set before keras is imported
os.environ.setdefault("KERAS_BACKEND", "torch")

import keras
import numpy as np
import torch
from torch import nn

keras.utils.set_random_seed(0)
dense = keras.layers.Dense(30)
dense.build((None, 20))  # inputs of 20 features
linear = nn.Linear(20, 30)

print(tuple(dense.kernel.shape), tuple(linear.weight.shape))
#> (20, 30) (30, 20)

# (in, out)
kernel = torch.from_numpy(keras.ops.convert_to_numpy(dense.kernel))
bias = torch.from_numpy(keras.ops.convert_to_numpy(dense.bias))  # (out,)
with torch.no_grad():
    linear.weight.copy_(kernel.T)  # [in, out] -> [out, in]
    linear.bias.copy_(bias)
# (B, in)
x = np.random.default_rng(0).standard_normal((128, 20)).astype("float32")
from_keras = keras.ops.convert_to_numpy(dense(x))  # (B, out)
from_torch = linear(torch.from_numpy(x)).detach().numpy()  # (B, out)
print(from_keras.shape, np.allclose(from_keras, from_torch, atol=1e-6))
#> (128, 30) True
