"""nn.Linear acts on the last dim only: (*, in) -> (*, out), whatever comes
before it.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30

x3 = torch.randn(4, 7, 20)  # (B, T, in): e.g. 4 sequences of 7 steps
print(x3.shape, layer(x3).shape)
#> torch.Size([4, 7, 20]) torch.Size([4, 7, 30])

x5 = torch.randn(2, 3, 4, 5, 20)  # five dims, only the last one is features
print(x5.shape, layer(x5).shape)
#> torch.Size([2, 3, 4, 5, 20]) torch.Size([2, 3, 4, 5, 30])

# The leading dims are just a batch: flattening them first gives the same
# numbers.
flat = layer(x3.reshape(-1, 20))  # (4 * 7, in) -> (28, out)
print(flat.shape)
#> torch.Size([28, 30])
print(torch.allclose(layer(x3), flat.reshape(4, 7, 30)))
#> True
