"""Plain NumPy has no layer: store W [out, in] = (30, 20) like PyTorch and
compute x @ W.T + b.
"""

import numpy as np

rng = np.random.default_rng(0)
W = rng.standard_normal((30, 20))  # (out, in)
b = rng.standard_normal(30)  # (out,)
x = rng.standard_normal((128, 20))  # (B, in)
y = x @ W.T + b  # (B, out)

print(W.shape, y.shape)
#> (30, 20) (128, 30)
# row 5 is the textbook W x + b for sample 5
print(np.allclose(y[5], W @ x[5] + b))
#> True
