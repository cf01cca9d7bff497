"""F.linear also takes a 1-D weight [in]: it contracts the last dim and drops
it.
"""

import torch
import torch.nn.functional as F

torch.manual_seed(0)
weight = torch.randn(20)  # (in,): a single output, squeezed away
bias = torch.randn(())  # (): a scalar bias

x1 = torch.randn(20)  # (in,)
print(weight.shape, F.linear(x1, weight, bias).shape)
#> torch.Size([20]) torch.Size([])
x3 = torch.randn(4, 7, 20)  # (B, T, in)
print(F.linear(x3, weight, bias).shape)
#> torch.Size([4, 7])
x2 = torch.randn(128, 20)  # (B, in)
# without a bias, 2-D input works too
print(x2.shape, F.linear(x2, weight).shape)
#> torch.Size([128, 20]) torch.Size([128])

# With a bias, a [1, in] weight and a squeeze give the same [B] result on any
# input.
weight_2d = weight[None]  # (1, in)
print(weight_2d.shape, F.linear(x2, weight_2d, bias).squeeze(-1).shape)
#> torch.Size([1, 20]) torch.Size([128])
print(
    torch.allclose(
        F.linear(x2, weight_2d, bias).squeeze(-1), x2 @ weight + bias
    )
)
#> True
