"""Conv1d(20, 30, kernel_size=1) holds Linear(20, 30)'s weight as
[out, in, 1]; with it copied over, conv(x) on [B, in, L] is layer(x.mT).mT.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # weight (out, in)
conv = nn.Conv1d(20, 30, kernel_size=1)  # weight (out, in, 1)
print(layer.weight.shape, conv.weight.shape)
#> torch.Size([30, 20]) torch.Size([30, 20, 1])

with torch.no_grad():
    conv.weight.copy_(layer.weight[..., None])  # (30, 20) -> (30, 20, 1)
    conv.bias.copy_(layer.bias)  # (out,) in both

x = torch.randn(4, 20, 50)  # (B, in, L): channels first, as Conv1d reads
by_conv = conv(x)  # (B, out, L)
by_linear = layer(x.mT).mT  # (B, L, in) -> (B, L, out) -> (B, out, L)
print(x.shape, by_conv.shape, by_linear.shape)
#> torch.Size([4, 20, 50]) torch.Size([4, 30, 50]) torch.Size([4, 30, 50])
print(torch.allclose(by_conv, by_linear, atol=1e-6))
#> True

# And back: drop the kernel dimension to get an [out, in] weight.
back = nn.Linear(20, 30)
with torch.no_grad():
    back.weight.copy_(conv.weight[..., 0])  # (30, 20, 1) -> (30, 20)
    back.bias.copy_(conv.bias)
print(torch.equal(back.weight, layer.weight))
#> True
