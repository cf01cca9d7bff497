"""Row-major bytes of X Wᵀ + b [B, out] are the column-major bytes of
W Xᵀ + b [out, B].
"""

import numpy as np

rng = np.random.default_rng(0)
W = rng.standard_normal((3, 4))  # (out, in)
b = rng.standard_normal(3)  # (out,)
X = rng.standard_normal((5, 4))  # (B, in)

rows = X @ W.T + b  # (B, out), C order (row-major)
# (out, B), Fortran order (column-major)
cols = np.asfortranarray(W @ X.T + b[:, None])
print(rows.shape, rows.flags["C_CONTIGUOUS"])
#> (5, 3) True
print(cols.shape, cols.flags["F_CONTIGUOUS"])
#> (3, 5) True
print(rows.tobytes(order="A") == cols.tobytes(order="A"))
#> True

