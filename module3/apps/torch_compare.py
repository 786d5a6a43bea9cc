#!/usr/bin/env python3
"""The training of train_fast (Task 3.5) in PyTorch, for comparing epoch times.

Same model (Linear = x @ W + b, W uniform in [-0.5, 0.5), b = 0.1; relu, relu,
sigmoid), same data, same initial weights and the same shuffling (this script
reimplements minitorch's seeded generator, std::mt19937_64, so the numbers are
the very ones the C++ program uses), same mini-batches and SGD, on the CPU in
float64 with the same number of threads. With --binary it also runs the C++
train_fast on the given backends and prints the epoch times side by side.

    python3 module3/apps/torch_compare.py --dataset split --hidden 100 --epochs 50
    python3 module3/apps/torch_compare.py --binary build/release/bin/train_fast --backends fast,simple

Without PyTorch it says so and exits (Debian: sudo apt-get install python3-torch;
or pip install torch).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Optional, Tuple

MASK64 = (1 << 64) - 1


class MT19937_64:
    """std::mt19937_64: the same sequence as minitorch::Random's engine."""

    def __init__(self, seed: int) -> None:
        self.mt = [0] * 312
        self.mt[0] = seed & MASK64
        for i in range(1, 312):
            prev = self.mt[i - 1]
            self.mt[i] = (6364136223846793005 * (prev ^ (prev >> 62)) + i) & MASK64
        self.index = 312

    def _twist(self) -> None:
        mt = self.mt
        for i in range(312):
            x = (mt[i] & 0xFFFFFFFF80000000) | (mt[(i + 1) % 312] & 0x7FFFFFFF)
            xa = x >> 1
            if x & 1:
                xa ^= 0xB5026F5AA96619E9
            mt[i] = mt[(i + 156) % 312] ^ xa
        self.index = 0

    def next(self) -> int:
        if self.index >= 312:
            self._twist()
        y = self.mt[self.index]
        self.index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        return y & MASK64


class Random:
    """minitorch::Random: uniform() in [0, 1) and below(n)."""

    def __init__(self, seed: int) -> None:
        self.engine = MT19937_64(seed)

    def uniform(self) -> float:
        return (self.engine.next() >> 11) * 2.0 ** -53

    def below(self, n: int) -> int:
        limit = MASK64 - MASK64 % n
        r = self.engine.next()
        while r >= limit:
            r = self.engine.next()
        return r % n


LABELS = {
    "simple": lambda x1, x2: x1 < 0.5,
    "diag": lambda x1, x2: x1 + x2 < 0.5,
    "split": lambda x1, x2: x1 < 0.2 or x1 > 0.8,
    "xor": lambda x1, x2: (x1 < 0.5 < x2) or (x2 < 0.5 < x1),
    "circle": lambda x1, x2: (x1 - 0.5) ** 2 + (x2 - 0.5) ** 2 > 0.1,
}


def dataset(name: str, n: int, seed: int):
    """module0's datasets (spiral excepted): n uniform points and their labels."""
    rng = Random(seed)
    xs, ys = [], []
    for _ in range(n):
        x1, x2 = rng.uniform(), rng.uniform()
        xs.append([x1, x2])
        ys.append(1.0 if LABELS[name](x1, x2) else 0.0)
    return xs, ys


