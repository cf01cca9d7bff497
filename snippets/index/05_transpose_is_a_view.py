"""weight.T is a view of the stored [out, in] weight: swapped strides, same
memory, nothing copied.
"""

from torch import nn

layer = nn.Linear(20, 30)
W = layer.weight  # (out, in) = (30, 20), stored row by row

print(W.shape, W.stride())
#> torch.Size([30, 20]) (20, 1)
print(W.T.shape, W.T.stride())
#> torch.Size([20, 30]) (1, 20)
print(W.T.data_ptr() == W.data_ptr())
#> True
print(W.T.is_contiguous())
#> False
