"""Linear(20, 30) has 30*20 + 30 = 630 parameters; a [128, 20] forward costs
2*128*20*30 = 153600 FLOPs.
"""

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

layer = nn.Linear(20, 30)
x = torch.randn(128, 20)  # (B, in)

print(sum(p.numel() for p in layer.parameters()), 30 * 20 + 30)
#> 630 630
print(sum(p.numel() for p in nn.Linear(20, 30, bias=False).parameters()))
#> 600
with FlopCounterMode(display=False) as counter:
    layer(x)
print(counter.get_total_flops(), 2 * 128 * 20 * 30)
#> 153600 153600
