"""Equinox Linear expects one vector (20,): given a batch x of (128, 20),
W @ x contracts 20 against 128.
"""

import equinox as eqx
import jax

# weight (out, in) = (30, 20)
linear = eqx.nn.Linear(20, 30, key=jax.random.key(0))
# (B, in): a batch, not one vector
x = jax.random.normal(jax.random.key(1), (128, 20))

linear(x)
#> TypeError: dot_general requires contracting dimensions to have the same shape, got (20,) and (128,).
#> --------------------
#> For simplicity, JAX has removed its internal frames from the traceback of the following exception. Set JAX_TRACEBACK_FILTERING=off to include these.
