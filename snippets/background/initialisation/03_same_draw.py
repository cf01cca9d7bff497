"""With one seed, kaiming_uniform_(a=sqrt(5)) on [out, in] draws exactly
uniform_(-1/sqrt(in), 1/sqrt(in)).
"""

import math

import torch
from torch import nn

torch.manual_seed(0)
# (out, in)
kaiming = nn.init.kaiming_uniform_(torch.empty(30, 20), a=math.sqrt(5))

torch.manual_seed(0)
plain = nn.init.uniform_(
    torch.empty(30, 20), -1 / math.sqrt(20), 1 / math.sqrt(20)
)  # (out, in)

print(torch.equal(kaiming, plain))
#> True
