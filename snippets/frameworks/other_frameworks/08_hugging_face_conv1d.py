"""GPT-2's Conv1D(nf=30, nx=20) stores weight [in, out] = (20, 30); nn.Linear
takes it as weight.T.
"""

import os

os.environ["HF_HUB_OFFLINE"] = "1"  # nothing here needs the Hub

import torch
from torch import nn
from transformers.pytorch_utils import Conv1D

torch.manual_seed(0)
conv1d = Conv1D(nf=30, nx=20)  # nf: output features, nx: input features
x = torch.randn(128, 20)  # (B, in)

linear = nn.Linear(20, 30)  # weight (out, in)
with torch.no_grad():
    linear.weight.copy_(conv1d.weight.T)  # (in, out) -> (out, in)
    linear.bias.copy_(conv1d.bias)

print(tuple(conv1d.weight.shape), tuple(linear.weight.shape))
#> (20, 30) (30, 20)
print(torch.allclose(linear(x), conv1d(x)))
#> True
