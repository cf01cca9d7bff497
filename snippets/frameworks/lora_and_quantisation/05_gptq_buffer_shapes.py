"""AutoGPTQ's packed qweight is (in // 32 * bits, out): [in, out]-major,
the transpose of nn.Linear's [out, in]. Its formula, without AutoGPTQ.
"""

import torch
from torch import nn

infeatures, outfeatures, bits = 64, 30, 4
layer = nn.Linear(infeatures, outfeatures)  # in_features=64, out_features=30

# The buffer shape QuantLinear.__init__ registers, from qlinear_cuda_old.py
qweight = torch.zeros(
    (infeatures // 32 * bits, outfeatures), dtype=torch.int32
)  # (in // 32 * bits, out): 32 // bits input rows per int32
print(layer.weight.shape, qweight.shape, qweight.dtype)
#> torch.Size([30, 64]) torch.Size([8, 30]) torch.int32
unpacked_rows = qweight.shape[0] * (32 // bits)  # 8 values per int32
print(unpacked_rows, qweight.shape[1])  # unpacked: (in, out)
#> 64 30
