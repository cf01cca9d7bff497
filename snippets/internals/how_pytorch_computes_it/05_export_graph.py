"""torch.export records aten.linear; decomposed, it is permute + addmm, with
views for (B, T, in).
"""

import torch
from torch import nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 30)  # weight (out, in) = (30, 20)

    def forward(self, x):
        return self.fc(x)


def ops(program):
    return [
        str(node.target)
        for node in program.graph.nodes
        if node.op == "call_function"
    ]


torch.manual_seed(0)
model = Model()
x = torch.randn(128, 20)  # (B, in)
x3 = torch.randn(8, 16, 20)  # (B, T, in)

program = torch.export.export(model, (x,))
print(ops(program))
#> ['aten.linear.default']
print(ops(program.run_decompositions()))
#> ['aten.permute.default', 'aten.addmm.default']
print(ops(torch.export.export(model, (x3,)).run_decompositions()))
#> ['aten.view.default', 'aten.permute.default', 'aten.addmm.default', 'aten.view.default']

for node in program.run_decompositions().graph.nodes:
    if node.op == "call_function":
        print(node.name, [str(arg) for arg in node.args])
#> permute ['p_fc_weight', '[1, 0]']
#> addmm ['p_fc_bias', 'x', 'permute']
