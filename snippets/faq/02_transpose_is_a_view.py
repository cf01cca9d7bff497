"""weight.T is a stride view of the same storage: nothing is copied per
forward pass.
"""

from torch import nn

layer = nn.Linear(20, 30)
W = layer.weight  # (out, in) = (30, 20)

print(W.stride(), W.T.stride(), W.T.data_ptr() == W.data_ptr())
#> (20, 1) (1, 20) True
