"""Haiku's hk.Linear stores w as [in, out] = (20, 30) and computes x @ w + b.
"""

import haiku as hk
import jax
import jax.numpy as jnp
import numpy as np


def forward(x):
    return hk.Linear(30)(x)  # output_size=30; the input size is read from x


model = hk.transform(forward)
x = jnp.ones((128, 20))  # (B, in)
params = model.init(jax.random.key(0), x)
w, b = params["linear"]["w"], params["linear"]["b"]  # (in, out), (out,)
y = model.apply(params, None, x)  # (B, out)

print(hk.__version__)
#> 0.0.17
print(w.shape, b.shape, y.shape)
#> (20, 30) (30,) (128, 30)
print(np.allclose(y, x @ w + b, atol=1e-6))
#> True
