"""Keras stores Embedding [V, d] but Dense kernels [in, out] = [d, V]: tying
there needs a transpose.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"  # set before keras is imported

import keras
import numpy as np

keras.utils.set_random_seed(0)
V, d = 1000, 64  # vocabulary size, model width
embedding = keras.layers.Embedding(V, d)
embedding.build((None,))  # embeddings (V, d)
dense = keras.layers.Dense(V, use_bias=False)
dense.build((None, d))  # kernel (in, out) = (d, V)

print(tuple(embedding.embeddings.shape), tuple(dense.kernel.shape))
#> (1000, 64) (64, 1000)

tokens = np.random.default_rng(0).integers(0, V, (2, 10))  # (B, T)
h = embedding(tokens)  # (B, T, d)
# the tied output layer: (B, T, V)
logits = keras.ops.matmul(h, keras.ops.transpose(embedding.embeddings))
print(tuple(logits.shape))
#> (2, 10, 1000)

# a copy into Dense needs the transpose too
dense.kernel.assign(keras.ops.transpose(embedding.embeddings))
print(
    np.allclose(
        keras.ops.convert_to_numpy(dense(h)),
        keras.ops.convert_to_numpy(logits),
        atol=1e-6,
    )
)
#> True
