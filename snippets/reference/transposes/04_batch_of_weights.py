"""A stack of weights [E, out, in] needs .mT: x [E, B, in] @ W.mT is
[E, B, out], one Linear per matrix; .T would reverse E too.
"""

import torch
import torch.nn.functional as F

torch.manual_seed(0)
weights = torch.randn(4, 30, 20)  # (E, out, in): four Linear(20, 30)
biases = torch.randn(4, 1, 30)  # (E, 1, out)
x = torch.randn(4, 128, 20)  # (E, B, in): one batch per weight

y = x @ weights.mT + biases  # (E, B, out)
one_by_one = torch.stack(
    [F.linear(x[e], weights[e], biases[e, 0]) for e in range(4)]
)  # (E, B, out)
print(weights.shape, x.shape)
#> torch.Size([4, 30, 20]) torch.Size([4, 128, 20])
print(weights.mT.shape, y.shape)
#> torch.Size([4, 20, 30]) torch.Size([4, 128, 30])
print(torch.allclose(y, one_by_one, atol=1e-5))
#> True
print(weights.permute(2, 1, 0).shape)  # what weights.T would give
#> torch.Size([20, 30, 4])
