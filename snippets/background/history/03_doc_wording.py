"""The docstrings today: nn.Linear says "affine linear", F.linear still says
"linear", both y = xA^T + b.
"""

import torch.nn.functional as F
from torch import nn

print(nn.Linear.__doc__.strip().splitlines()[0])
#> Applies an affine linear transformation to the incoming data: :math:`y = xA^T + b`.
print(
    [
        line.strip()
        for line in F.linear.__doc__.splitlines()
        if "Applies" in line
    ][0]
)
#> Applies a linear transformation to the incoming data: :math:`y = xA^T + b`.
print(nn.Linear(20, 30))
#> Linear(in_features=20, out_features=30, bias=True)
