"""nn.Linear.forward hands input (*, in), weight [out, in] and bias [out] to
F.linear.
"""

import inspect
import textwrap

from torch import nn

print(textwrap.dedent(inspect.getsource(nn.Linear.forward)), end="")
#> def forward(self, input: Tensor) -> Tensor:
#>     """
#>     Runs the forward pass.
#>     """
#>     return F.linear(input, self.weight, self.bias)
