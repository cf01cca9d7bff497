"""Equinox Linear(20, 30) stores weight [out, in] = (30, 20) and maps ONE
vector (20,): W x + b.
"""

import equinox as eqx
import jax
import numpy as np

# in_features=20, out_features=30
linear = eqx.nn.Linear(20, 30, key=jax.random.key(0))
x = jax.random.normal(jax.random.key(1), (128, 20))  # (B, in)
x0 = x[0]  # (in,): one unbatched sample

print(linear.weight.shape, linear.bias.shape)  # (out, in), (out,)
#> (30, 20) (30,)
print(
    x0.shape,
    linear(x0).shape,
    np.allclose(linear(x0), linear.weight @ x0 + linear.bias, atol=1e-6),
)
#> (20,) (30,) True
# vmap maps the layer over the batch axis: (B, out)
print(jax.vmap(linear)(x).shape)
#> (128, 30)
