"""The bias (out,) = (30,) is drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in))
with fan_in = 20.
"""

import math

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # weight (out, in), bias (out,)
fan_in, _ = nn.init._calculate_fan_in_and_fan_out(layer.weight)
bound = 1 / math.sqrt(fan_in)

print(layer.bias.shape, fan_in)
#> torch.Size([30]) 20
print(layer.bias.abs().max().item() <= bound)
#> True
