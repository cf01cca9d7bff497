"""A bad input for the one-demo-per-fact guard: the stride view, told once here."""

from torch import nn

weight = nn.Linear(20, 30).weight  # (out, in)
print(weight.stride())
#> (20, 1)
print(weight.T.stride())
#> (1, 20)
