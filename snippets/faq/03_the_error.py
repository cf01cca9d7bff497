"""A [128, 25] input into Linear(20, 30): mat1 is the input, mat2 is weight.T
= 20x30.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
x = torch.randn(128, 25)  # (B, 25): the layer expects 20 features

print(layer.weight.T.shape)
#> torch.Size([20, 30])
layer(x)
#> RuntimeError: mat1 and mat2 shapes cannot be multiplied (128x25 and 20x30)
