"""Weight stored [out, in] (F.linear) against [in, out] (addmm): same (B, out)
result, same speed.
"""

import statistics
import time

import torch
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(128, 1024)  # (B, in)
weight = torch.randn(1024, 1024) / 32  # (out, in): nn.Linear's layout
# (in, out): the same numbers stored the other way
weight_in_out = weight.T.contiguous()
bias = torch.randn(1024)  # (out,)


def out_in():
    return F.linear(x, weight, bias)  # x @ weight.T: the transpose is a flag


def in_out():
    # x @ weight_in_out, no transpose at all
    return torch.addmm(bias, x, weight_in_out)


def seconds_per_call(fn, calls=3):
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


for fn in (out_in, in_out):  # warm up both before timing
    fn()

# Alternate the two in every round, so that a slow moment hits both, then
# compare medians.
rounds = {out_in: [], in_out: []}
for _ in range(11):
    for fn in (out_in, in_out):
        rounds[fn].append(seconds_per_call(fn))
ratio = statistics.median(rounds[out_in]) / statistics.median(rounds[in_out])

print(out_in().shape)
#> torch.Size([128, 1024])
print(torch.allclose(out_in(), in_out(), atol=1e-5))
#> True
print(0.5 < ratio < 2.0)
#> True
