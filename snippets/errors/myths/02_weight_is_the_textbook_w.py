"""The weight is not "stored transposed": it is the textbook W, [out, in],
used as W @ x for one sample.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
W, b = layer.weight, layer.bias  # (out, in) = (30, 20), (out,)
x0 = torch.randn(20)  # (in,): one sample

print(W.shape)
#> torch.Size([30, 20])
print(torch.equal(layer(x0), W @ x0 + b))
#> True
