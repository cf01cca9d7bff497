"""Row j of the [out, in] weight is output j's weights: layer(x)[:, j] is
x @ weight[j] + bias[j].
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
x = torch.randn(128, 20)  # (B, in): one sample per row
j = 7  # any output feature

row = layer.weight[j]  # (in,): every weight that feeds output j
print(row.shape, row.is_contiguous())
#> torch.Size([20]) True
# float32: the layer's matrix product and this dot product round
# differently in the last bits (about 1e-7 here): allow atol=1e-6.
by_hand = x @ layer.weight[j] + layer.bias[j]  # (B,)
print(torch.allclose(layer(x)[:, j], by_hand, atol=1e-6))
#> True
