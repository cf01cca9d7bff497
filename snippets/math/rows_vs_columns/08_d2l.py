"""d2l uses both layouts: o = Wx + b with W [out, in], and O = XW + b with W
[in, out].
"""

import torch
from torch import nn

torch.manual_seed(0)
d, q = 4, 3  # 4 features, 3 outputs
layer = nn.Linear(d, q)
X = torch.randn(2, d)  # (B, in)

# §4.1, one example: o = W x + b with W a 3 x 4 matrix, i.e. [out, in]. Load
# as is.
W_41 = torch.randn(q, d)  # (out, in)
b = torch.randn(q)  # (out,)
with torch.no_grad():
    layer.weight.copy_(W_41)
    layer.bias.copy_(b)
print(W_41.shape, torch.allclose(layer(X[0]), W_41 @ X[0] + b))
#> torch.Size([3, 4]) True

# §4.1 "Vectorization" and §5.1: O = X W + b with W in R^{d x q}, i.e. [in,
# out]. Load W.T.
W_vec = torch.randn(d, q)  # (in, out)
with torch.no_grad():
    layer.weight.copy_(W_vec.T)
print(W_vec.shape, torch.allclose(layer(X), X @ W_vec + b))
#> torch.Size([4, 3]) True

# §5.3: z = W^(1) x with W^(1) in R^{h x d}, i.e. [out, in] again. Load as is.
h = 3
W_53 = torch.randn(h, d)  # (out, in)
with torch.no_grad():
    layer.weight.copy_(W_53)
    layer.bias.zero_()  # §5.3 leaves the bias out
print(W_53.shape, torch.allclose(layer(X[0]), W_53 @ X[0]))
#> torch.Size([3, 4]) True
