"""nn.Linear.reset_parameters: kaiming_uniform_ on the [out, in] weight, then
a bias bound from its fan_in.
"""

import inspect
import textwrap

from torch import nn

lines = inspect.getsource(nn.Linear.reset_parameters).splitlines()
body = lines[next(i for i, line in enumerate(lines) if "# Setting" in line) :]
print(textwrap.dedent("\n".join(body)))
#> # Setting a=sqrt(5) in kaiming_uniform is the same as initializing with
#> # uniform(-1/sqrt(in_features), 1/sqrt(in_features)). For details, see
#> # https://github.com/pytorch/pytorch/issues/57109
#> init.kaiming_uniform_(self.weight, a=math.sqrt(5))
#> if self.bias is not None:
#>     fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
#>     bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
#>     init.uniform_(self.bias, -bound, bound)
