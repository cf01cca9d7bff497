"""einsum('...i,oi->...o') names the weight's [out, in] layout and needs no
transpose: on x [2, 5, 20] it equals layer(x), [2, 5, 30].
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
x = torch.randn(2, 5, 20)  # (B, T, in)

y = torch.einsum("...i,oi->...o", x, layer.weight) + layer.bias  # (B, T, out)
print(x.shape)
#> torch.Size([2, 5, 20])
print(y.shape, layer(x).shape)
#> torch.Size([2, 5, 30]) torch.Size([2, 5, 30])
print(torch.allclose(y, layer(x), atol=1e-6))
#> True
