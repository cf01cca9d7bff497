"""A [4, 7, 25] input is flattened to [28, 25] before the product, so the
message says 28x25.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
# (B, T, 25): 4 sequences of 7 tokens, 25 features each
x = torch.randn(4, 7, 25)

print(x.shape, x.reshape(-1, x.shape[-1]).shape)
#> torch.Size([4, 7, 25]) torch.Size([28, 25])
layer(x)
#> RuntimeError: mat1 and mat2 shapes cannot be multiplied (28x25 and 20x30)
