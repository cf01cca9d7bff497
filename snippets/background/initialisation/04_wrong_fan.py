"""A weight stored [in, out] = [20, 30] fools the fan: fan_in comes out 30;
initialise its .T instead.
"""

import math

import torch
from torch import nn

weight_in_out = torch.empty(20, 30)  # (in, out), meant for x @ weight_in_out
print(weight_in_out.shape)
#> torch.Size([20, 30])
print(nn.init._calculate_fan_in_and_fan_out(weight_in_out))
#> (30, 20)
print(nn.init._calculate_fan_in_and_fan_out(weight_in_out.T))
#> (20, 30)

# Wrong: the bound becomes 1/sqrt(30), as if the layer had 30 inputs.
torch.manual_seed(0)
nn.init.kaiming_uniform_(weight_in_out, a=math.sqrt(5))
print(
    weight_in_out.abs().max().item() <= 1 / math.sqrt(30),
    round(1 / math.sqrt(30), 7),
)
#> True 0.1825742

# Right: initialise the [out, in] view; it writes through to weight_in_out.
torch.manual_seed(0)
nn.init.kaiming_uniform_(weight_in_out.T, a=math.sqrt(5))
print(
    weight_in_out.abs().max().item() > 1 / math.sqrt(30),
    weight_in_out.abs().max().item() <= 1 / math.sqrt(20),
)
#> True True
