"""weight.T is a view: same storage, swapped strides. A forward pass runs t
and addmm, no copy.
"""

import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode

torch.manual_seed(0)
layer = nn.Linear(20, 30)
x = torch.randn(128, 20)  # (B, in)
W = layer.weight  # (out, in) = (30, 20)

print(W.stride(), W.T.stride())
#> (20, 1) (1, 20)
print(W.T.data_ptr() == W.data_ptr(), W.T.is_contiguous())
#> True False


class RecordOps(TorchDispatchMode):
    """Record the name of every ATen operator that runs inside the `with`
    block.
    """

    def __init__(self):
        super().__init__()
        self.ops = []

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        self.ops.append(func.overloadpacket.__name__)
        return func(*args, **(kwargs or {}))


with RecordOps() as recorded:
    y = layer(x)  # (B, out)
print(recorded.ops)
#> ['t', 'addmm']
