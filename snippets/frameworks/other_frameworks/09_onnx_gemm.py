"""nn.Linear exports to ONNX as Gemm with transB=1: the initializer keeps
PyTorch's [out, in] = (30, 20).
"""

import io

import numpy as np
import onnx
import torch
from onnx.reference import ReferenceEvaluator
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # weight (out, in)
x = torch.randn(128, 20)  # (B, in)

buffer = io.BytesIO()
torch.onnx.export(
    layer, (x,), buffer, dynamo=False, input_names=["x"], output_names=["y"]
)
model = onnx.load_from_string(buffer.getvalue())
gemm = model.graph.node[0]
y_onnx = ReferenceEvaluator(model).run(None, {"x": x.numpy()})[0]  # (B, out)

print(
    gemm.op_type,
    {a.name: onnx.helper.get_attribute_value(a) for a in gemm.attribute},
)
#> Gemm {'alpha': 1.0, 'beta': 1.0, 'transB': 1}
print({init.name: tuple(init.dims) for init in model.graph.initializer})
#> {'weight': (30, 20), 'bias': (30,)}
print(y_onnx.shape, np.allclose(y_onnx, layer(x).detach().numpy(), atol=1e-6))
#> (128, 30) True
