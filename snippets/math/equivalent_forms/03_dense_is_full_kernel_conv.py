"""A dense layer on a flattened c x h x w map is a conv with an h x w kernel,
not 1x1.
"""

import torch
from torch import nn

torch.manual_seed(0)
c, h, w = 8, 4, 5  # channels, height, width of the feature map
dense = nn.Linear(c * h * w, 30, dtype=torch.float64)  # weight (out, c*h*w)
x = torch.randn(2, c, h, w, dtype=torch.float64)  # (B, C, H, W)
by_dense = dense(x.flatten(1))  # flatten(1) orders features as (c, h, w)
print(x.shape, dense.weight.shape, by_dense.shape)
#> torch.Size([2, 8, 4, 5]) torch.Size([30, 160]) torch.Size([2, 30])

# Each output row of the dense weight, reshaped to (c, h, w), is one full-size
# kernel.
# valid padding
conv = nn.Conv2d(c, 30, kernel_size=(h, w), dtype=torch.float64)
with torch.no_grad():
    conv.weight.copy_(dense.weight.reshape(30, c, h, w))
    conv.bias.copy_(dense.bias)
by_conv = conv(x)  # (B, out, 1, 1): the kernel fits exactly once
print(conv.weight.shape, by_conv.shape)
#> torch.Size([30, 8, 4, 5]) torch.Size([2, 30, 1, 1])
print(torch.allclose(by_conv.flatten(1), by_dense))
#> True

# A 1x1 conv is a different layer: it keeps the h x w grid and sees one
# position at a time.
print(nn.Conv2d(c, 30, kernel_size=1)(x.float()).shape)
#> torch.Size([2, 30, 4, 5])
