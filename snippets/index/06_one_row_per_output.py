"""Row j of the [out, in] weight is output j's weights: layer(x)[:, j] is x @ weight[j] + bias[j]."""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
x = torch.randn(128, 20)  # (B, in): one sample per row
j = 7  # any output feature

row = layer.weight[j]  # (in,): every weight that feeds output j
print(row.shape, row.is_contiguous())
#> torch.Size([20]) True
print(torch.allclose(layer(x)[:, j], x @ layer.weight[j] + layer.bias[j]))
#> False
