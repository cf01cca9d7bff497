"""One sample as a 1-D vector: layer(x0) is the textbook W @ x0 + b, up
to rounding.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
W, b = layer.weight, layer.bias  # W: (out, in) = (30, 20), b: (out,)
x0 = torch.randn(20)  # (in,): a single sample, no batch dimension

print(x0.shape, layer(x0).shape)
#> torch.Size([20]) torch.Size([30])
# layer(x0) runs a one-row matrix product, W @ x0 a matrix-vector
# product: two BLAS kernels that need not round the same way, so compare
# with allclose.
print(torch.allclose(layer(x0), W @ x0 + b))
#> True
