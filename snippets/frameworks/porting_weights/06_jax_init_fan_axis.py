"""JAX's variance_scaling reads fan_in from axis -2: a PyTorch-layout (out,
in) shape gets the wrong fan.
"""

import jax
import numpy as np

# in_axis=-2 by default
init = jax.nn.initializers.variance_scaling(1.0, "fan_in", "uniform")
key = jax.random.key(0)

jax_layout = init(key, (4000, 10))  # (in, out): fan_in = 4000, as JAX assumes
torch_layout = init(key, (10, 4000))  # (out, in): JAX reads fan_in = 10

print(
    jax_layout.shape,
    round(float(jax_layout.std()), 4),
    round(1 / np.sqrt(4000), 4),
)
#> (4000, 10) 0.0158 0.0158
print(
    torch_layout.shape,
    round(float(torch_layout.std()), 4),
    round(1 / np.sqrt(10), 4),
)
#> (10, 4000) 0.3168 0.3162
print(round(float(torch_layout.std() / jax_layout.std()), 1))
#> 20.0

fixed = jax.nn.initializers.variance_scaling(
    1.0, "fan_in", "uniform", in_axis=-1, out_axis=-2
)
# tell it where the input axis is
print(round(float(fixed(key, (10, 4000)).std()), 4))
#> 0.0158
