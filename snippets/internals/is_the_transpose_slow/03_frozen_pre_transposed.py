"""TorchScript's optimize_for_inference stores a frozen Linear's weight pre-transposed, as an [in, out] copy."""

import warnings

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30).eval()  # weight (out, in) = (30, 20)
x = torch.randn(128, 20)  # (B, in)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # TorchScript is deprecated, and still ships
    frozen = torch.jit.optimize_for_inference(torch.jit.script(layer))

# The graph keeps the bias and the weight itself, and adds a contiguous (in, out) copy of the weight.
for node in frozen.graph.nodes():
    if node.kind() == "prim::Constant" and node.output().type().kind() == "TensorType":
        t = node.output().toIValue()
        print(tuple(t.shape), t.stride(), t.data_ptr() == layer.weight.data_ptr())
#> (30,) (1,) False
#> (30, 20) (20, 1) True
#> (20, 30) (30, 1) False
print([n.kind() for n in frozen.graph.nodes() if n.kind().startswith("aten::")])
#> ['aten::matmul', 'aten::add']
print(torch.allclose(frozen(x), layer(x)))
#> True