def train_torch(args) -> float:
    import torch

    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(args.threads)
    xs, ys = dataset(args.dataset, args.pts, args.seed)
    rng = Random(args.seed)
    sizes = [(2, args.hidden), (args.hidden, args.hidden), (args.hidden, 1)]
    params = []
    for n_in, n_out in sizes:  # FastLinear: rand(in, out) - 0.5, bias 0.1, in this order
        w = torch.tensor([[rng.uniform() - 0.5 for _ in range(n_out)] for _ in range(n_in)], requires_grad=True)
        b = torch.full((n_out,), 0.1, requires_grad=True)
        params += [w, b]

    def forward(x):
        h = (x @ params[0] + params[1]).relu()
        h = (h @ params[2] + params[3]).relu()
        return (h @ params[4] + params[5]).sigmoid()

    shuffler = Random(args.seed + 1)
    order = list(range(len(xs)))
    X_all, y_all = torch.tensor(xs), torch.tensor(ys)
    times = []
    print(f"PyTorch {torch.__version__}: hidden {args.hidden}, {args.dataset} ({args.pts} points), batch {args.batch}, "
          f"rate {args.rate}, {args.epochs} epochs, {torch.get_num_threads()} threads, float64")
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        for i in range(len(order), 1, -1):  # Fisher-Yates, as train_fast
            j = shuffler.below(i)
            order[i - 1], order[j] = order[j], order[i - 1]
        epoch_loss = 0.0
        for begin in range(0, len(order), args.batch):
            idx = order[begin:begin + args.batch]
            x = torch.tensor([xs[k] for k in idx])
            y = torch.tensor([ys[k] for k in idx])
            for p in params:
                p.grad = None
            out = forward(x).view(len(idx))
            prob = out * y + (out - 1.0) * (y - 1.0)
            loss = -prob.log()
            (loss / len(idx)).sum().view(1).backward()
            epoch_loss += loss.detach().sum().item()
            with torch.no_grad():
                for p in params:
                    p -= args.rate * p.grad
        seconds = time.perf_counter() - start
        times.append(seconds)
        if epoch % 10 == 0 or epoch == args.epochs:
            with torch.no_grad():
                correct = int(((forward(X_all).view(-1) > 0.5) == (y_all > 0.5)).sum())
            print(f"Epoch {epoch:4d}/{args.epochs}  loss {epoch_loss:9.4f}  correct {correct}/{len(xs)}  "
                  f"time per epoch {seconds:.5f}s", flush=True)
    times.sort()
    print(f"PyTorch: time per epoch: mean {sum(times) / len(times):.5f}s, median {times[len(times) // 2]:.5f}s")
    return times[len(times) // 2]


def report_summary(report: dict) -> Tuple[float, str]:
    """The median time per epoch (seconds) of a training program's --json
    report (module0's training_json), and its last epoch as a line."""
    result = report["result"]
    epochs = report["epochs"]
    last = ""
    if epochs:
        e = epochs[-1]
        last = (f"Epoch {e['epoch']}: loss {e['loss']:.4f}, correct {e['correct']}/{e['total']}, "
                f"{e['seconds'] * 1e3:.3f} ms")
    return float(result["median_seconds_per_epoch"]), last


def run_binary(args, backend: str) -> Optional[float]:
    """Runs the C++ train_fast with the same options; its median seconds per
    epoch from its --json report (None, with its output, when it fails)."""
    with tempfile.TemporaryDirectory(prefix="torch_compare_") as out:
        report_path = os.path.join(out, "run.json")
        command = [args.binary, "--backend", backend, "--dataset", args.dataset, "--pts", str(args.pts), "--hidden",
                   str(args.hidden), "--rate", str(args.rate), "--epochs", str(args.epochs), "--batch",
                   str(args.batch), "--seed", str(args.seed), "--threads", str(args.threads), "--out", out,
                   "--json", report_path]
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            with open(report_path, encoding="utf-8") as f:
                seconds, last = report_summary(json.load(f))
        except (OSError, ValueError, KeyError, TypeError) as e:
            print(f"{' '.join(command)} failed (exit status {done.returncode}, report: {e}):\n{done.stdout}")
            return None
    if done.returncode != 0:
        print(f"{' '.join(command)} failed (exit status {done.returncode}):\n{done.stdout}")
        return None
    print(f"train_fast --backend {backend}: {last}")
    return seconds


def has_torch(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import torch"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode == 0
    except OSError:
        return False


def reexec_with_torch() -> None:
    """Debian's python3-torch is installed for /usr/bin/python3: when the
    python3 running this script (a virtualenv, pyenv) has no torch and that
    one has, run the script with it."""
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    system = "/usr/bin/python3"
    if os.path.realpath(sys.executable) != os.path.realpath(system) and os.path.exists(system) and has_torch(system):
        os.execv(system, [system, os.path.abspath(__file__)] + sys.argv[1:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", default="split", choices=sorted(LABELS))
    parser.add_argument("--pts", type=int, default=50)
    parser.add_argument("--hidden", type=int, default=100)
    parser.add_argument("--rate", type=float, default=0.05)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--binary", help="the C++ train_fast to run with the same options")
    parser.add_argument("--backends", default="fast,simple", help="backends for --binary (default fast,simple)")
    args = parser.parse_args()
    reexec_with_torch()

    rows = []
    if args.binary:
        for backend in args.backends.split(","):
            seconds = run_binary(args, backend)
            if seconds is not None:
                rows.append((f"minitorch {backend}", seconds))
    try:
        import torch  # noqa: F401
    except ImportError:
        print("PyTorch is not installed: no PyTorch column "
              "(Debian/Ubuntu: sudo apt-get install python3-torch; or pip install torch)")
    else:
        rows.append(("PyTorch (CPU, float64)", train_torch(args)))
    if rows:
        print(f"\nmedian time per epoch ({args.dataset}, {args.pts} points, hidden {args.hidden}, batch {args.batch}, "
              f"{args.threads} threads):")
        fastest = min(seconds for _, seconds in rows)
        for name, seconds in rows:
            print(f"  {name:24s} {seconds * 1e3:9.3f} ms   {seconds / fastest:6.1f}x the fastest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
