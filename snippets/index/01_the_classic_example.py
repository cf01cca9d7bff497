"""nn.Linear(20, 30) on a batch of 128 rows: weight is [out, in], output is
[B, out].
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
x = torch.randn(128, 20)  # (B, in): one sample per row
y = layer(x)  # (B, out)

print(x.shape)
#> torch.Size([128, 20])
print(layer.weight.shape)
#> torch.Size([30, 20])
print(layer.bias.shape)
#> torch.Size([30])
print(y.shape)
#> torch.Size([128, 30])
