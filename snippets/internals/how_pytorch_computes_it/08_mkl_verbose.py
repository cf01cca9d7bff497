"""MKL's log of one forward: BLAS computes the (out, B) transpose of y as W @
x.T, the textbook form.
"""

import os
import platform
import re
import subprocess
import sys

import torch

# Elsewhere (arm64, macOS) torch is built with another BLAS: this
# prints False and no SGEMM lines follow.
print(platform.machine(), "BLAS_INFO=mkl" in torch.__config__.show())
#> x86_64 True

# A fresh interpreter, because MKL reads MKL_VERBOSE once, when it is loaded.
forward = """
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(20, 30)  # weight (out, in)
with torch.no_grad():
    layer(torch.randn(128, 20))  # (B, in)
    layer(torch.randn(8, 16, 20))  # (B, T, in), flattened to (128, 20)
    # a weight stored (in, out)
    torch.randn(128, 20) @ layer.weight.T.contiguous()
"""
log = subprocess.run(
    [sys.executable, "-c", forward],
    env={**os.environ, "MKL_VERBOSE": "1", "OMP_NUM_THREADS": "1"},
    capture_output=True,
    text=True,
    check=True,
).stdout

for call in re.findall(r"SGEMM\([^)]*\)", log):
    transa, transb, m, n, k, _, _, lda, _, ldb, _, _, ldc = call[6:-1].split(
        ","
    )
    print(
        f"SGEMM({transa},{transb},{m},{n},{k}) lda={lda} ldb={ldb} ldc={ldc}"
    )
#> SGEMM(T,N,30,128,20) lda=20 ldb=20 ldc=30
#> SGEMM(T,N,30,128,20) lda=20 ldb=20 ldc=30
#> SGEMM(N,N,30,128,20) lda=30 ldb=20 ldc=30
