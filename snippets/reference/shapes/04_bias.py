"""The bias is [out]; with bias=False it is None and only the weight is a
parameter.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
print(layer.bias.shape)
#> torch.Size([30])
print([name for name, _ in layer.named_parameters()])
#> ['weight', 'bias']

no_bias = nn.Linear(20, 30, bias=False)
print(no_bias.bias)
#> None
print([name for name, _ in no_bias.named_parameters()])
#> ['weight']

x = torch.randn(128, 20)  # (B, in)
print(x.shape, no_bias(x).shape)
#> torch.Size([128, 20]) torch.Size([128, 30])
# equal bits: without a bias F.linear runs this same matmul
print(torch.equal(no_bias(x), x @ no_bias.weight.T))
#> True
