"""Fix the caller: compute the flatten size with a dummy forward, or let
nn.LazyLinear infer it.
"""

import torch
from torch import nn

torch.manual_seed(0)
features = nn.Sequential(
    nn.Conv2d(3, 16, kernel_size=3), nn.ReLU(), nn.Flatten()
)
images = torch.randn(8, 3, 32, 32)  # (B, C, H, W)

# Option 1: run the feature stack once on a dummy batch and read the last
# dimension.
with torch.no_grad():
    n_flat = features(torch.zeros(1, 3, 32, 32)).shape[-1]
print(n_flat, 16 * 30 * 30)
#> 14400 14400
model = nn.Sequential(features, nn.Linear(n_flat, 10))
print(model(images).shape)
#> torch.Size([8, 10])

# Option 2: nn.LazyLinear takes in_features from the first input it sees.
lazy = nn.Sequential(features, nn.LazyLinear(10))
print(lazy(images).shape, lazy[1].weight.shape)
#> torch.Size([8, 10]) torch.Size([10, 14400])
