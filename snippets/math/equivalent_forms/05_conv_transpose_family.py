"""Every transposed convolution stores [in, out // groups, *k]; every
plain one [out, in // groups, *k].
"""

from torch import nn

# The whole transposed family puts the input channels first, in 1, 2
# and 3 dimensions.
print(nn.ConvTranspose1d(20, 30, 3).weight.shape)
#> torch.Size([20, 30, 3])
print(nn.ConvTranspose3d(20, 30, 3).weight.shape)
#> torch.Size([20, 30, 3, 3, 3])

# With groups, the second dimension is divided: each group maps 20/4
# inputs to 32/4 outputs.
print(nn.ConvTranspose2d(20, 32, 3, groups=4).weight.shape)
#> torch.Size([20, 8, 3, 3])
print(nn.Conv2d(20, 32, 3, groups=4).weight.shape)
#> torch.Size([32, 5, 3, 3])
