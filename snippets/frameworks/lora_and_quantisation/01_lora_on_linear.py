"""LoRA on nn.Linear(20, 30): lora_A is [r, in], lora_B is [out, r], and
B @ A has the weight's own shape [out, in] = [30, 20].
"""

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


# init_lora_weights=False: B starts random, not zero, so the check has teeth
config = LoraConfig(
    r=4, lora_alpha=8, target_modules=["proj"], init_lora_weights=False
)
model = get_peft_model(Model(), config)
proj = model.base_model.model.proj
weight = proj.base_layer.weight  # (out, in), frozen
A = proj.lora_A["default"].weight  # (r, in)
B = proj.lora_B["default"].weight  # (out, r)

print(weight.shape, A.shape, B.shape)
#> torch.Size([30, 20]) torch.Size([4, 20]) torch.Size([30, 4])
print((B @ A).shape)
#> torch.Size([30, 20])

# The update is added to the [out, in] weight as it is: no transpose.
delta = proj.get_delta_weight("default")  # (out, in)
scaling = proj.scaling["default"]  # lora_alpha / r
print(scaling, torch.allclose(delta, scaling * (B @ A)))
#> 2.0 True
x = torch.randn(128, 20)  # (B, in)
merged = x @ (weight + delta).T + proj.base_layer.bias  # (B, out)
print(torch.allclose(model(x), merged, atol=1e-5))
#> True
