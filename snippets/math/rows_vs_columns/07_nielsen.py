"""Nielsen's network.py stores w^l_jk as randn(y, x) = [out, in] and column
activations: load as is.
"""

import numpy as np
import torch
from torch import nn

np.random.seed(0)
sizes = [4, 3]  # 4 inputs, 3 outputs
# As in network.py: weights randn(y, x), biases randn(y, 1), activations are
# (n, 1) columns.
# (out, in): w[j, k] connects input k to output j
w = np.random.randn(sizes[1], sizes[0])
b = np.random.randn(sizes[1], 1)  # (out, 1)
a = np.random.randn(sizes[0], 1)  # (in, 1): one sample as a column

z = np.dot(w, a) + b  # (out, 1): Nielsen's w a + b

layer = nn.Linear(4, 3, dtype=torch.float64)
with torch.no_grad():
    layer.weight.copy_(torch.from_numpy(w))  # no transpose
    layer.bias.copy_(torch.from_numpy(b[:, 0]))  # (out, 1) -> (out,)
y = layer(torch.from_numpy(a.T))  # (1, in) row in, (1, out) row out
print(w.shape, y.shape, np.allclose(y.detach().numpy(), z.T))
#> (3, 4) torch.Size([1, 3]) True
