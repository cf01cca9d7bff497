"""Time nn.Linear's [out, in] weight against an [in, out] copy of it, interleaved, on the CPU.

For each size, the two layouts run in alternating rounds so that a slow moment on a
shared machine hits both; the table reports the median milliseconds per call and the
ratio [out, in] / [in, out]. A ratio near 1.00 means the layout does not matter.

    .venv/bin/python scripts/bench_transpose.py
    .venv/bin/python scripts/bench_transpose.py --rounds 31 --threads 1

The last column times weight.T.contiguous() + addmm: the one variant that pays for
a real copy of the weight on every call.
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch
import torch.nn.functional as F

# (B, in, out): a large layer, a tall batch, and one sample through a large layer.
SIZES = [(512, 4096, 4096), (8192, 1024, 1024), (1, 4096, 4096), (128, 20, 30)]


def seconds_per_call(fn, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def calls_for(fn, budget: float = 0.05) -> int:
    """Enough calls per round that one round takes about `budget` seconds."""
    once = seconds_per_call(fn, 1)
    return max(1, min(1000, int(budget / max(once, 1e-7))))


def bench(batch: int, in_features: int, out_features: int, rounds: int) -> dict[str, float]:
    torch.manual_seed(0)
    x = torch.randn(batch, in_features)  # (B, in)
    weight = torch.randn(out_features, in_features) / in_features**0.5  # (out, in)
    weight_in_out = weight.T.contiguous()  # (in, out)
    bias = torch.randn(out_features)  # (out,)

    variants = {
        "[out, in] F.linear": lambda: F.linear(x, weight, bias),
        "[in, out] addmm": lambda: torch.addmm(bias, x, weight_in_out),
        "copy each call": lambda: torch.addmm(bias, x, weight.T.contiguous()),
    }
    reference = variants["[out, in] F.linear"]()
    for fn in variants.values():
        assert torch.allclose(fn(), reference, atol=1e-4), "the layouts must give the same output"
    calls = calls_for(variants["[out, in] F.linear"])

    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, fn in variants.items():
            times[name].append(seconds_per_call(fn, calls))
    return {name: statistics.median(values) * 1e3 for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="alternating rounds per size (default 15)")
    parser.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's choice)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.rounds} interleaved rounds, median ms per call")
    header = f"{'B x in -> out':>20} | {'[out, in]':>10} | {'[in, out]':>10} | {'ratio':>6} | {'copy each call':>14}"
    print(header)
    print("-" * len(header))
    for batch, in_features, out_features in SIZES:
        ms = bench(batch, in_features, out_features, args.rounds)
        ratio = ms["[out, in] F.linear"] / ms["[in, out] addmm"]
        label = f"{batch} x {in_features} -> {out_features}"
        print(f"{label:>20} | {ms['[out, in] F.linear']:10.3f} | {ms['[in, out] addmm']:10.3f} | {ratio:6.2f} | {ms['copy each call']:14.3f}")


if __name__ == "__main__":
    main()
