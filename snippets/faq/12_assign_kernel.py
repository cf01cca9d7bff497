"""A Keras-style kernel is [in, out]; assigning its transpose to linear.weight
raises TypeError.
"""

import numpy as np
import torch
from torch import nn

linear = nn.Linear(20, 30)  # weight (out, in) = (30, 20)
# (in, out), as Keras stores it
kernel = torch.from_numpy(np.ones((20, 30), dtype=np.float32))

linear.weight = kernel.T  # a plain tensor, not an nn.Parameter
#> TypeError: cannot assign 'torch.FloatTensor' as parameter 'weight' (torch.nn.Parameter or None expected)
