"""A 1-D input [in] gives a 1-D output [out], and it is exactly W @ x + b."""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
W, b = layer.weight, layer.bias  # W: (out, in), b: (out,)
x = torch.randn(20)  # (in,): one sample, no batch dim

print(x.shape, layer(x).shape)
#> torch.Size([20]) torch.Size([30])
print(torch.equal(layer(x), W @ x + b))
#> True
