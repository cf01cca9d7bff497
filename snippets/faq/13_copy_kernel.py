"""Copy an [in, out] kernel into an [out, in] weight with copy_ under no_grad;
the parameter stays the same object.
"""

import torch
from torch import nn

torch.manual_seed(0)
linear = nn.Linear(20, 30)  # weight (out, in) = (30, 20)
kernel = torch.randn(20, 30)  # (in, out), as Keras stores it
bias = torch.randn(30)  # (out,)
x = torch.randn(128, 20)  # (B, in)
before = linear.weight

with torch.no_grad():
    linear.weight.copy_(kernel.T)  # (30, 20) <- (20, 30).T
    linear.bias.copy_(bias)

print(kernel.shape, linear.weight.shape)
#> torch.Size([20, 30]) torch.Size([30, 20])
weight = linear.weight
print(weight is before, type(weight).__name__, weight.requires_grad)
#> True Parameter True
# the layer now computes Keras's x W + b
print(torch.allclose(linear(x), x @ kernel + bias))
#> True
