"""Embedding(V, d).weight is [V, d] and Linear(d, V).weight is [out, in] = [V,
d]: tying is a plain assignment.
"""

import torch
from torch import nn

torch.manual_seed(0)
V, d = 1000, 64  # vocabulary size, model width
embedding = nn.Embedding(V, d)  # weight (V, d): one row per token
# weight (out, in) = (V, d): one row per token
head = nn.Linear(d, V, bias=False)

print(tuple(embedding.weight.shape), tuple(head.weight.shape))
#> (1000, 64) (1000, 64)

head.weight = embedding.weight  # no transpose: the layouts already agree
print(
    head.weight is embedding.weight,
    head.weight.data_ptr() == embedding.weight.data_ptr(),
)
#> True True

tokens = torch.randint(0, V, (2, 10))  # (B, T)
# (B, T, d): stands in for the model's last hidden state
h = embedding(tokens)
logits = head(h)  # (B, T, V)
print(tuple(logits.shape), torch.allclose(logits, h @ embedding.weight.T))
#> (2, 10, 1000) True

model = nn.ModuleDict({"embedding": embedding, "head": head})
# parameters() lists a shared tensor once
unique = sum(p.numel() for p in model.parameters())
print(f"{unique:,}".replace(",", " "), unique == V * d)
#> 64 000 True
