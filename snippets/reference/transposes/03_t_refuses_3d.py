"""t() accepts at most two dimensions: a [2, 3, 4] tensor raises."""

import torch

x = torch.zeros(2, 3, 4)  # (2, 3, 4)
x.t()
#> RuntimeError: t() expects a tensor with <= 2 dimensions, but self is 3D
