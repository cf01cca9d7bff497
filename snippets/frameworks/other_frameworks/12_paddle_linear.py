"""PaddlePaddle's nn.Linear(20, 30) stores weight as [in, out] = [20, 30] and
computes Out = XW + b.
"""

import numpy as np
import paddle

paddle.seed(0)
linear = paddle.nn.Linear(20, 30)  # in_features=20, out_features=30
x = paddle.randn([128, 20])  # (B, in)
y = linear(x)  # (B, out)

print(paddle.__version__)
#> 3.3.1
print(linear.weight.shape, linear.bias.shape, y.shape)
#> paddle.Size([20, 30]) paddle.Size([30]) paddle.Size([128, 30])
by_hand = x.numpy() @ linear.weight.numpy() + linear.bias.numpy()  # (B, out)
print(np.allclose(y.numpy(), by_hand, atol=1e-5))
#> True
