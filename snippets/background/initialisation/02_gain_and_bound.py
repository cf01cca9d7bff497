"""kaiming_uniform_(a=sqrt(5)) on a [30, 20] weight: gain sqrt(1/3), bound
gain * sqrt(3/20) = 1/sqrt(20).
"""

import math

from torch import nn

fan_in = 20  # in_features, weight.size(1)
gain = nn.init.calculate_gain("leaky_relu", math.sqrt(5))  # sqrt(2 / (1 + 5))
bound = gain * math.sqrt(3 / fan_in)

print(gain, math.sqrt(1 / 3))
#> 0.5773502691896257 0.5773502691896257
print(round(bound, 7), round(1 / math.sqrt(fan_in), 7))
#> 0.2236068 0.2236068
print(math.isclose(bound, 1 / math.sqrt(fan_in)))
#> True
