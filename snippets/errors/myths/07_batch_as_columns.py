"""The batch handed over as columns, x.T of shape [in, B], fails:
nn.Linear reads the last dimension as the features.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
x = torch.randn(128, 20)  # (B, in)

print(x.T.shape)
#> torch.Size([20, 128])
layer(x.T)  # (in, B) = (20, 128): last dim is 128, not in_features=20
#> RuntimeError: mat1 and mat2 shapes cannot be multiplied (20x128 and 20x30)
