"""Time nn.Linear against nn.Conv1d(in, out, kernel_size=1) with the same weights, interleaved, on the CPU.

Both compute the same map; they differ in where the features sit. nn.Linear reads
channels-last input [B, L, in]; Conv1d reads channels-first [B, in, L]. Three variants
run in alternating rounds, so a slow moment on a shared machine hits all of them:

    linear [B, L, in]      nn.Linear on channels-last data
    conv1d [B, in, L]      Conv1d(kernel_size=1) on channels-first data
    linear via .mT         channels-first data moved last, nn.Linear, moved back

The table reports the median milliseconds per call and two ratios: conv1d / linear,
and conv1d / (linear via .mT). A ratio above 1.00 means the convolution is slower.
Every variant is checked against the others before it is timed.

    .venv/bin/python scripts/bench_linear_vs_conv1d.py
    .venv/bin/python scripts/bench_linear_vs_conv1d.py --rounds 21 --threads 1
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch
from torch import nn

# (B, L, in, out): a sequence model's projection, a long sequence, one long sample, a small layer.
SIZES = [(32, 128, 256, 256), (8, 512, 512, 512), (1, 1024, 1024, 1024), (128, 9, 20, 30)]


def seconds_per_call(fn, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def calls_for(fn, budget: float = 0.03) -> int:
    """Enough calls per round that one round takes about `budget` seconds."""
    once = seconds_per_call(fn, 1)
    return max(1, min(1000, int(budget / max(once, 1e-7))))


def pair(in_features: int, out_features: int) -> tuple[nn.Linear, nn.Conv1d]:
    """A Linear and a Conv1d(kernel_size=1) holding the same weight and bias."""
    torch.manual_seed(0)
    linear = nn.Linear(in_features, out_features)  # weight (out, in)
    conv = nn.Conv1d(in_features, out_features, kernel_size=1)  # weight (out, in, 1)
    with torch.no_grad():
        conv.weight.copy_(linear.weight[..., None])  # (out, in) -> (out, in, 1)
        conv.bias.copy_(linear.bias)
    return linear, conv


@torch.no_grad()
def bench(batch: int, length: int, in_features: int, out_features: int, rounds: int) -> dict[str, float]:
    linear, conv = pair(in_features, out_features)
    x_last = torch.randn(batch, length, in_features)  # (B, L, in): channels last
    x_first = x_last.mT.contiguous()  # (B, in, L): channels first, its own memory

    variants = {
        "linear": lambda: linear(x_last),  # (B, L, out)
        "conv1d": lambda: conv(x_first),  # (B, out, L)
        "linear via .mT": lambda: linear(x_first.mT).mT,  # (B, out, L)
    }
    reference = variants["conv1d"]()
    assert torch.allclose(variants["linear"]().mT, reference, atol=1e-4), "Linear and Conv1d must agree"
    assert torch.allclose(variants["linear via .mT"](), reference, atol=1e-4), "Linear via .mT must agree"
    calls = calls_for(variants["linear"])

    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, fn in variants.items():
            times[name].append(seconds_per_call(fn, calls))
    return {name: statistics.median(values) * 1e3 for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11, help="alternating rounds per size (default 11)")
    parser.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's choice)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.rounds} interleaved rounds, median ms per call")
    header = (
        f"{'B x L x in -> out':>24} | {'linear':>8} | {'conv1d':>8} | {'via .mT':>8}"
        f" | {'conv1d/linear':>13} | {'conv1d/via .mT':>14}"
    )
    print(header)
    print("-" * len(header))
    for batch, length, in_features, out_features in SIZES:
        ms = bench(batch, length, in_features, out_features, args.rounds)
        label = f"{batch} x {length} x {in_features} -> {out_features}"
        print(
            f"{label:>24} | {ms['linear']:8.3f} | {ms['conv1d']:8.3f} | {ms['linear via .mT']:8.3f}"
            f" | {ms['conv1d'] / ms['linear']:13.2f} | {ms['conv1d'] / ms['linear via .mT']:14.2f}"
        )


if __name__ == "__main__":
    main()
