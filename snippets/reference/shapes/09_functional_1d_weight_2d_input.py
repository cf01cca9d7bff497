"""F.linear with a 1-D weight, a bias and a 2-D [B, in] input raises in eager
mode.
"""

import torch
import torch.nn.functional as F

torch.manual_seed(0)
weight = torch.randn(20)  # (in,)
bias = torch.randn(())  # ()
x2 = torch.randn(128, 20)  # (B, in)

F.linear(x2, weight, bias)  # the fused addmm path expects a 2-D weight
#> RuntimeError: mat2 must be a matrix, got 1-D tensor
