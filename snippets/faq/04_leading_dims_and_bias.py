"""Any leading dims pass through: [4, 7, 20] -> [4, 7, 30]; bias is [out];
bias=False and LazyLinear.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
x = torch.randn(4, 7, 20)  # (B, T, in): 4 sequences of 7 tokens

print(x.shape, x.reshape(28, 20).shape, layer(x).shape)
#> torch.Size([4, 7, 20]) torch.Size([28, 20]) torch.Size([4, 7, 30])
print(torch.allclose(layer(x), layer(x.reshape(28, 20)).reshape(4, 7, 30)))
#> True
print(layer.bias.shape, nn.Linear(20, 30, bias=False).bias)
#> torch.Size([30]) None
lazy = nn.LazyLinear(30)  # in_features is read from the first input
lazy(x)
print(lazy.weight.shape, type(lazy).__name__)
#> torch.Size([30, 20]) Linear
