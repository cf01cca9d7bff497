"""Row-major bytes of X Wᵀ + b [B, out] are the column-major bytes of W Xᵀ + b
[out, B].
"""

import numpy as np
import torch

rng = np.random.default_rng(0)
W = rng.standard_normal((3, 4))  # (out, in)
b = rng.standard_normal(3)  # (out,)
X = rng.standard_normal((5, 4))  # (B, in)

rows = X @ W.T + b  # (B, out), C order (row-major)
# (out, B), Fortran order (column-major)
cols = np.asfortranarray(W @ X.T + b[:, None])
print(
    rows.shape,
    rows.flags["C_CONTIGUOUS"],
    cols.shape,
    cols.flags["F_CONTIGUOUS"],
)
#> (5, 3) True (3, 5) True
print(rows.tobytes(order="A") == cols.tobytes(order="A"))
#> True

# The same fact in torch: a transpose is a new view of the same memory, with
# strides swapped.
y = torch.from_numpy(rows)  # (B, out)
print(y.stride(), y.T.stride(), y.T.data_ptr() == y.data_ptr())
#> (3, 1) (1, 3) True
