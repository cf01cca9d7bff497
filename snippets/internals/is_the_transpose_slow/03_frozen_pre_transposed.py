"""TorchScript's optimize_for_inference stores a frozen Linear's weight
pre-transposed, as an [in, out] copy.
"""

import warnings

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30).eval()  # weight (out, in) = (30, 20)
x = torch.randn(128, 20)  # (B, in)

with warnings.catch_warnings():
    # TorchScript is deprecated, and still ships
    warnings.simplefilter("ignore", DeprecationWarning)
    frozen = torch.jit.optimize_for_inference(torch.jit.script(layer))

# The graph keeps the bias and the weight itself, and adds a contiguous
# (in, out) copy of the weight.
weight_ptr = layer.weight.data_ptr()
for node in frozen.graph.nodes():
    out = node.output() if node.kind() == "prim::Constant" else None
    if out is not None and out.type().kind() == "TensorType":
        t = out.toIValue()
        print(tuple(t.shape), t.stride(), t.data_ptr() == weight_ptr)
#> (30,) (1,) False
#> (30, 20) (20, 1) True
#> (20, 30) (30, 1) False
kinds = [n.kind() for n in frozen.graph.nodes()]
print([k for k in kinds if k.startswith("aten::")])
#> ['aten::matmul', 'aten::add']
print(torch.allclose(frozen(x), layer(x)))
#> True
