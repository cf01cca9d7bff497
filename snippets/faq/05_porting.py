"""An [in, out] matrix (Keras kernel, GPT-2 Conv1D, Goodfellow's W) goes into
nn.Linear as W.T.
"""

import torch
from torch import nn
from transformers.pytorch_utils import Conv1D

torch.manual_seed(0)
# GPT-2's "linear layer with transposed weights": 20 in, 30 out
conv1d = Conv1D(nf=30, nx=20)
linear = nn.Linear(20, 30)
x = torch.randn(128, 20)  # (B, in)

print(conv1d.weight.shape, linear.weight.shape)
#> torch.Size([20, 30]) torch.Size([30, 20])
with torch.no_grad():
    linear.weight.copy_(conv1d.weight.T)  # [in, out] -> [out, in]
    linear.bias.copy_(conv1d.bias)
print(torch.allclose(linear(x), conv1d(x)))
#> True
