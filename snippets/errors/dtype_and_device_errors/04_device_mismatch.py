"""The layer and its input must sit on one device; the "meta" device shows the
check without a GPU.
"""

import torch
from torch import nn

layer = nn.Linear(20, 30)  # weight (out, in) on the CPU
# weight (out, in) on the meta device: shapes only, no data
meta_layer = nn.Linear(20, 30, device="meta")
x = torch.zeros(128, 20, device="meta")  # (B, in) on the meta device

# one device: fine
print(meta_layer.weight.device, x.device, meta_layer(x).shape)
#> meta meta torch.Size([128, 30])
layer(x)  # a CPU layer, a meta input
#> RuntimeError: Tensor on device cpu is not on the expected device meta!
