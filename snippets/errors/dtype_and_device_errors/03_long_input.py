"""Integer features (torch.tensor of Python ints) are int64, "Long"; the layer
needs floats.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(4, 3)  # weight (out, in) = (3, 4), float32
# (B, in) = (2, 4), ints become int64
x = torch.tensor([[1, 0, 2, 5], [3, 1, 0, 0]])

print(x.dtype, layer(x.float()).shape)
#> torch.int64 torch.Size([2, 3])
layer(x)
#> RuntimeError: mat1 and mat2 must have the same dtype, but got Long and Float
