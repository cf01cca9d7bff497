"""Embedding(1000, 64).weight and Linear(64, 1000).weight are both [1000, 64]:
tie with no transpose.
"""

import torch
from torch import nn

torch.manual_seed(0)
embedding = nn.Embedding(1000, 64)  # (vocab, d)
head = nn.Linear(64, 1000, bias=False)  # d -> vocab: weight (vocab, d)
print(embedding.weight.shape, head.weight.shape)
#> torch.Size([1000, 64]) torch.Size([1000, 64])

# a plain Parameter assignment: one shared tensor
head.weight = embedding.weight
h = torch.randn(2, 10, 64)  # (B, T, d)
print(h.shape, head(h).shape, torch.allclose(head(h), h @ embedding.weight.T))
#> torch.Size([2, 10, 64]) torch.Size([2, 10, 1000]) True
