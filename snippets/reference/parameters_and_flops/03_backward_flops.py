"""Forward + backward of [128, 20] -> [128, 30]: one matmul forward, two
backward, 3x in all.
"""

import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

torch.manual_seed(0)
layer = nn.Linear(20, 30)
x = torch.randn(128, 20, requires_grad=True)  # (B, in): we want dL/dx too

with FlopCounterMode(display=False) as counter:
    layer(x).sum().backward()

print(counter.get_total_flops(), 3 * 2 * 128 * 20 * 30)
#> 460800 460800
# addmm is the forward; the two mm calls are dL/dW (out, in) and dL/dx (B,
# in).
print({str(op): n for op, n in counter.get_flop_counts()["Global"].items()})
#> {'aten.addmm': 153600, 'aten.mm': 307200}
print(layer.weight.grad.shape, x.grad.shape)
#> torch.Size([30, 20]) torch.Size([128, 20])

# The upstream gradient of .sum() is all ones, G: (B, out); the two products
# are G.T @ x and G @ W.
G = torch.ones(128, 30)  # (B, out)
print(G.T.shape, x.shape, G.shape, layer.weight.shape)
#> torch.Size([30, 128]) torch.Size([128, 20]) torch.Size([128, 30]) torch.Size([30, 20])
print(
    torch.allclose(layer.weight.grad, G.T @ x),
    torch.allclose(x.grad, G @ layer.weight),
)
#> True True

# A first layer fed with data: x needs no gradient, so the G @ W product is
# skipped.
data = torch.randn(128, 20)  # (B, in), requires_grad=False
with FlopCounterMode(display=False) as counter:
    layer(data).sum().backward()
print(counter.get_total_flops(), 2 * 2 * 128 * 20 * 30)
#> 307200 307200
