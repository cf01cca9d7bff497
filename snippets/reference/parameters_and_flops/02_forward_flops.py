"""Forward FLOPs of [128, 20] -> [128, 30]: 2 * B * in * out, as
FlopCounterMode counts them.
"""

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

torch.manual_seed(0)
layer = nn.Linear(20, 30)
x = torch.randn(128, 20)  # (B, in)

with FlopCounterMode(display=False) as counter:
    y = layer(x)  # (B, out)

# the one product: (B, in) @ (in, out)
print(x.shape, layer.weight.T.shape, y.shape)
#> torch.Size([128, 20]) torch.Size([20, 30]) torch.Size([128, 30])
print(counter.get_total_flops(), 2 * 128 * 20 * 30)
#> 153600 153600
print({str(op): n for op, n in counter.get_flop_counts()["Global"].items()})
#> {'aten.addmm': 153600}

# One multiply-add (MAC) per weight per sample: the counter reports 2 FLOPs
# for each.
print(128 * 20 * 30, counter.get_total_flops() // 2)
#> 76800 76800
# The 128 * 30 bias additions happen inside addmm but are not counted.
# count, and percent of the total
print(128 * 30, 100 * 128 * 30 / counter.get_total_flops())
#> 3840 2.5
