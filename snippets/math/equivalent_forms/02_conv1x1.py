"""A 1x1 Conv2d with weight W[:, :, None, None] is nn.Linear applied to the
channel dim.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30, dtype=torch.float64)  # weight (out, in)
# weight (out, in, 1, 1)
conv = nn.Conv2d(20, 30, kernel_size=1, dtype=torch.float64)
print(layer.weight.shape, conv.weight.shape)
#> torch.Size([30, 20]) torch.Size([30, 20, 1, 1])

with torch.no_grad():
    # (30, 20) -> (30, 20, 1, 1)
    conv.weight.copy_(layer.weight[:, :, None, None])
    conv.bias.copy_(layer.bias)

# (B, C_in, H, W): channels first
x = torch.randn(2, 20, 5, 7, dtype=torch.float64)
by_conv = conv(x)  # (B, C_out, H, W)
# nn.Linear wants features last: move channels last, apply, move them back.
# (B, H, W, C) -> (B, C_out, H, W)
by_linear = layer(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
print(x.shape, by_conv.shape, by_linear.shape)
#> torch.Size([2, 20, 5, 7]) torch.Size([2, 30, 5, 7]) torch.Size([2, 30, 5, 7])
print(torch.allclose(by_conv, by_linear))
#> True

# The same holds in 1-D: Conv1d's weight is (out, in, 1).
conv1d = nn.Conv1d(20, 30, kernel_size=1, dtype=torch.float64)
print(conv1d.weight.shape)
#> torch.Size([30, 20, 1])
with torch.no_grad():
    conv1d.weight.copy_(layer.weight[:, :, None])
    conv1d.bias.copy_(layer.bias)
seq = torch.randn(2, 20, 9, dtype=torch.float64)  # (B, C_in, T)
print(torch.allclose(conv1d(seq), layer(seq.mT).mT))
#> True
