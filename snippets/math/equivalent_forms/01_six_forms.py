"""Six ways to write [128, 20] -> [128, 30] with weight [30, 20]: all give the
same numbers.
"""

import torch
import torch.nn.functional as F
from torch import nn

torch.manual_seed(0)
# float64 so only rounding order differs
layer = nn.Linear(20, 30, dtype=torch.float64)
W, b = layer.weight.detach(), layer.bias.detach()  # W: (out, in), b: (out,)
x = torch.randn(128, 20, dtype=torch.float64)  # (B, in)

reference = F.linear(x, W, b)  # (B, out): what nn.Linear calls
forms = {
    "layer(x)": layer(x).detach(),
    "addmm(b, x, W.t())": torch.addmm(b, x, W.t()),
    "einsum('bi,oi->bo') + b": torch.einsum("bi,oi->bo", x, W) + b,
    "(W @ x.T).T + b": (W @ x.T).T + b,  # textbook columns, then back to rows
    "x @ W.mT + b": x @ W.mT + b,
    "matmul(x, W.T) + b": torch.matmul(x, W.T) + b,
}
print(x.shape, W.shape, b.shape, reference.shape)
#> torch.Size([128, 20]) torch.Size([30, 20]) torch.Size([30]) torch.Size([128, 30])
for name, y in forms.items():
    print(f"{name:26} {tuple(y.shape)} {torch.allclose(y, reference)}")
#> layer(x)                   (128, 30) True
#> addmm(b, x, W.t())         (128, 30) True
#> einsum('bi,oi->bo') + b    (128, 30) True
#> (W @ x.T).T + b            (128, 30) True
#> x @ W.mT + b               (128, 30) True
#> matmul(x, W.T) + b         (128, 30) True

# F.linear on a 2-D input with a bias *is* addmm, so those two agree bit for
# bit;
# the others add the bias after the product and may differ in the last bits.
print(torch.equal(torch.addmm(b, x, W.t()), reference))
#> True
print(max((y - reference).abs().max().item() for y in forms.values()) < 1e-12)
#> True
