#!/usr/bin/env python3
"""The training of train_mnist (Task 4.5) in PyTorch, for comparing epoch times.

Same model as minitorch::MnistNetwork (module4/src/cnn.cpp):

    conv 1 -> 4, 3x3 (anchored top-left, zero padding on the right and the
    bottom, so the maps stay 28x28; bias (4, 1, 1)), relu
    conv 4 -> 8, 3x3, the same, relu
    avgpool 4x4 -> (B, 8, 7, 7), flatten -> (B, 392)
    linear 392 -> 64 (x @ W + b, W (392, 64)), relu, dropout 0.25 (an entry is
    zeroed when its uniform draw is below the rate; no rescaling)
    linear 64 -> 10, logsoftmax; loss: the mean negative log-likelihood

the same data (Fashion-MNIST from dataset-fashion-mnist: the first --train
images of the training file; the last --valid for validation; pixels times
--pixel-scale), the same initial weights (RParam: 0.1 * (uniform - 0.5), drawn
in the order of the C++ constructors from minitorch::Random(seed)), the same
batch order (minitorch::Batches, seed + 2), the same dropout masks
(minitorch::Random(seed + 1)) and the same SGD step (p -= rate * grad), on the
CPU in float64 with --threads threads. The seeded generator is module3's
reimplementation of std::mt19937_64 (module3/apps/torch_compare.py), so the
losses match the C++ program's to many digits.

The masks and the batch order are drawn before each epoch's clock starts
(in Python they cost more than the step they feed); the time per epoch is the
training steps only, as train_mnist's (validation is not timed).

    python3 module4/apps/torch_compare.py --train 2000 --epochs 3 --threads 1
    python3 module4/apps/torch_compare.py --binary build/release/bin/train_mnist --threads 2

Without PyTorch it says so and exits 0 (after running --binary, if given).
Debian/Ubuntu: sudo apt-get install python3-torch.
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import os
import re
import struct
import subprocess
import sys
import time

MNIST_DIR = "/usr/share/datasets/fashion-mnist"
DROPOUT_RATE = 0.25


def load_module3():
    """module3/apps/torch_compare.py (its MT19937_64, Random and has_torch),
    imported under another name: this file has the same one."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "module3", "apps", "torch_compare.py")
    spec = importlib.util.spec_from_file_location("module3_torch_compare", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


M3 = load_module3()
Random = M3.Random


def reexec_with_torch(script: str) -> None:
    """Debian's python3-torch is installed for /usr/bin/python3: when the
    python3 running `script` has no torch and that one has, run it there."""
    try:
        import torch  # noqa: F401
        return
    except ImportError:
        pass
    system = "/usr/bin/python3"
    if os.path.realpath(sys.executable) != os.path.realpath(system) and os.path.exists(system) and M3.has_torch(system):
        os.execv(system, [system, os.path.abspath(script)] + sys.argv[1:])


def read_idx(path: str):
    """An IDX file of unsigned bytes (gzip-compressed): (dims, bytes)."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, kind, ndims = struct.unpack(">HBB", data[:4])
    if zero != 0 or kind != 0x08:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    dims = struct.unpack(f">{ndims}I", data[4:4 + 4 * ndims])
    return dims, data[4 + 4 * ndims:]


def load_data(args):
    """(train images, train labels, valid images, valid labels) as float64
    tensors (n, 1, 28, 28) and int64 labels, like mnist_classifier_data."""
    import torch

    files = [os.path.join(MNIST_DIR, f"train-{name}-idx{n}-ubyte.gz") for name, n in (("images", 3), ("labels", 1))]
    for path in files:
        if not os.path.exists(path):
            sys.exit(f"{path} is missing: sudo apt-get install dataset-fashion-mnist")
    (count, rows, cols), pixels = read_idx(files[0])
    _, labels = read_idx(files[1])
    if args.train + args.valid > count:
        sys.exit(f"--train {args.train} and --valid {args.valid} need more than the {count} images")
    images = torch.frombuffer(bytearray(pixels), dtype=torch.uint8).view(count, 1, rows, cols)
    images = images.to(torch.float64) * args.pixel_scale
    labels = torch.frombuffer(bytearray(labels), dtype=torch.uint8).to(torch.int64)
    return images[:args.train], labels[:args.train], images[count - args.valid:], labels[count - args.valid:]


def initial_parameters(seed: int):
    """MnistNetwork's parameters in constructor order, each rparam(shape) =
    0.1 * (rand(shape) - 0.5) drawn from one Random(seed)."""
    import torch

    rng = Random(seed)
    shapes = [("conv1.weights", (4, 1, 3, 3)), ("conv1.bias", (4, 1, 1)), ("conv2.weights", (8, 4, 3, 3)),
              ("conv2.bias", (8, 1, 1)), ("linear1.weights", (392, 64)), ("linear1.bias", (64,)),
              ("linear2.weights", (64, 10)), ("linear2.bias", (10,))]
    params = {}
    for name, shape in shapes:
        n = 1
        for d in shape:
            n *= d
        values = [(rng.uniform() - 0.5) * 0.1 for _ in range(n)]
        params[name] = torch.tensor(values).view(shape).requires_grad_()
    return params


def forward(params, x, mask=None):
    """MnistNetwork::forward: images (B, 1, 28, 28) -> log-probabilities (B, 10).
    mask (B, 64) of 0/1 applies dropout (training); None skips it (evaluation)."""
    import torch.nn.functional as F

    def conv(h, layer):  # minitorch's conv2d anchors the kernel top-left: pad right and bottom only
        return F.conv2d(F.pad(h, (0, 2, 0, 2)), params[layer + ".weights"], params[layer + ".bias"].view(-1))

    h = conv(x, "conv1").relu()
    h = conv(h, "conv2").relu()
    h = F.avg_pool2d(h, 4).reshape(x.shape[0], 392)
    h = (h @ params["linear1.weights"] + params["linear1.bias"]).relu()
    if mask is not None:
        h = h * mask
    return F.log_softmax(h @ params["linear2.weights"] + params["linear2.bias"], dim=1)


def shuffle(order, rng) -> None:
    """minitorch::Batches::shuffle: Fisher-Yates from the back."""
    for i in range(len(order), 1, -1):
        j = rng.below(i)
        order[i - 1], order[j] = order[j], order[i - 1]


def epoch_masks(order, batch: int, rng):
    """The dropout masks of one epoch's batches, in the order dropout draws
    them: rand((n, 64)) per batch, kept where the draw is not below the rate."""
    import torch

    masks = []
    for begin in range(0, len(order), batch):
        n = min(batch, len(order) - begin)
        masks.append(torch.tensor([0.0 if rng.uniform() < DROPOUT_RATE else 1.0 for _ in range(n * 64)]).view(n, 64))
    return masks


def train_torch(args) -> float:
    import torch
    import torch.nn.functional as F

    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(args.threads)
    x_train, y_train, x_valid, y_valid = load_data(args)
    params = initial_parameters(args.seed)
    optim = torch.optim.SGD(params.values(), lr=args.rate)
    dropout_rng, batch_rng = Random(args.seed + 1), Random(args.seed + 2)
    order = list(range(args.train))
    print(f"PyTorch {torch.__version__}: {args.train} training images, {args.valid} validation images (pixels times "
          f"{args.pixel_scale}), rate {args.rate}, batch {args.batch}, {args.epochs} epochs, seed {args.seed}, "
          f"{torch.get_num_threads()} threads, float64", flush=True)
    times = []
    for epoch in range(1, args.epochs + 1):
        shuffle(order, batch_rng)
        masks = epoch_masks(order, args.batch, dropout_rng)
        index = torch.tensor(order)
        start = time.perf_counter()
        total_loss, right = 0.0, 0
        for k, begin in enumerate(range(0, len(order), args.batch)):
            idx = index[begin:begin + args.batch]
            x, y = x_train[idx], y_train[idx]
            optim.zero_grad()
            out = forward(params, x, masks[k])
            nll = F.nll_loss(out, y, reduction="none")
            nll.mean().backward()
            total_loss += nll.detach().sum().item()
            right += int((out.detach().argmax(1) == y).sum())
            optim.step()
        seconds = time.perf_counter() - start
        times.append(seconds)
        with torch.no_grad():
            valid_right = sum(int((forward(params, x_valid[b:b + 256]).argmax(1) == y_valid[b:b + 256]).sum())
                              for b in range(0, args.valid, 256))
        print(f"Epoch {epoch}/{args.epochs}  loss {total_loss / args.train:.4f}  train acc "
              f"{100.0 * right / args.train:5.1f}% ({right}/{args.train})  valid acc "
              f"{100.0 * valid_right / args.valid:5.1f}% ({valid_right}/{args.valid})  time per epoch {seconds:.3f} s",
              flush=True)
    times.sort()
    median = times[len(times) // 2]  # as TrainResult::median_seconds_per_epoch
    print(f"PyTorch: time per epoch: mean {sum(times) / len(times):.3f} s, median {median:.3f} s, best {times[0]:.3f} s")
    return median, times[0]


def run_binary(args):
    """train_mnist with the same options: its (median, best) seconds per
    epoch, or None when it failed."""
    command = [args.binary, "--train", str(args.train), "--valid", str(args.valid), "--epochs", str(args.epochs),
               "--batch", str(args.batch), "--rate", str(args.rate), "--seed", str(args.seed), "--threads",
               str(args.threads), "--pixel-scale", repr(args.pixel_scale), "--out", "/tmp/torch_compare_mnist"]
    print(" ".join(command), flush=True)
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    match = re.search(r"median ([0-9.]+) (m?s)", done.stdout)
    if done.returncode != 0 or not match:
        print(f"failed (exit status {done.returncode}):\n{done.stdout}")
        return None
    epochs = []
    for line in done.stdout.splitlines():
        if line.startswith("Epoch") or line.startswith("Trained"):
            print(f"  {line}")
        epoch = re.search(r"^Epoch.*time per epoch ([0-9.]+) (m?s)", line)
        if epoch:
            epochs.append(seconds_of(epoch))
    return seconds_of(match), min(epochs, default=seconds_of(match))


def seconds_of(match) -> float:
    """A format_duration figure ("12.3 ms", "1.234 s") in seconds."""
    return float(match.group(1)) * (1e-3 if match.group(2) == "ms" else 1.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", type=int, default=5000, help="training images (the first N)")
    parser.add_argument("--valid", type=int, default=1000, help="validation images (the last N)")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--rate", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pixel-scale", type=float, default=1.0, help="pixels 0..255 times this (train_mnist's)")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--binary", help="the C++ train_mnist to run with the same options")
    args = parser.parse_args()
    if min(args.train, args.valid, args.epochs, args.batch, args.threads) < 1:
        parser.error("--train, --valid, --epochs, --batch and --threads must be at least 1")
    reexec_with_torch(__file__)

    rows = []
    if args.binary:
        seconds = run_binary(args)
        if seconds is not None:
            rows.append(("minitorch fast (train_mnist)", *seconds))
    try:
        import torch  # noqa: F401
    except ImportError:
        print("PyTorch is not installed: no PyTorch column (Debian/Ubuntu: sudo apt-get install python3-torch)")
    else:
        rows.append(("PyTorch (CPU, float64)", *train_torch(args)))
    if rows:
        # The best epoch as well: on a shared machine other programs only
        # ever make an epoch slower.
        print(f"\ntime per epoch ({args.train} images, batch {args.batch}, {args.threads} threads):")
        print(f"  {'':30s} {'median':>9s}     {'best':>9s}     median / fastest median")
        fastest = min(median for _, median, _ in rows)
        for name, median, best in rows:
            print(f"  {name:30s} {median:9.3f} s   {best:9.3f} s   {median / fastest:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
