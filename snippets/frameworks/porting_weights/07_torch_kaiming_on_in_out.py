"""torch.nn.init reads fan_in from dim 1, as for a (out, in) weight: an (in,
out) tensor gets the wrong fan.
"""

import torch
from torch import nn

torch.manual_seed(0)
weight = torch.empty(10, 4000)  # (out, in): PyTorch's layout, fan_in = 4000
kernel = torch.empty(4000, 10)  # (in, out): a Keras/JAX-layout kernel

# the helper nn.Linear's own init uses
fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(weight)
print(f"{tuple(weight.shape)}: fan_in={fan_in}, fan_out={fan_out}")
#> (10, 4000): fan_in=4000, fan_out=10
fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(kernel)
print(f"{tuple(kernel.shape)}: fan_in={fan_in}, fan_out={fan_out}")
#> (4000, 10): fan_in=10, fan_out=4000

nn.init.kaiming_normal_(weight)  # std = sqrt(2 / fan_in)
nn.init.kaiming_normal_(kernel)  # wrong fan: sqrt(2 / 10)
print(round(weight.std().item(), 4), round(kernel.std().item(), 4))
#> 0.0224 0.4461

# the fix from the docs: pass the transposed view, it writes into kernel
nn.init.kaiming_normal_(kernel.T)
print(round(kernel.std().item(), 4))
#> 0.0224
