"""torch.fx keeps nn.Linear as one opaque call_module node: (B, in) in, (B,
out) out.
"""

import torch
from torch import nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 30)  # weight (out, in) = (30, 20)

    def forward(self, x):
        return self.fc(x)


graph_module = torch.fx.symbolic_trace(Model())
for node in graph_module.graph.nodes:
    print(node.op, node.target)
#> placeholder x
#> call_module fc
#> output output
