"""On GPT-2's Conv1D, stored [in, out], LoRA needs fan_in_fan_out=True:
A and B keep their [r, in] and [out, r] shapes and the update is transposed.
"""

import torch
from peft import LoraConfig, get_peft_model
from torch import nn
from transformers.pytorch_utils import Conv1D

torch.manual_seed(0)


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_attn = Conv1D(30, 20)  # nf=30 outputs, nx=20 inputs

    def forward(self, x):
        return self.c_attn(x)


config = LoraConfig(
    r=4,
    lora_alpha=8,
    target_modules=["c_attn"],
    fan_in_fan_out=True,
    init_lora_weights=False,
)
model = get_peft_model(Model(), config)
c_attn = model.base_model.model.c_attn
weight = c_attn.base_layer.weight  # (in, out): Conv1D's layout
A = c_attn.lora_A["default"].weight  # (r, in)
B = c_attn.lora_B["default"].weight  # (out, r)
delta = c_attn.get_delta_weight("default")  # (in, out), like the weight

print(weight.shape, delta.shape)
#> torch.Size([20, 30]) torch.Size([20, 30])
print(A.shape, B.shape)
#> torch.Size([4, 20]) torch.Size([30, 4])
scaling = c_attn.scaling["default"]
print(torch.allclose(delta, scaling * (B @ A).T))
#> True
x = torch.randn(128, 20)  # (B, in)
merged = x @ (weight + delta) + c_attn.base_layer.bias  # (B, out)
print(torch.allclose(model(x), merged, atol=1e-5))
#> True
