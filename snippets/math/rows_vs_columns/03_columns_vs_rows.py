"""Textbook stacks samples as columns ([in, B], W X); PyTorch stacks rows ([B,
in], X Wᵀ).
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(4, 3)
W, b = layer.weight, layer.bias  # (out, in) = (3, 4), (out,)
X = torch.randn(5, 4)  # (B, in): what a data loader yields

X_cols = X.T  # (in, B): the textbook's matrix of column samples
# (out, B): textbook W X + b, bias broadcast along columns
Y_cols = W @ X_cols + b[:, None]
# (B, out): PyTorch's X Wᵀ + b, bias broadcast along rows
Y_rows = X @ W.T + b

print(X_cols.shape, Y_cols.shape)
#> torch.Size([4, 5]) torch.Size([3, 5])
print(X.shape, Y_rows.shape)
#> torch.Size([5, 4]) torch.Size([5, 3])
print(torch.allclose(Y_cols.T, Y_rows), torch.allclose(layer(X), Y_rows))
#> True True
