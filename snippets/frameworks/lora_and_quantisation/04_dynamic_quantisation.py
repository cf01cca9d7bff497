"""torch.ao dynamic quantisation keeps nn.Linear's layout: the int8 weight
of a quantised Linear(20, 30) is still [out, in] = [30, 20].
"""

import textwrap
import warnings

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(20, 30))  # in_features=20, out_features=30

# PyTorch raises some of these warnings once per process; show them every run.
warn_always = torch.is_warn_always_enabled()
torch.set_warn_always(True)
try:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        quantised = torch.ao.quantization.quantize_dynamic(
            model, {nn.Linear}, dtype=torch.qint8
        )
finally:
    torch.set_warn_always(warn_always)
# The first clause of each warning, once; the rest names release numbers.
seen = []
for warning in caught:
    first = str(warning.message).split(" and will")[0].split(" are ")[0]
    if (warning.category, first) not in seen:
        seen.append((warning.category, first))
for category, first in seen:
    print(category.__name__)
    print(textwrap.fill(first, 70))
#> DeprecationWarning
#> torch.ao.quantization is deprecated
#> UserWarning
#> torch.quantize_per_tensor, torch.quantize_per_channel and other
#> quantized tensor creation functions that produce tensors with dtype
#> torch.quint8, torch.qint8, and torch.qint32

layer = quantised[0]
print(layer._get_name())
#> DynamicQuantizedLinear
weight = layer.weight()  # (out, in), quantised
print(weight.shape, weight.dtype, weight.qscheme())
#> torch.Size([30, 20]) torch.qint8 torch.per_tensor_affine
print(weight.int_repr().shape, weight.int_repr().dtype)
#> torch.Size([30, 20]) torch.int8
x = torch.randn(128, 20)  # (B, in): activations stay float
print(layer(x).shape, layer(x).dtype)
#> torch.Size([128, 30]) torch.float32
