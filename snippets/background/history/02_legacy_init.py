"""Torch7's reset(): weight [out, in] and bias [out] drawn from U(-1/sqrt(in),
1/sqrt(in)), reproduced by nn.Linear.
"""

import math

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # weight (out, in), bias (out,)

# Torch7 / torch.legacy.nn: stdv = 1/sqrt(weight:size(2)), then weight and
# bias uniform(-stdv, stdv).
torch.manual_seed(0)
stdv = 1.0 / math.sqrt(20)
legacy_weight = torch.empty(30, 20).uniform_(-stdv, stdv)  # (out, in)
legacy_bias = torch.empty(30).uniform_(-stdv, stdv)  # (out,)

print(legacy_weight.shape, legacy_bias.shape)
#> torch.Size([30, 20]) torch.Size([30])
print(round(stdv, 7))
#> 0.2236068
print(
    torch.equal(layer.weight, legacy_weight),
    torch.equal(layer.bias, legacy_bias),
)
#> True True
print(layer.weight.abs().max().item() <= stdv)
#> True
