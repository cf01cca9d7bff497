"""A batch of zero samples is fine: [0, in] -> [0, out]."""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
x = torch.empty(0, 20)  # (B=0, in)

print(x.shape, layer(x).shape)
#> torch.Size([0, 20]) torch.Size([0, 30])
