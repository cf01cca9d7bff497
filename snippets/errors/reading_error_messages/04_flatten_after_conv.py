"""The usual cause: a Linear after conv layers sized for the wrong flatten
length.
"""

import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    # (B, 3, 32, 32) -> (B, 16, 30, 30): no padding
    nn.Conv2d(3, 16, kernel_size=3),
    nn.ReLU(),
    nn.Flatten(),  # (B, 16 * 30 * 30)
    nn.Linear(16 * 32 * 32, 10),  # sized as if the conv kept the 32-by-32 grid
)
images = torch.randn(8, 3, 32, 32)  # (B, C, H, W)

model(images)
#> RuntimeError: mat1 and mat2 shapes cannot be multiplied (8x14400 and 16384x10)
