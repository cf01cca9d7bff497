"""Flax stores Dense kernels [in, out] = (20, 30) in both APIs, linen and NNX.
"""

import flax.linen as linen
import jax
import jax.numpy as jnp
import numpy as np
from flax import nnx

x = jnp.ones((128, 20))  # (B, in)
dense = linen.Dense(features=30)
# the kernel's shape is inferred from x
params = dense.init(jax.random.key(0), x)
kernel = params["params"]["kernel"]  # (in, out)
bias = params["params"]["bias"]  # (out,)
y = dense.apply(params, x)  # (B, out)

print(x.shape, kernel.shape, bias.shape)
#> (128, 20) (20, 30) (30,)
print(y.shape, np.allclose(y, x @ kernel + bias, atol=1e-6))
#> (128, 30) True

# in_features=20, out_features=30
linear = nnx.Linear(20, 30, rngs=nnx.Rngs(0))
print(linear.kernel.shape, linear.bias.shape)
#> (20, 30) (30,)
print(linear(x).shape)
#> (128, 30)
