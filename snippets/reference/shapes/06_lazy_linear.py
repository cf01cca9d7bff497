"""nn.LazyLinear(30) learns in_features from its first input and then is a
plain Linear.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.LazyLinear(30)  # out_features=30, in_features unknown
print(type(layer).__name__, type(layer.weight).__name__)
#> LazyLinear UninitializedParameter

x = torch.randn(128, 20)  # (B, in): the first call fixes in_features=20
y = layer(x)  # (B, out)
print(type(layer).__name__, type(layer.weight).__name__)
#> Linear Parameter
print(
    layer.in_features, x.shape, layer.weight.shape, layer.bias.shape, y.shape
)
#> 20 torch.Size([128, 20]) torch.Size([30, 20]) torch.Size([30]) torch.Size([128, 30])
