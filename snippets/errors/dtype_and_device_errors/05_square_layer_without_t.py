"""On a square layer x @ weight runs without an error and gives the wrong
numbers; x @ weight.T is the layer.
"""

import torch
from torch import nn

torch.manual_seed(10)
layer = nn.Linear(3, 3)  # weight (out, in) = (3, 3): both orders type-check
x = torch.ones(2, 3)  # (B, in)

with torch.no_grad():
    # (B, out), but row j of weight is output j, not input j
    wrong = x @ layer.weight + layer.bias
    right = x @ layer.weight.T + layer.bias  # (B, out)
    y = layer(x)  # (B, out)

print(wrong.shape, right.shape)
#> torch.Size([2, 3]) torch.Size([2, 3])
print(torch.allclose(y, wrong), torch.allclose(y, right))
#> False True
