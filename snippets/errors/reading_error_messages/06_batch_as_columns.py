"""A batch passed as columns, x.T of shape [in, B], fails: the last dimension
must be in_features.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
x = torch.randn(128, 20)  # (B, in): the right layout

print(layer(x).shape)
#> torch.Size([128, 30])
layer(x.T)  # (in, B) = (20, 128): now the last dimension is 128
#> RuntimeError: mat1 and mat2 shapes cannot be multiplied (20x128 and 20x30)
