"""Conv2D -> Flatten -> Dense: Keras flattens (H, W, C), PyTorch (C, H, W), so
the dense rows need reordering before .T.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"  # set before keras is imported

import keras
import numpy as np
import torch
from torch import nn

keras.utils.set_random_seed(0)
keras_model = keras.Sequential(
    [
        keras.Input((6, 6, 3)),  # (H, W, C): Keras is channels-last
        keras.layers.Conv2D(4, 3),  # -> (H, W, C): a 4-by-4 grid, 4 channels
        keras.layers.Flatten(),  # -> 64 features in (h, w, c) order
        keras.layers.Dense(5),
    ]
)
conv_kernel, conv_bias, dense_kernel, dense_bias = (
    torch.from_numpy(keras.ops.convert_to_numpy(w))
    for w in keras_model.weights
)
# (B, H, W, C)
x = np.random.default_rng(0).standard_normal((2, 6, 6, 3)).astype("float32")
y_keras = keras.ops.convert_to_numpy(keras_model(x))  # (B, 5)

torch_model = nn.Sequential(
    nn.Conv2d(3, 4, 3), nn.Flatten(), nn.Linear(64, 5)
)  # 64 features in (c, h, w) order
x_torch = torch.from_numpy(x).permute(0, 3, 1, 2)  # (B, C, H, W)
with torch.no_grad():
    # (kh, kw, in, out) -> (out, in, kh, kw)
    torch_model[0].weight.copy_(conv_kernel.permute(3, 2, 0, 1))
    torch_model[0].bias.copy_(conv_bias)
    torch_model[2].bias.copy_(dense_bias)


def matches() -> bool:
    return np.allclose(
        torch_model(x_torch).detach().numpy(), y_keras, atol=1e-5
    )


print(
    tuple(conv_kernel.shape),
    tuple(dense_kernel.shape),
    tuple(torch_model[2].weight.shape),
)
#> (3, 3, 3, 4) (64, 5) (5, 64)

with torch.no_grad():
    # .T alone: the shapes fit, the rows are in the wrong order
    torch_model[2].weight.copy_(dense_kernel.T)
print(matches())
#> False

# rows of the kernel are indexed (h, w, c); regroup them as (c, h, w), then
# transpose
reordered = (
    dense_kernel.reshape(4, 4, 4, 5).permute(2, 0, 1, 3).reshape(64, 5)
)  # (in, out), rows (c, h, w)
with torch.no_grad():
    torch_model[2].weight.copy_(reordered.T)
print(matches())
#> True
