"""The design matrix X is [B, in]: one sample per row, one feature per column.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(4, 3)  # in_features=4, out_features=3
X = torch.randn(5, 4)  # (B, in): 5 samples, 4 features each
Y = layer(X)  # (B, out)

print(X.shape, layer.weight.shape, Y.shape)
#> torch.Size([5, 4]) torch.Size([3, 4]) torch.Size([5, 3])
# Row 2 of X is sample 2; row 2 of Y is that sample's output, and nothing
# else.
print(torch.allclose(Y[2], layer(X[2])))
#> True
