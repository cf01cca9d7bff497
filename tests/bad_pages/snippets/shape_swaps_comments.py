"""Copying a kernel (20, 30) into the Linear's weight (20, 30) without .T fails."""

import torch

layer = torch.nn.Linear(20, 30)
print(layer.weight.shape, layer.weight.T.shape)
#> torch.Size([30, 20]) torch.Size([20, 30])
