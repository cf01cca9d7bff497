"""torch.compile on CPU: Inductor reads weight [out, in] as a (20, 30) view
with strides (1, 20) and calls addmm.
"""

import torch
from torch import nn
from torch._inductor.utils import run_and_get_code

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
x = torch.randn(128, 20)  # (B, in)

with torch.no_grad():
    y, (code,) = run_and_get_code(torch.compile(layer), x)  # y: (B, out)

for line in code.splitlines():
    if "extern_kernels.addmm" in line or "Original ATen" in line:
        print(line.strip())
#> # Topologically Sorted Source Nodes: [linear], Original ATen: [aten.t, aten.addmm]
#> extern_kernels.addmm(arg1_1, arg2_1, reinterpret_tensor(arg0_1, (20, 30), (1, 20), 0), alpha=1, beta=1, out=buf0)
print(torch.allclose(y, layer(x)))
#> True
