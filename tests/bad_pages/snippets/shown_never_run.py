"""Included by a fence without a language: shown, never run."""

import torch

print(torch.zeros(2, 3).shape)
#> torch.Size([2, 3])
