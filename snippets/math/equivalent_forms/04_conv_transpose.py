"""ConvTranspose2d(in, out, k) stores weight [in, out, k, k]: the Conv2d(out,
in, k) weight it is the adjoint of.
"""

import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
print(nn.Conv2d(20, 30, 3).weight.shape)
#> torch.Size([30, 20, 3, 3])
print(nn.ConvTranspose2d(20, 30, 3).weight.shape)
#> torch.Size([20, 30, 3, 3])

# conv maps 20 channels to 30; its adjoint maps 30 back to 20 with the same
# tensor.
# weight (30, 20, 3, 3)
conv = nn.Conv2d(20, 30, 3, bias=False, dtype=torch.float64)
# weight (30, 20, 3, 3)
up = nn.ConvTranspose2d(30, 20, 3, bias=False, dtype=torch.float64)
print(conv.weight.shape == up.weight.shape)
#> True

# (B, C_in, H, W)
x = torch.randn(1, 20, 8, 8, dtype=torch.float64, requires_grad=True)
y = conv(x)  # (B, C_out, H-2, W-2)
g = torch.randn_like(y)  # (1, 30, 6, 6): an upstream gradient
# g pulled back through conv: (1, 20, 8, 8)
(vjp,) = torch.autograd.grad(y, x, grad_outputs=g)
print(y.shape, vjp.shape)
#> torch.Size([1, 30, 6, 6]) torch.Size([1, 20, 8, 8])
print(torch.allclose(F.conv_transpose2d(g, conv.weight), vjp))
#> True

# Linear's adjoint, for comparison: the same weight, used as W instead of W.T.
layer = nn.Linear(20, 30, dtype=torch.float64)  # (out, in) = (30, 20)
G = torch.randn(128, 30, dtype=torch.float64)  # (B, out)
print((G @ layer.weight).shape)  # (B, in): dL/dx = G W
#> torch.Size([128, 20])
