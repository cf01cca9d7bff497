"""weight.grad has the weight's shape [30, 20] = Gᵀ X; bias.grad is [30] = G
summed over the batch.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30, dtype=torch.float64)
x = torch.randn(128, 20, dtype=torch.float64, requires_grad=True)  # (B, in)
G = torch.randn(128, 30, dtype=torch.float64)  # (B, out): dL/dY from upstream

layer(x).backward(G)
print(layer.weight.grad.shape, layer.bias.grad.shape, x.grad.shape)
#> torch.Size([30, 20]) torch.Size([30]) torch.Size([128, 20])
print(
    torch.allclose(layer.weight.grad, G.T @ x),
    torch.allclose(layer.bias.grad, G.sum(0)),
)
#> True True
print(torch.allclose(x.grad, G @ layer.weight))
#> True
