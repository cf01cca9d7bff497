"""m inputs and n outputs give an [n, m] weight, not m x n: Linear(3,
2).weight is (2, 3).
"""

import torch
from torch import nn

torch.manual_seed(0)
lin = nn.Linear(3, 2)  # m = 3 inputs, n = 2 outputs
x = torch.rand(1, 3)  # (B, in)

print(lin.weight.shape)
#> torch.Size([2, 3])
print(torch.allclose(lin(x), x @ lin.weight.T + lin.bias))
#> True
x @ lin.weight  # "x times the weights", read literally: (1, 3) @ (2, 3)
#> RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x3 and 2x3)
