"""load_state_dict checks every shape: a Keras kernel (20, 30) under the name
"weight" is refused.
"""

import os

os.environ["KERAS_BACKEND"] = "torch"  # set before keras is imported

import keras
import torch
from torch import nn

dense = keras.layers.Dense(30)
dense.build((None, 20))  # kernel (in, out)
state = {
    # (in, out): the .T is missing
    "weight": torch.from_numpy(keras.ops.convert_to_numpy(dense.kernel)),
    # (out,)
    "bias": torch.from_numpy(keras.ops.convert_to_numpy(dense.bias)),
}
linear = nn.Linear(20, 30)  # weight (out, in)

linear.load_state_dict(state)
#> RuntimeError: Error(s) in loading state_dict for Linear:
#> 	size mismatch for weight: copying a param with shape torch.Size([20, 30]) from checkpoint, the shape in current model is torch.Size([30, 20]).
