"""A square Dense(16) on 16 features: kernel and weight are both (16, 16), so
a missing .T raises nothing.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"  # set before keras is imported

import keras
import numpy as np
import torch
from torch import nn

keras.utils.set_random_seed(0)
dense = keras.layers.Dense(16)
dense.build((None, 16))  # kernel (in, out) = (16, 16)
# (in, out)
kernel = torch.from_numpy(keras.ops.convert_to_numpy(dense.kernel))
bias = torch.from_numpy(keras.ops.convert_to_numpy(dense.bias))  # (out,)
# (B, in)
x = np.random.default_rng(0).standard_normal((8, 16)).astype("float32")
y_keras = keras.ops.convert_to_numpy(dense(x))  # (B, out)

linear = nn.Linear(16, 16)  # weight (out, in) = (16, 16)
print(tuple(kernel.shape), tuple(linear.weight.shape))
#> (16, 16) (16, 16)

# wrong, and accepted: the shapes match
linear.load_state_dict({"weight": kernel, "bias": bias})
print(
    np.allclose(
        linear(torch.from_numpy(x)).detach().numpy(), y_keras, atol=1e-6
    )
)
#> False

linear.load_state_dict({"weight": kernel.T, "bias": bias})  # right
print(
    np.allclose(
        linear(torch.from_numpy(x)).detach().numpy(), y_keras, atol=1e-6
    )
)
#> True
