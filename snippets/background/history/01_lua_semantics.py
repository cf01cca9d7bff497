"""Torch7's two cases in PyTorch: one sample (in,) is addmv(b, W, x0); a batch
(B, in) is addmm(b, X, W.t()).
"""

# --8<-- [start:one_sample]
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
weight = layer.weight.detach()  # (out, in), as in Torch7
bias = layer.bias.detach()  # (out,)

x0 = torch.randn(20)  # (in,): one sample, a vector
print(x0.shape, layer(x0).shape)
#> torch.Size([20]) torch.Size([30])
# addmv is a matrix-vector product; layer(x0) runs a one-row matrix
# product: two kernels, so compare with allclose.
print(torch.allclose(torch.addmv(bias, weight, x0), layer(x0)))  # bias + W x0
#> True
# --8<-- [end:one_sample]

# --8<-- [start:batch]
x = torch.randn(128, 20)  # (B, in): one sample per row
print(x.shape, layer(x).shape)
#> torch.Size([128, 20]) torch.Size([128, 30])
# layer(x) makes this very addmm call, so the results are equal bit for bit.
print(torch.equal(torch.addmm(bias, x, weight.t()), layer(x)))  # bias + X W^T
#> True
# --8<-- [end:batch]
