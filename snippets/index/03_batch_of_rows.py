"""A batch stacks samples as rows: x @ W.T + b, and it is the transpose of W @
x.T + b.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
W, b = layer.weight, layer.bias  # (30, 20), (30,)
x = torch.randn(128, 20)  # (B, in)

rows = x @ W.T + b  # (B, out): PyTorch's form, one output row per input row
# (out, B): textbook form, one output column per sample
columns = W @ x.T + b[:, None]
print(rows.shape, columns.shape)
#> torch.Size([128, 30]) torch.Size([30, 128])
print(torch.allclose(layer(x), rows))
#> True
print(torch.allclose(rows, columns.T))
#> True
# Row i of the output is the textbook W @ x_i + b for sample i.
print(torch.allclose(rows[5], W @ x[5] + b))
#> True
