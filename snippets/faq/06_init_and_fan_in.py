"""Default init is U(-1/sqrt(in), 1/sqrt(in)); fan_in is weight.size(1) = 20
for Linear(20, 30).
"""

import math

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(layer.weight)
bound = 1 / math.sqrt(fan_in)

print(fan_in, fan_out, layer.weight.size(1))
#> 20 30 20
print(bound)
#> 0.22360679774997896
print(
    layer.weight.abs().max().item() <= bound,
    layer.bias.abs().max().item() <= bound,
)
#> True True
# gain(a=sqrt(5)) * sqrt(3 / fan_in) is the same bound: kaiming_uniform_
# reproduces the old rule.
gain = nn.init.calculate_gain("leaky_relu", math.sqrt(5))
print(math.isclose(gain * math.sqrt(3 / fan_in), bound))
#> True

# A weight kept as [in, out] must be initialised through its transpose, or
# fan_in is wrong.
w_in_out = torch.empty(20, 30)  # (in, out)
print(
    nn.init._calculate_fan_in_and_fan_out(w_in_out)[0],
    nn.init._calculate_fan_in_and_fan_out(w_in_out.T)[0],
)
#> 30 20
# fan_in = 20, as intended
nn.init.kaiming_uniform_(w_in_out.T, a=math.sqrt(5))
print(w_in_out.abs().max().item() <= bound)
#> True
