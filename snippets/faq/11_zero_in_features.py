"""Linear(0, 5): weight [5, 0], bias initialised to zeros, and the output is
all bias: zeros [3, 5].
"""

import warnings

import torch
from torch import nn

with warnings.catch_warnings():
    # "Initializing zero-element tensors is a no-op"
    warnings.simplefilter("ignore")
    layer = nn.Linear(0, 5)
x = torch.randn(3, 0)  # (B, in=0)

print(layer.weight.shape, layer.bias.tolist())
#> torch.Size([5, 0]) [0.0, 0.0, 0.0, 0.0, 0.0]
print(layer(x).shape, bool((layer(x) == 0).all()))
#> torch.Size([3, 5]) True
