"""Time nn.Linear's [out, in] weight against an [in, out] copy of it, interleaved, on the CPU.

For each size, the two layouts run in alternating rounds so that a slow moment on a
shared machine hits both; the table reports the median milliseconds per call and the
ratio [out, in] / [in, out]. A ratio near 1.00 means the layout does not matter.

    .venv/bin/python scripts/bench_transpose.py
    .venv/bin/python scripts/bench_transpose.py --rounds 31 --threads 1
    .venv/bin/python scripts/bench_transpose.py --threads 1 --json bench/results/transpose.json

--json writes the measured table, the date and the machine to a file; the page
"Is the transpose slow?" takes every number it quotes from
bench/results/transpose.json (hooks/bench_numbers.py), so rerunning the script
with --json is how the page's numbers are renewed.
The last column times weight.T.contiguous() + addmm: the one variant that pays for
a real copy of the weight on every call.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import time
from pathlib import Path

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
    """Median ms per call of each variant, and in how many rounds [out, in] was the faster layout."""
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
    result = {name: statistics.median(values) * 1e3 for name, values in times.items()}
    pairs = zip(times["[out, in] F.linear"], times["[in, out] addmm"], strict=True)
    result["[out, in] wins"] = sum(out_in < in_out for out_in, in_out in pairs)
    return result


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def blas() -> str:
    found = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    return found.group(1) if found else "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="alternating rounds per size (default 15)")
    parser.add_argument("--threads", type=int, default=None, help="torch.set_num_threads (default: torch's choice)")
    parser.add_argument("--json", type=Path, default=None, metavar="PATH", help="also write the table and the machine to PATH")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    load_at_start = round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None

    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {args.rounds} interleaved rounds, median ms per call")
    header = f"{'B x in -> out':>20} | {'[out, in]':>10} | {'[in, out]':>10} | {'ratio':>6} | {'copy each call':>14}"
    print(header)
    print("-" * len(header))
    rows = []
    for batch, in_features, out_features in SIZES:
        ms = bench(batch, in_features, out_features, args.rounds)
        ratio = ms["[out, in] F.linear"] / ms["[in, out] addmm"]
        label = f"{batch} x {in_features} -> {out_features}"
        print(f"{label:>20} | {ms['[out, in] F.linear']:10.3f} | {ms['[in, out] addmm']:10.3f} | {ratio:6.2f} | {ms['copy each call']:14.3f}")
        rows.append(
            {
                "batch": batch,
                "in_features": in_features,
                "out_features": out_features,
                "ms_out_in": ms["[out, in] F.linear"],
                "ms_in_out": ms["[in, out] addmm"],
                "ratio": ratio,
                "out_in_wins": ms["[out, in] wins"],
                "ms_copy_each_call": ms["copy each call"],
                "copy_bytes": in_features * out_features * torch.finfo(torch.float32).bits // 8,
            }
        )
    if args.json:
        result = {
            "measured_on": datetime.datetime.now(datetime.UTC).date().isoformat(),
            "machine": {
                "cpu": cpu_model(),
                "cores": os.cpu_count(),
                "arch": platform.machine(),
                "blas": blas(),
                "load_average_at_start": load_at_start,
            },
            "torch": torch.__version__,
            "threads": torch.get_num_threads(),
            "rounds": args.rounds,
            "sizes": rows,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
