"""weight [out, in] and weight.T [in, out] share one storage: the transpose
only swaps strides.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
weight = layer.weight  # (out, in)
weight_t = weight.T  # (in, out): a view, no data moved

print(weight.shape, weight.stride())
#> torch.Size([30, 20]) (20, 1)
print(weight_t.shape, weight_t.stride())
#> torch.Size([20, 30]) (1, 20)
print(weight_t.is_contiguous())
#> False
print(weight_t.data_ptr() == weight.data_ptr())
#> True
print(
    weight_t.untyped_storage().data_ptr()
    == weight.untyped_storage().data_ptr()
)
#> True
