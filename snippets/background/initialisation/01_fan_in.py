"""For a weight [out, in] = [30, 20], PyTorch's fan_in is weight.size(1) =
in_features.
"""

from torch import nn

layer = nn.Linear(20, 30)  # in_features=20, out_features=30
fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(layer.weight)

print(layer.weight.shape)
#> torch.Size([30, 20])
print(fan_in, fan_out)
#> 20 30
print(fan_in == layer.weight.size(1))
#> True
