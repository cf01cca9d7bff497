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

# addmm receives the weight as a [20, 30] view; the one copy_ writes the bias
# into the [128, 30] output.
for event in prof.events():
    if event.name in ("aten::addmm", "aten::copy_"):
        print(event.name, event.input_shapes)
#> aten::addmm [[30], [128, 20], [20, 30], [], []]
#> aten::copy_ [[128, 30], [128, 30], []]
