"""On the 2-D weight [out, in], .T, .t(), .mT, .transpose(-2, -1) and
.permute(1, 0) are one and the same [in, out] view.
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # in_features=20, out_features=30
weight = layer.weight  # (out, in)
print(weight.shape)
#> torch.Size([30, 20])

spellings = {
    "weight.T": weight.T,  # (in, out)
    "weight.t()": weight.t(),  # (in, out)
    "weight.mT": weight.mT,  # (in, out)
    "weight.transpose(-2, -1)": weight.transpose(-2, -1),  # (in, out)
    "weight.permute(1, 0)": weight.permute(1, 0),  # (in, out)
}
for name, view in spellings.items():
    print(
        f"{name:26}",
        tuple(view.shape),
        torch.equal(view, spellings["weight.T"]),
        view.data_ptr() == weight.data_ptr(),
    )
#> weight.T                   (20, 30) True True
#> weight.t()                 (20, 30) True True
#> weight.mT                  (20, 30) True True
#> weight.transpose(-2, -1)   (20, 30) True True
#> weight.permute(1, 0)       (20, 30) True True

x = torch.randn(128, 20)  # (B, in)
print(torch.allclose(layer(x), x @ weight.T + layer.bias))
#> True
