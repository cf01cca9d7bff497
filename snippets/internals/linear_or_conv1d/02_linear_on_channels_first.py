"""nn.Linear acts on the last dimension: fed channels-first [B, in, L], it
multiplies the length axis and refuses.
"""

import torch
from torch import nn

layer = nn.Linear(20, 30)  # in_features=20, out_features=30
x = torch.zeros(4, 20, 50)  # (B, in, L): features in the middle
layer(x)  # flattened to (B*in, L) = (80, 50) before the product
#> RuntimeError: mat1 and mat2 shapes cannot be multiplied (80x50 and 20x30)
