"""nn.Bilinear(20, 30, 40): weight [out, in1, in2]; y[b, o] = x1[b] @ A[o] @
x2[b] + bias[o].
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Bilinear(20, 30, 40)  # in1=20, in2=30, out=40
x1 = torch.randn(128, 20)  # (B, in1)
x2 = torch.randn(128, 30)  # (B, in2)
y = layer(x1, x2)  # (B, out)

print(x1.shape, x2.shape)
#> torch.Size([128, 20]) torch.Size([128, 30])
print(layer.weight.shape, layer.bias.shape, y.shape)
#> torch.Size([40, 20, 30]) torch.Size([40]) torch.Size([128, 40])
by_hand = torch.einsum("bi,oij,bj->bo", x1, layer.weight, x2) + layer.bias
print(torch.allclose(y, by_hand, atol=1e-5))
#> True
print(sum(p.numel() for p in layer.parameters()), 40 * 20 * 30 + 40)
#> 24040 24040
