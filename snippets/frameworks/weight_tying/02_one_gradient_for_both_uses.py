"""A tied [V, d] matrix gets one gradient: the sum of what the embedding and
the output layer send it.
"""

import copy

import torch
from torch import nn

torch.manual_seed(0)
V, d = 1000, 64  # vocabulary size, model width
tokens = torch.randint(0, V, (2, 10))  # (B, T)


def loss_of(embedding: nn.Embedding, head: nn.Linear) -> torch.Tensor:
    logits = head(embedding(tokens))  # (B, T, V)
    return nn.functional.cross_entropy(
        logits.reshape(-1, V), tokens.reshape(-1)
    )


embedding = nn.Embedding(V, d)  # weight (V, d)
head = nn.Linear(d, V, bias=False)  # weight (V, d)
head.weight = embedding.weight  # tied
loss_of(embedding, head).backward()

untied_embedding = copy.deepcopy(embedding)  # same values, separate tensors
untied_head = nn.Linear(d, V, bias=False)
untied_head.weight = nn.Parameter(embedding.weight.detach().clone())
untied_embedding.weight.grad = None
loss_of(untied_embedding, untied_head).backward()

print(
    tuple(embedding.weight.grad.shape),
    head.weight.grad is embedding.weight.grad,
)
#> (1000, 64) True
total = untied_embedding.weight.grad + untied_head.weight.grad  # (V, d)
print(torch.allclose(embedding.weight.grad, total, atol=1e-7))
#> True
