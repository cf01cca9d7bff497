"""U(-b, b) has std b/sqrt(3): a [1000, 1000] weight with b = 1/sqrt(1000) has
std 1/sqrt(3000).
"""

import math

import torch
from torch import nn

torch.manual_seed(0)
# weight (out, in) = (1000, 1000): a million draws
layer = nn.Linear(1000, 1000)

print(round(layer.weight.std().item(), 4), round(1 / math.sqrt(3000), 4))
#> 0.0183 0.0183
