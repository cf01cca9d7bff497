"""nn.Linear(20, 30) holds out*in + out = 630 numbers: a [30, 20] weight and a
[30] bias.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30

for name, p in layer.named_parameters():
    print(name, p.shape, p.numel())
#> weight torch.Size([30, 20]) 600
#> bias torch.Size([30]) 30
print(sum(p.numel() for p in layer.parameters()), 30 * 20 + 30)
#> 630 630

no_bias = nn.Linear(20, 30, bias=False)
print(sum(p.numel() for p in no_bias.parameters()), 30 * 20)
#> 600 600

# float32 is 4 bytes per number
print(layer.weight.dtype, layer.weight.element_size())
#> torch.float32 4
print(sum(p.numel() * p.element_size() for p in layer.parameters()))
#> 2520
