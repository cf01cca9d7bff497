"""UFLDL writes z_i = Σ_j W_ij x_j + b_i: W is [out, in], the nn.Linear
layout. Load as is.
"""

import torch
from torch import nn

torch.manual_seed(0)
s1, s2 = 4, 3  # units in layer 1 (inputs) and layer 2 (outputs)
# (out, in): W[i, j] links input j to unit i
W = torch.randn(s2, s1, dtype=torch.float64)
b = torch.randn(s2, dtype=torch.float64)  # (out,)
x = torch.randn(s1, dtype=torch.float64)  # (in,)

z = torch.stack(
    [sum(W[i, j] * x[j] for j in range(s1)) + b[i] for i in range(s2)]
)  # (out,)

layer = nn.Linear(s1, s2, dtype=torch.float64)
with torch.no_grad():
    layer.weight.copy_(W)
    layer.bias.copy_(b)
print(layer.weight.shape, torch.allclose(layer(x), z))
#> torch.Size([3, 4]) True
