"""A bad input for the one-demo-per-fact guard: the same stride view, told a second time."""

from torch import nn

W = nn.Linear(20, 30).weight  # (out, in)
print(W.stride(), W.T.stride(), W.T.data_ptr() == W.data_ptr())
#> (20, 1) (1, 20) True
