"""GPT-2's Conv1D keeps weight [in, out]: convert each one to nn.Linear with
weight.T, bias as is.
"""

import os

os.environ["HF_HUB_OFFLINE"] = "1"  # nothing here needs the Hub

import torch
from torch import nn
from transformers.pytorch_utils import Conv1D


def conv1d_to_linear(conv1d: Conv1D) -> nn.Linear:
    # in_features=nx, out_features=nf
    linear = nn.Linear(conv1d.nx, conv1d.nf)
    with torch.no_grad():
        linear.weight.copy_(conv1d.weight.T)  # (in, out) -> (out, in)
        linear.bias.copy_(conv1d.bias)
    return linear


torch.manual_seed(0)
# GPT-2's fused q, k, v projection for a width of 64
c_attn = Conv1D(nf=3 * 64, nx=64)
linear = conv1d_to_linear(c_attn)
x = torch.randn(2, 10, 64)  # (B, T, in)

print(tuple(c_attn.weight.shape), tuple(linear.weight.shape))
#> (64, 192) (192, 64)
print(tuple(linear(x).shape), torch.allclose(linear(x), c_attn(x), atol=1e-6))
#> (2, 10, 192) True
