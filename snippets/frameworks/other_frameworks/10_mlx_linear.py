"""MLX nn.Linear(20, 30) stores weight [out, in] = (30, 20), like PyTorch, and
computes x @ W.T + b.
"""

import mlx.core as mx
import mlx.nn as nn

mx.random.seed(0)
layer = nn.Linear(20, 30)  # input_dims=20, output_dims=30
x = mx.random.normal((128, 20))  # (B, in)
y = layer(x)  # (B, out)

print(mx.default_device())
#> Device(cpu, 0)
print(layer.weight.shape, layer.bias.shape)
#> (30, 20) (30,)
print(y.shape, mx.allclose(y, x @ layer.weight.T + layer.bias).item())
#> (128, 30) True
