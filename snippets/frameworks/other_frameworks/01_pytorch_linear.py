"""The reference row: PyTorch nn.Linear(20, 30) stores weight [out, in] = (30,
20).
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
x = torch.randn(128, 20)  # (B, in)

# weight (out, in), bias (out,)
print(tuple(layer.weight.shape), tuple(layer.bias.shape))
#> (30, 20) (30,)
print(tuple(layer(x).shape))  # (B, out)
#> (128, 30)
print(torch.allclose(layer(x), x @ layer.weight.T + layer.bias))
#> True
