"""A snippet whose fifth line fails: the traceback must point here, not at the page."""

import torch

torch.zeros(2, 3) @ torch.zeros(2, 3)  # inner dimensions 3 and 2 differ
