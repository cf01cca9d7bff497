"""On a 3-D tensor [2, 3, 4], .T reverses every dimension (and warns),
.mT and .transpose(-2, -1) swap only the last two.
"""

import textwrap
import warnings

import torch

x = torch.arange(24.0).reshape(2, 3, 4)  # (2, 3, 4): two 3-by-4 matrices
print(x.shape)
#> torch.Size([2, 3, 4])

# PyTorch warns once per process; warn_always shows it on every run.
warn_always = torch.is_warn_always_enabled()
torch.set_warn_always(True)
try:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reversed_dims = x.T  # (4, 3, 2)
finally:
    torch.set_warn_always(warn_always)
for warning in caught:
    first_sentence = str(warning.message).split(". ")[0]
    print(warning.category.__name__)
    print(textwrap.fill(first_sentence, 70))
#> UserWarning
#> The use of `x.T` on tensors of dimension other than 2 to reverse their
#> shape is deprecated and it will throw an error in a future release

print(reversed_dims.shape)
#> torch.Size([4, 3, 2])
print(x.mT.shape, x.transpose(-2, -1).shape)
#> torch.Size([2, 4, 3]) torch.Size([2, 4, 3])
print(torch.equal(reversed_dims, x.permute(2, 1, 0)))
#> True
print(torch.equal(x.mT, x.transpose(-2, -1)))
#> True
print(torch.equal(x.mT[1], x[1].T))  # each matrix transposed on its own
#> True
