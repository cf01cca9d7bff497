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
constants = [
    node.output()
    for node in frozen.graph.nodes()
    if node.kind() == "prim::Constant"
]
tensors = [
    c.toIValue() for c in constants if c.type().kind() == "TensorType"
]
weight_ptr = layer.weight.data_ptr()
bias = next(t for t in tensors if t.dim() == 1)
weight = next(t for t in tensors if t.data_ptr() == weight_ptr)
pretransposed = next(
    t for t in tensors if t.dim() == 2 and t.data_ptr() != weight_ptr
)
print(len(tensors), torch.equal(bias, layer.bias))
#> 3 True
# two contiguous tensors, not a view: their strides are those of a new layout
weight_stride, copy_stride = weight.stride(), pretransposed.stride()
print(tuple(weight.shape), weight_stride)
#> (30, 20) (20, 1)
print(tuple(pretransposed.shape), copy_stride)
#> (20, 30) (30, 1)
print(torch.equal(pretransposed, layer.weight.T))
#> True
kinds = [n.kind() for n in frozen.graph.nodes()]
print([k for k in kinds if k.startswith("aten::")])
#> ['aten::matmul', 'aten::add']
print(torch.allclose(frozen(x), layer(x)))
#> True
