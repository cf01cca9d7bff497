"""Linear(20, 30): weight [30, 20], bias [30]; one sample is W @ x + b, a
batch of rows is x @ W.T + b.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
W, b = layer.weight, layer.bias  # (out, in), (out,)
x0 = torch.randn(20)  # (in,): one sample
x = torch.randn(128, 20)  # (B, in): a batch of rows

print(x0.shape, x.shape)
#> torch.Size([20]) torch.Size([128, 20])
print(W.shape, b.shape)
#> torch.Size([30, 20]) torch.Size([30])
print(
    torch.allclose(layer(x0), W @ x0 + b),
    torch.allclose(layer(x), x @ W.T + b),
)
#> True True
print(torch.allclose(layer(x), (W @ x.T + b[:, None]).T))
#> True
