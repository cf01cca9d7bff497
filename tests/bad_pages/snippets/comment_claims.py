"""A Linear(20, 30) layer keeps its weight as [20, 30]."""

import torch

layer = torch.nn.Linear(20, 30)  # weight (out, in) = (30, 20)
x = torch.randn(128, 20)  # (B, in) = (128, 30)
print(layer.weight.shape)
#> torch.Size([30, 20])
b = layer.bias  # (20,)
