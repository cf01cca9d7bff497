"""A 1-D input [in] gives a 1-D output [out], W @ x + b up to rounding (mv
and mm may round differently).
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
W, b = layer.weight, layer.bias  # W: (out, in), b: (out,)
x = torch.randn(20)  # (in,): one sample, no batch dim

print(x.shape, layer(x).shape)
#> torch.Size([20]) torch.Size([30])
# allclose: a BLAS may sum in another order
print(torch.allclose(layer(x), W @ x + b))
#> True
