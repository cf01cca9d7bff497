"""Inputs are rows, not columns: each row of X [B, in] is one sample, each
column one feature.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
X = torch.randn(128, 20)  # (B, in)
Y = layer(X)  # (B, out)

# The columns are the features: their number is in_features.
print(X.shape[1] == layer.in_features)
#> True
# Each row is a sample: change row 5 alone and only row 5 of the output
# changes.
X2 = X.clone()
X2[5] += 1.0
changed = (layer(X2) != Y).any(dim=1)  # (B,): which output rows differ
print(changed.nonzero().flatten().tolist())
#> [5]
# Each output row is the textbook W x + b of that one sample.
print(torch.allclose(Y[5], layer.weight @ X[5] + layer.bias))
#> True
