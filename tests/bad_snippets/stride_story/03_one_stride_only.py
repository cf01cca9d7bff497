"""A good input for the one-demo-per-fact guard: one stride printed, about a copy, is not the view story."""

from torch import nn

copy = nn.Linear(20, 30).weight.T.contiguous()  # (in, out), a new block of memory
print(copy.stride())
#> (30, 1)
