"""The second shape in the message is weight.T, [in, out] = 20x30; the weight
itself is [30, 20].
"""

import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)
x = torch.randn(128, 25)  # (B, 25): the wrong number of features

print(layer.weight.shape, layer.weight.T.shape)
#> torch.Size([30, 20]) torch.Size([20, 30])


def message(call):
    try:
        call()
    except RuntimeError as error:
        return str(error)


# nn.Linear runs addmm(bias, input, weight.T): the same call by hand fails
# with the same text.
from_layer = message(lambda: layer(x))
from_addmm = message(lambda: torch.addmm(layer.bias, x, layer.weight.T))
print(from_addmm)
#> mat1 and mat2 shapes cannot be multiplied (128x25 and 20x30)
print(from_layer == from_addmm)
#> True
