"""nn.Linear(20, 30): weight [out, in] = [30, 20], (B, in) -> (B, out)."""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
x = torch.randn(128, 20)  # (B, in): one sample per row

print(layer.weight.shape)  # [out, in]
#> torch.Size([30, 20])
print(layer(x).shape)  # (B, out)
#> torch.Size([128, 30])
