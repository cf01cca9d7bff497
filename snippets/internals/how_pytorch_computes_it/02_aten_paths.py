"""The three paths of ATen's linear: 2-D addmm, N-D flatten + addmm + view,
else matmul + add.
"""

# --8<-- [start:two_d]
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
weight = layer.weight.detach()  # (out, in)
bias = layer.bias.detach()  # (out,)

x = torch.randn(128, 20)  # (B, in)
# bias + x @ weight.T in one call: (B, out)
fused = torch.addmm(bias, x, weight.t())
print(x.shape, fused.shape)
#> torch.Size([128, 20]) torch.Size([128, 30])
print(torch.equal(layer(x), fused))
#> True
# --8<-- [end:two_d]

# --8<-- [start:n_d]
x3 = torch.randn(8, 16, 20)  # (B, T, in), contiguous
x_flat = x3.reshape(128, 20)  # (B*T, in), a view of x3
flat = torch.addmm(bias, x_flat, weight.t())  # (B*T, out)
print(x3.shape, x_flat.shape, flat.shape)
#> torch.Size([8, 16, 20]) torch.Size([128, 20]) torch.Size([128, 30])
print(layer(x3).shape)
#> torch.Size([8, 16, 30])
print(torch.equal(layer(x3), flat.view(8, 16, 30)))
#> True
# --8<-- [end:n_d]

# --8<-- [start:fallback]
# (B, T, in) view, not contiguous
x_strided = torch.randn(16, 8, 20).transpose(0, 1)
print(x_strided.is_contiguous())
#> False
print(
    torch.equal(layer(x_strided), torch.matmul(x_strided, weight.t()) + bias)
)
#> True
# --8<-- [end:fallback]
