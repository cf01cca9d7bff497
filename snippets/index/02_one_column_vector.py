"""One sample as a 1-D vector: layer(x0) is exactly the textbook W @ x0 + b.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
W, b = layer.weight, layer.bias  # W: (out, in) = (30, 20), b: (out,)
x0 = torch.randn(20)  # (in,): a single sample, no batch dimension

print(x0.shape, layer(x0).shape)
#> torch.Size([20]) torch.Size([30])
print(torch.equal(layer(x0), W @ x0 + b))
#> True
