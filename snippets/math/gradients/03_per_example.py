"""Per-example weight gradients with torch.func: (B, out, in) = (2, 3, 2),
summing to the batch gradient.
"""

import torch
from torch.func import grad, vmap

X = torch.tensor([[1.0, 2.0], [3.0, 4.0]])  # (B, in) = (2, 2)
W = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])  # (out, in) = (3, 2)
b = torch.tensor([0.0, 0.0, 10.0])  # (out,)


def loss(W, b, x):  # x: (in,), one sample
    return (W @ x + b).sum()  # the textbook form, one column at a time


# grad w.r.t. W for one sample; vmap runs it over the rows of X, sharing W and
# b.
# (B, out, in)
per_example = vmap(grad(loss), in_dims=(None, None, 0))(W, b, X)
print(per_example.shape)
#> torch.Size([2, 3, 2])
print(per_example.long().tolist())
#> [[[1, 2], [1, 2], [1, 2]], [[3, 4], [3, 4], [3, 4]]]

# Each slice is the outer product g_i x_iᵀ; their sum is the batch gradient Gᵀ
# X.
G = torch.ones(2, 3)  # (B, out): dL/dY for L = Y.sum()
print(torch.equal(per_example[1], torch.outer(G[1], X[1])))
#> True
print(
    per_example.sum(0).long().tolist(),
    torch.equal(per_example.sum(0), G.T @ X),
)
#> [[4, 6], [4, 6], [4, 6]] True
