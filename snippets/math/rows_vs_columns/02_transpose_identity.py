"""(W x)ᵀ = xᵀ Wᵀ for one sample, and (W Xᵀ)ᵀ = X Wᵀ for a batch of rows."""

import torch

torch.manual_seed(0)
W = torch.randn(3, 4, dtype=torch.float64)  # (out, in)
x = torch.randn(4, 1, dtype=torch.float64)  # (in, 1): one sample as a column
X = torch.randn(5, 4, dtype=torch.float64)  # (B, in): samples as rows

print((W @ x).shape, (x.T @ W.T).shape)
#> torch.Size([3, 1]) torch.Size([1, 3])
print(torch.allclose((W @ x).T, x.T @ W.T))
#> True
print((W @ X.T).shape, (X @ W.T).shape)
#> torch.Size([3, 5]) torch.Size([5, 3])
print(torch.allclose((W @ X.T).T, X @ W.T))
#> True
