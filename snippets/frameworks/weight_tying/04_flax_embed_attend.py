"""Flax ties with Embed.attend: the same [V, d] table maps hidden states (B,
T, d) to logits h @ E.T.
"""

import flax.linen as linen
import jax
import numpy as np

V, d = 1000, 64  # vocabulary size, model width
embed = linen.Embed(num_embeddings=V, features=d)
tokens = jax.random.randint(jax.random.key(1), (2, 10), 0, V)  # (B, T)
params = embed.init(jax.random.key(0), tokens)
E = params["params"]["embedding"]  # (V, d)

h = embed.apply(params, tokens)  # (B, T, d)
logits = embed.apply(params, h, method=linen.Embed.attend)  # (B, T, V)

print(E.shape, h.shape, logits.shape)
#> (1000, 64) (2, 10, 64) (2, 10, 1000)
print(np.allclose(logits, h @ E.T, atol=1e-5))
#> True
