"""Linear(20, 30) expects [*, 20]; a [128, 25] input fails with mat1 = input,
mat2 = weight.T.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
x = torch.randn(128, 25)  # (B, 25): 25 features, but the layer expects 20

layer(x)
#> RuntimeError: mat1 and mat2 shapes cannot be multiplied (128x25 and 20x30)
