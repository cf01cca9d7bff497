"""ONNX export of nn.Linear(20, 30): one Gemm node with transB=1 and the
weight initializer kept [out, in].
"""

import onnx
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30).eval()  # in_features=20, out_features=30
x = torch.randn(128, 20)  # (B, in)

model = torch.onnx.export(layer, (x,), dynamo=True, verbose=False).model_proto

for node in model.graph.node:
    attributes = {
        a.name: onnx.helper.get_attribute_value(a) for a in node.attribute
    }
    print(
        node.op_type,
        list(node.input),
        attributes["transA"],
        attributes["transB"],
    )
#> Gemm ['input', 'weight', 'bias'] 0 1
for tensor in model.graph.initializer:
    print(tensor.name, list(tensor.dims))
#> weight [30, 20]
#> bias [30]
