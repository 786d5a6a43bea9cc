#!/usr/bin/env python3
"""PyTorch's column of bench_conv: seconds per call of torch's conv1d/conv2d
(CPU, float64, --threads threads) on the shapes bench_conv passes.

    python3 module4/apps/bench_conv_torch.py --threads 2 --case 16,1,28,28:4,1,3,3 --case 10,50,60:100,50,3

For each case (input shape : weight shape) it times the forward (padding
'same': the output keeps the input's size and the work per output element is
the same as minitorch's left-anchored window) and the backward (the gradients
of the input and of the weight together, torch.autograd.grad) the way
minitorch/benchmark.h does: one warm-up call, then the best of 3 rounds that
last about 0.2 s together. One machine-readable line per measurement:

    torch version=1.13.1 threads=2
    torch case=0 pass=forward seconds=0.000123
    torch case=0 pass=backward seconds=0.000456

Exit status 3, after one line saying so, when PyTorch is not installed.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_compare import reexec_with_torch  # noqa: E402

NO_TORCH = 3


def seconds_per_call(fn, rounds: int = 3, min_seconds: float = 0.2) -> float:
    """minitorch::bench::seconds_per_call: warm-up, then the best round."""
    start = time.perf_counter()
    fn()
    once = time.perf_counter() - start
    reps = max(1, min(1000000, int(min_seconds / rounds / once))) if once > 0 else 1
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(reps):
            fn()
        best = min(best, (time.perf_counter() - start) / reps)
    return best


def shape(text: str):
    return tuple(int(d) for d in text.split(","))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--case", action="append", default=[], help="INPUT:WEIGHT, e.g. 16,1,28,28:4,1,3,3")
    args = parser.parse_args()
    reexec_with_torch(__file__)
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        print("PyTorch not installed: apt-get install python3-torch")
        return NO_TORCH

    torch.set_num_threads(args.threads)
    print(f"torch version={torch.__version__} threads={torch.get_num_threads()}", flush=True)
    generator = torch.Generator().manual_seed(4)
    for k, case in enumerate(args.case):
        input_shape, weight_shape = (shape(part) for part in case.split(":"))
        conv = {3: F.conv1d, 4: F.conv2d}[len(input_shape)]
        x = (torch.rand(input_shape, dtype=torch.float64, generator=generator) * 2 - 1).requires_grad_()
        w = (torch.rand(weight_shape, dtype=torch.float64, generator=generator) * 2 - 1).requires_grad_()
        with torch.no_grad():
            forward = seconds_per_call(lambda: conv(x, w, padding="same"))
        out = conv(x, w, padding="same")
        d_out = torch.rand(out.shape, dtype=torch.float64, generator=generator)
        backward = seconds_per_call(lambda: torch.autograd.grad(out, (x, w), d_out, retain_graph=True))
        print(f"torch case={k} pass=forward seconds={forward:.6g}", flush=True)
        print(f"torch case={k} pass=backward seconds={backward:.6g}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
