"""Cast the batch to the layer's dtype (or build it as float32); the shapes
were never the problem.
"""

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # weight (out, in), float32
batch = np.random.default_rng(0).normal(size=(128, 20))  # (B, in), float64

x = torch.from_numpy(batch).to(layer.weight.dtype)  # (B, in), float32
print(x.dtype, layer(x).shape)
#> torch.float32 torch.Size([128, 30])
# (B, in): a float32 copy from the start
x32 = torch.tensor(batch, dtype=torch.float32)
# the same float32 values go through the same layer
print(torch.equal(layer(x), layer(x32)))
#> True
