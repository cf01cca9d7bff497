"""The profiler sees one forward of (B, in) -> (B, out): linear, a transpose
view, then addmm.
"""

import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
x = torch.randn(128, 20)  # (B, in)

with profile(activities=[ProfilerActivity.CPU], record_shapes=True) as prof:
    layer(x)

names = [event.name for event in prof.events()]
print(names[: names.index("aten::addmm") + 1])
#> ['aten::linear', 'aten::t', 'aten::transpose', 'aten::as_strided', 'aten::addmm']

# The profiler records each argument's shape, in the order of the operator's
# signature. linear calls addmm(self, mat1, mat2, beta, alpha) as
# addmm(bias, x, weight.t()).
addmm = next(event for event in prof.events() if event.name == "aten::addmm")
bias, mat1, mat2 = addmm.input_shapes[:3]  # (out,), (B, in), (in, out)
print(f"self {bias}, mat1 {mat1}, mat2 {mat2}")
#> self [30], mat1 [128, 20], mat2 [20, 30]

# copy_(self, src) writes src into self; the trace has one.
print(names.count("aten::copy_"))
#> 1
copy = next(event for event in prof.events() if event.name == "aten::copy_")
out, src = copy.input_shapes[:2]  # (B, out), (B, out)
print(f"self {out}, src {src}")
#> self [128, 30], src [128, 30]
