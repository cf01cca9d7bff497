"""A Linear over the channels of an NCHW map equals a 1x1 Conv2d with weight
[out, in, 1, 1].
"""

import torch
from torch import nn

torch.manual_seed(0)
linear = nn.Linear(20, 30)
conv = nn.Conv2d(20, 30, kernel_size=1)
with torch.no_grad():
    # (30, 20) -> (30, 20, 1, 1)
    conv.weight.copy_(linear.weight[:, :, None, None])
    conv.bias.copy_(linear.bias)
images = torch.randn(2, 20, 5, 7)  # (B, C=in, H, W)

# Linear acts on the last dim: move channels last, apply, move them back.
# (B, out, H, W)
via_linear = linear(images.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
print(conv.weight.shape, conv(images).shape)
#> torch.Size([30, 20, 1, 1]) torch.Size([2, 30, 5, 7])
print(torch.allclose(conv(images), via_linear, atol=1e-6))
#> True
