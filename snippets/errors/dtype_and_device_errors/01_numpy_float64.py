"""A NumPy batch is float64; torch.from_numpy keeps it, and Linear's float32
weight refuses it.
"""

import numpy as np
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # weight (out, in), float32
# (B, in), NumPy's default float64
batch = np.random.default_rng(0).normal(size=(128, 20))
x = torch.from_numpy(batch)  # (B, in), still float64

print(batch.dtype, x.dtype, layer.weight.dtype)
#> float64 torch.float64 torch.float32
layer(x)
#> RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
