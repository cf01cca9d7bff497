"""in_features=0: weight is [out, 0], the init warns, the bias is zero and so
is the output.
"""

import warnings

import torch
from torch import nn

torch.manual_seed(0)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    layer = nn.Linear(0, 30)  # in_features=0, out_features=30
for warning in caught:
    print(warning.category.__name__, warning.message)
#> UserWarning Initializing zero-element tensors is a no-op

print(layer.weight.shape, layer.bias.shape)
#> torch.Size([30, 0]) torch.Size([30])
# bound 1/sqrt(fan_in) is taken as 0
print(torch.count_nonzero(layer.bias).item())
#> 0

x = torch.empty(4, 0)  # (B, in=0): four samples with no features
y = layer(x)  # (B, out)
print(x.shape, y.shape, torch.count_nonzero(y).item())
#> torch.Size([4, 0]) torch.Size([4, 30]) 0
