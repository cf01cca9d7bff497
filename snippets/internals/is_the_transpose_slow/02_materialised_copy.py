"""weight.T is a free [in, out] view; weight.T.contiguous() copies all out *
in numbers every call.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
weight = layer.weight.detach()  # (out, in)

view = weight.T  # (in, out), strides swapped
copy = weight.T.contiguous()  # (in, out), a new block of memory

print(view.is_contiguous(), view.data_ptr() == weight.data_ptr())
#> False True
print(copy.is_contiguous(), copy.data_ptr() == weight.data_ptr())
#> True False
print(copy.stride())
#> (30, 1)
print(copy.untyped_storage().nbytes())
#> 2400
print(torch.equal(view, copy))
#> True

# The same copy for a 4096 -> 4096 layer, in MiB of float32:
print(4096 * 4096 * copy.element_size() // 2**20)
#> 64
