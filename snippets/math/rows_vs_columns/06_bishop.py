"""Bishop's PRML eq. 5.2, a_j = Σ_i w_ji x_i + w_j0, indexes w as [out, in]:
load it as is.
"""

import torch
from torch import nn

torch.manual_seed(0)
D, M = 4, 3  # D inputs, M hidden units
w = torch.randn(M, D, dtype=torch.float64)  # (out, in): w[j, i] = w_ji
w0 = torch.randn(M, dtype=torch.float64)  # (out,): the biases w_j0
x = torch.randn(D, dtype=torch.float64)  # (in,)

a = torch.stack(
    [sum(w[j, i] * x[i] for i in range(D)) + w0[j] for j in range(M)]
)  # (out,)

layer = nn.Linear(D, M, dtype=torch.float64)
with torch.no_grad():
    layer.weight.copy_(w)  # no transpose
    layer.bias.copy_(w0)
print(layer.weight.shape, torch.allclose(layer(x), a))
#> torch.Size([3, 4]) True
