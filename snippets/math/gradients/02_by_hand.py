"""A 2-sample, 2-in, 3-out case small enough to check by hand, with L =
Y.sum().
"""

import torch
import torch.nn.functional as F

X = torch.tensor([[1.0, 2.0], [3.0, 4.0]])  # (B, in) = (2, 2)
# (out, in) = (3, 2)
W = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], requires_grad=True)
b = torch.tensor([0.0, 0.0, 10.0], requires_grad=True)  # (out,) = (3,)

print(X.long().tolist(), W.long().tolist(), b.long().tolist())
#> [[1, 2], [3, 4]] [[1, 0], [0, 1], [1, 1]] [0, 0, 10]

# (B, out): X Wᵀ + b, what nn.Linear(2, 3) computes
Y = F.linear(X, W, b)
print(Y.detach().long().tolist())
#> [[1, 2, 13], [3, 4, 17]]

Y.sum().backward()  # L = sum of all entries, so G = dL/dY is all ones
print(W.grad.shape, W.grad.long().tolist())
#> torch.Size([3, 2]) [[4, 6], [4, 6], [4, 6]]
print(b.grad.shape, b.grad.long().tolist())
#> torch.Size([3]) [2, 2, 2]
