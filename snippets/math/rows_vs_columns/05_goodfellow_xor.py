"""Goodfellow et al. write Wᵀx with W as [in, out]: nn.Linear needs weight =
W.T ([out, in]).
"""

import torch
from torch import nn

# Chapter 6, eq. 6.3: f(x; W, c, w, b) = wᵀ max{0, Wᵀx + c} + b, with the
# book's XOR solution.
# (in, hidden) = (2, 2): column i feeds hidden unit i
W = torch.tensor([[1.0, 1.0], [1.0, 1.0]])
c = torch.tensor([0.0, -1.0])  # (hidden,)
w = torch.tensor([1.0, -2.0])  # (hidden,): one output unit
b = torch.tensor(0.0)
# (B, in): the four XOR inputs
X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])

hidden, out = nn.Linear(2, 2), nn.Linear(2, 1)
with torch.no_grad():
    hidden.weight.copy_(W.T)  # [in, out] -> [out, in]
    hidden.bias.copy_(c)
    out.weight.copy_(w[None, :])  # wᵀ is one row: weight (1, hidden)
    out.bias.fill_(b)
print(out(torch.relu(hidden(X))).squeeze(1).tolist())
#> [0.0, 1.0, 1.0, 0.0]

# The XOR W is symmetric, so it cannot show a missing .T. A non-symmetric W
# can.
W = torch.tensor([[1.0, 2.0], [0.0, -1.0]])  # (in, hidden), W != W.T
# (B, hidden): Wᵀx + c, one sample at a time
book = torch.stack([W.T @ x + c for x in X])
for weight in (W.T, W):
    with torch.no_grad():
        hidden.weight.copy_(weight)
    print(torch.equal(hidden(X), book))
#> True
#> False
