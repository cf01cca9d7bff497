"""Y = X Wᵀ + b on [128, 20] -> [128, 30]: dW = Gᵀ X is [30, 20], db =
G.sum(0) is [30], dX = G W is [128, 20].
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30, dtype=torch.float64)  # W: (out, in), b: (out,)
X = torch.randn(128, 20, dtype=torch.float64, requires_grad=True)  # (B, in)
Y = layer(X)  # (B, out)

# (B, out): dL/dY from whatever comes next
G = torch.randn(128, 30, dtype=torch.float64)
Y.backward(G)  # autograd's vector-Jacobian product with G

W = layer.weight.detach()
print(G.shape)
#> torch.Size([128, 30])
print(
    layer.weight.grad.shape,
    torch.allclose(layer.weight.grad, G.T @ X.detach()),
)
#> torch.Size([30, 20]) True
print(layer.bias.grad.shape, torch.allclose(layer.bias.grad, G.sum(0)))
#> torch.Size([30]) True
print(X.grad.shape, torch.allclose(X.grad, G @ W))
#> torch.Size([128, 20]) True
