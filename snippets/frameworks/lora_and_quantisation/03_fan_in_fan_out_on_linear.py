"""fan_in_fan_out=True on an nn.Linear is a mistake PEFT corrects: the
weight is already [out, in], so it warns and switches the option off.
"""

import textwrap
import warnings

import torch
from peft import LoraConfig, get_peft_model
from torch import nn

torch.manual_seed(0)


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(20, 30)  # in_features=20, out_features=30

    def forward(self, x):
        return self.proj(x)


config = LoraConfig(r=4, target_modules=["proj"], fan_in_fan_out=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model = get_peft_model(Model(), config)
for warning in caught:
    print(warning.category.__name__)
    print(textwrap.fill(str(warning.message), 70))
#> UserWarning
#> fan_in_fan_out is set to True but the target module is
#> `torch.nn.Linear`. Setting fan_in_fan_out to False.
print(model.base_model.model.proj.fan_in_fan_out)
#> False
