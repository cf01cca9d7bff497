"""Copying a Keras kernel (20, 30) into nn.Linear's weight (30, 20) without .T
fails at once.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"  # set before keras is imported

import keras
import torch
from torch import nn

dense = keras.layers.Dense(30)
dense.build((None, 20))  # kernel (in, out)
# (in, out)
kernel = torch.from_numpy(keras.ops.convert_to_numpy(dense.kernel))
linear = nn.Linear(20, 30)  # weight (out, in)

with torch.no_grad():
    linear.weight.copy_(kernel)
#> RuntimeError: The size of tensor a (20) must match the size of tensor b (30) at non-singleton dimension 1
