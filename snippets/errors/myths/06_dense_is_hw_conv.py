"""A dense layer on a flattened [C, H, W] map is a conv with an H x W kernel
(valid padding), not 1 x 1.
"""

import torch
from torch import nn

torch.manual_seed(0)
C, H, W_, out = 3, 5, 7, 10
images = torch.randn(2, C, H, W_)  # (B, C, H, W)

# on the flattened map, (B, C*H*W) -> (B, out)
dense = nn.Linear(C * H * W_, out)
conv = nn.Conv2d(C, out, kernel_size=(H, W_))  # padding=0, "valid"
with torch.no_grad():
    # (out, C*H*W) -> (out, C, H, W)
    conv.weight.copy_(dense.weight.reshape(out, C, H, W_))
    conv.bias.copy_(dense.bias)

y_dense = dense(images.flatten(1))  # (B, out)
y_conv = conv(images)  # (B, out, 1, 1)
print(y_dense.shape, y_conv.shape)
#> torch.Size([2, 10]) torch.Size([2, 10, 1, 1])
print(torch.allclose(y_dense, y_conv.flatten(1), atol=1e-6))
#> True

# A 1 x 1 conv is something else: it mixes channels at each pixel and keeps
# the H x W grid.
one_by_one = nn.Conv2d(C, out, kernel_size=1)
print(one_by_one(images).shape)
#> torch.Size([2, 10, 5, 7])
print(
    sum(p.numel() for p in dense.parameters()),
    sum(p.numel() for p in one_by_one.parameters()),
)
#> 1060 40
