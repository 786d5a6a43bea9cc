"""Quiz 4 (Module 4, Networks): convolutions, pooling, softmax, dropout and their shapes."""
from __future__ import annotations

import math
from typing import List, Sequence

from .bank import Drawn, Quiz, code
from .draw import Draw
from .forms import Number, Tuple_

QUIZ = Quiz(4, "Networks")
CONV1D = "Task 4.1 — 1-D convolution"
MAXSOFT = "Task 4.4 — Max, softmax, dropout"


def show(shape: Sequence[int]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else "(" + ", ".join(map(str, shape)) + ")"


def conv1d(xs: Sequence[int], ws: Sequence[int], reverse: bool = False) -> List[int]:
    """One channel: out[t] = sum over k of x[t + k] * w[k] (t - k with reverse), 0 outside the input."""
    out = []
    for t in range(len(xs)):
        pos = [(t - k if reverse else t + k, w) for k, w in enumerate(ws)]
        out.append(sum(xs[p] * w for p, w in pos if 0 <= p < len(xs)))
    return out


@QUIZ.question("The output shape of conv1d", CONV1D, "a shape like (2, 3, 4)")
def conv1d_shape(d: Draw) -> Drawn:
    b, cin, w, cout, k = d.int(1, 8), d.int(1, 4), d.int(5, 30), d.int(2, 16), d.int(2, 5)
    text = (f"What is the shape of `conv1d(input, weight)` for `input` of shape `({b}, {cin}, {w})` and "
            f"`weight` of shape `({cout}, {cin}, {k})`?")
    return Drawn(text, (b, cout, w), Tuple_("a shape", "(2, 3, 4)"),
                 ["out is (batch, out_channels, width): the window runs past the end into zero padding",
                  f"({b}, {cout}, {w})"])


@QUIZ.question("The values of a small conv1d", CONV1D, "the values like (8, 14, 8, 3)")
def conv1d_values(d: Draw) -> Drawn:
    xs = [d.int(-3, 6) for _ in range(d.int(4, 5))]
    ws = [d.int(-2, 4) for _ in range(3)]
    reverse = bool(d.int(0, 1))
    out = conv1d(xs, ws, reverse)
    text = (f"One batch, one channel: `input = {xs}`, `weight = {ws}`. What is `conv1d` with `reverse = "
            f"{'true' if reverse else 'false'}`? (Terms outside the input are 0.)")
    sign = "-" if reverse else "+"
    working = [f"out[t] = sum over k of input[t {sign} k] * weight[k]"]
    working += [f"out[{t}] = {v}" for t, v in enumerate(out)]
    return Drawn(text, tuple(out), Tuple_("the values", "(8, 14, 8, 3)"), working)


@QUIZ.question("The output shape of conv2d", "Task 4.2 — 2-D convolution", "a shape like (2, 3, 4, 4)")
def conv2d_shape(d: Draw) -> Drawn:
    b, cin, h, w = d.int(1, 8), d.int(1, 4), d.int(6, 28), d.int(6, 28)
    cout, kh, kw = d.int(2, 8), d.int(2, 5), d.int(2, 5)
    text = (f"What is the shape of `conv2d(input, weight)` for `input` of shape `({b}, {cin}, {h}, {w})` and "
            f"`weight` of shape `({cout}, {cin}, {kh}, {kw})`?")
    return Drawn(text, (b, cout, h, w), Tuple_("a shape", "(2, 3, 4, 4)"),
                 [f"(batch, out_channels, height, width) = ({b}, {cout}, {h}, {w})"])


@QUIZ.question("The shape of a weight's gradient", CONV1D, "a shape like (4, 2, 3)")
def weight_grad(d: Draw) -> Drawn:
    b, cin, w, cout, k = d.int(2, 8), d.int(1, 4), d.int(5, 30), d.int(2, 8), d.int(2, 5)
    text = (f"`conv1d(input, weight)` with `input` of shape `({b}, {cin}, {w})` and `weight` of shape "
            f"`({cout}, {cin}, {k})` is backpropagated. What is the shape of `weight`'s gradient?")
    return Drawn(text, (cout, cin, k), Tuple_("a shape", "(4, 2, 3)"),
                 ["a gradient has the shape of what it is the gradient of: the weight's",
                  f"(the conv1d of the backward gives (in_channels, out_channels, k_width) = ({cin}, {cout}, {k}), "
                  f"then dims 0 and 1 are swapped back: ({cout}, {cin}, {k}))"])


@QUIZ.question("The shape of a tiled or pooled image", "Task 4.3 — Pooling",
               "a shape like (2, 3, 4, 4), or none if it is an error")
def pooled_shape(d: Draw) -> Drawn:
    b, c, kh, kw = d.int(1, 8), d.int(1, 6), d.int(2, 4), d.int(2, 4)
    h, w = kh * d.int(2, 8), kw * d.int(2, 8)
    if d.int(0, 4) == 0:
        h += 1
    op = d.choice(("tile", "avgpool2d", "maxpool2d"))
    text = (f"What is the shape of `{op}(t, {{{kh}, {kw}}}){'.tensor' if op == 'tile' else ''}` for `t` of "
            f"shape `({b}, {c}, {h}, {w})`?")
    if h % kh or w % kw:
        return Drawn(text, None, Tuple_("a shape", "(2, 3, 4, 4)", none_ok=True),
                     [f"height {h} is not divisible by {kh}: ShapeError"])
    shape = (b, c, h // kh, w // kw) + ((kh * kw,) if op == "tile" else ())
    return Drawn(text, shape, Tuple_("a shape", "(2, 3, 4, 4)", none_ok=True),
                 [f"new height {h} / {kh} = {h // kh}, new width {w} / {kw} = {w // kw}",
                  ("tile adds a last dimension of kh * kw = " + str(kh * kw)) if op == "tile"
                  else "pooling reduces the window's dimension away", show(shape)])


def softmax(xs: Sequence[float]) -> List[float]:
    m = max(xs)
    e = [math.exp(x - m) for x in xs]
    return [v / sum(e) for v in e]


@QUIZ.question("Softmax or logsoftmax of a vector", MAXSOFT, "a number, like 0.25 (within 0.0001)")
def softmax_entry(d: Draw) -> Drawn:
    xs = [d.int(-3, 4) for _ in range(d.int(3, 4))]
    j = d.int(0, len(xs) - 1)
    log = bool(d.int(0, 1))
    m = max(xs)
    lse = m + math.log(sum(math.exp(x - m) for x in xs))
    value = xs[j] - lse if log else softmax(xs)[j]
    name = "logsoftmax" if log else "softmax"
    text = f"What is element {j} of `{name}(t, 0)` for `t = {xs}`?"
    working = [f"max m = {m}; log sum exp = m + log(sum exp(x - m)) = {lse:.6f}",
               f"{name}[{j}] = " + (f"{xs[j]} - {lse:.6f}" if log else f"exp({xs[j]} - {lse:.6f})") + f" = {value:.6f}"]
    return Drawn(text, value, Number(1e-4), working)


@QUIZ.question("The expected value of dropout", MAXSOFT, "a number, like 1.5 (within 0.0001)")
def dropout_mean(d: Draw) -> Drawn:
    x = d.int(2, 40) / 2
    rate = d.choice((0.1, 0.2, 0.25, 0.4, 0.5, 0.75))
    value = (1 - rate) * x
    text = (f"During training, `dropout(t, {rate:g})` is applied to a tensor whose every element is {x:g}. "
            f"What is the expected value of one output element?")
    return Drawn(text, value, Number(1e-4),
                 [f"kept with probability 1 - {rate:g} and not rescaled (the course's dropout): "
                  f"(1 - {rate:g}) * {x:g} = {value:g}"])


@QUIZ.question("The gradient of max", MAXSOFT, "the values like (0, 0, 3, 0)")
def max_grad(d: Draw) -> Drawn:
    xs = d.sample(range(-9, 10), d.int(4, 5))
    g = d.nonzero(-4, 4)
    j = xs.index(max(xs))
    value = tuple(g if i == j else 0 for i in range(len(xs)))
    text = (f"`out = max(t, 0)` for `t = {xs}` (shape `({len(xs)},)`; `out` has shape `(1,)`). Backward gets "
            f"`d_out = [{g}]`. What is the gradient for `t`?")
    return Drawn(text, value, Tuple_("the values", "(0, 0, 3, 0)"),
                 [f"only the maximal element ({max(xs)}, at {j}) influences the max, with slope 1",
                  f"d_out there, 0 elsewhere: {show(value)}"])


@QUIZ.question("One value of a pooled image", "Task 4.3 — Pooling", "a number, like 6.5 (within 0.0001)")
def pooled_value(d: Draw) -> Drawn:
    grid = [[d.int(0, 9) for _ in range(4)] for _ in range(4)]
    i, j = d.int(0, 1), d.int(0, 1)
    op = d.choice(("avgpool2d", "maxpool2d"))
    window = [grid[2 * i + a][2 * j + b] for a in range(2) for b in range(2)]
    value = max(window) if op == "maxpool2d" else sum(window) / 4
    rows = "\n".join(" ".join(f"{v}" for v in row) for row in grid)
    text = (f"`t` has shape `(1, 1, 4, 4)`:\n\n{code(rows)}\n\nWhat is `{op}(t, {{2, 2}})[0, 0, {i}, {j}]`?")
    return Drawn(text, value, Number(1e-4),
                 [f"the window of rows {2 * i}..{2 * i + 1}, columns {2 * j}..{2 * j + 1}: {window}",
                  f"{'max' if op == 'maxpool2d' else 'mean'} = {value:g}"])
