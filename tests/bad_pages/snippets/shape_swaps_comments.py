"""Copying a kernel (20, 30) into the Linear's weight (20, 30) without .T fails."""

import torch

layer = torch.nn.Linear(20, 30).eval()  # (out, in) = (20, 30)
head = torch.nn.Linear(20, 30)  # (out, in) = (20, 30)
print(layer.weight.T.shape)
#> torch.Size([20, 30])
W, b = head.weight, head.bias  # (out, in) = (20, 30), (out,)
