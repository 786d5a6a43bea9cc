"""Quiz 2 (Module 2, Tensors): strides, positions, permute, broadcasting, gradients of broadcasts."""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from .bank import Drawn, Quiz, options
from .draw import Draw
from .forms import Choice, Number, Tuple_

QUIZ = Quiz(2, "Tensors")
LABELS = ("a", "b", "c", "d")
STORAGE = "Storage, shape, strides"

Shape = Tuple[int, ...]


def contiguous_strides(shape: Sequence[int]) -> Shape:
    out, step = [], 1
    for size in reversed(shape):
        out.append(step)
        step *= size
    return tuple(reversed(out))


def broadcast(a: Sequence[int], b: Sequence[int]) -> Optional[Shape]:
    n = max(len(a), len(b))
    a, b = (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)
    out = []
    for x, y in zip(a, b):
        if x != y and 1 not in (x, y):
            return None
        out.append(max(x, y))
    return tuple(out)


def show(shape: Sequence[int]) -> str:
    return f"({shape[0]},)" if len(shape) == 1 else "(" + ", ".join(map(str, shape)) + ")"


def _shape(d: Draw, lo: int = 2, hi: int = 4) -> Shape:
    return tuple(d.int(1, 5) for _ in range(d.int(lo, hi)))


@QUIZ.question("The strides of a contiguous shape", STORAGE, "strides like (3, 1)")
def strides(d: Draw) -> Drawn:
    shape = tuple(d.int(2, 6) for _ in range(d.int(2, 4)))
    value = contiguous_strides(shape)
    return Drawn(f"What are the strides of a fresh (contiguous) tensor of shape `{show(shape)}`?", value,
                 Tuple_("strides", "(3, 1)"),
                 ["the last dimension has stride 1; each other one multiplies the sizes after it",
                  f"strides = {show(value)}"])


@QUIZ.question("The storage position of an index", "Task 2.1 — Tensor data: indexing", "a whole number, like 12")
def position(d: Draw) -> Drawn:
    shape = tuple(d.int(2, 5) for _ in range(3))
    order = d.shuffle(range(3))
    base = contiguous_strides([shape[i] for i in order])
    st = [0, 0, 0]
    for k, i in enumerate(order):
        st[i] = base[k]
    index = tuple(d.int(0, s - 1) for s in shape)
    value = sum(i * s for i, s in zip(index, st))
    text = (f"A tensor has shape `{show(shape)}` and strides `{show(st)}`. At which position of its storage "
            f"is the element at index `{show(index)}`?")
    terms = " + ".join(f"{i}*{s}" for i, s in zip(index, st))
    return Drawn(text, value, Number(0), [f"position = sum of index[i] * strides[i] = {terms} = {value}"])


@QUIZ.question("Strides after a permute", "Task 2.1 — Tensor data: indexing", "strides like (1, 3)")
def permuted(d: Draw) -> Drawn:
    shape = tuple(d.int(2, 5) for _ in range(3))
    order = tuple(d.shuffle(range(3)))
    if order == (0, 1, 2):
        order = (2, 0, 1)
    st = contiguous_strides(shape)
    value = tuple(st[i] for i in order)
    text = (f"`t` is a fresh tensor of shape `{show(shape)}`. What are the strides of "
            f"`t.permute({{{', '.join(map(str, order))}}})`?")
    return Drawn(text, value, Tuple_("strides", "(1, 3)"),
                 [f"t's strides: {show(st)}", "dimension i of the result is dimension order[i]: its size and stride",
                  f"shape {show(tuple(shape[i] for i in order))}, strides {show(value)}"])


@QUIZ.question("The index of an ordinal", "Storage, shape, strides", "an index like (1, 0, 2)")
def to_index(d: Draw) -> Drawn:
    shape = tuple(d.int(2, 5) for _ in range(3))
    size = shape[0] * shape[1] * shape[2]
    ordinal = d.int(1, size - 1)
    out, rest, working = [0, 0, 0], ordinal, []
    for i in (2, 1, 0):
        out[i] = rest % shape[i]
        working.append(f"dim {i}: {rest} % {shape[i]} = {out[i]}, then {rest} / {shape[i]} = {rest // shape[i]}")
        rest //= shape[i]
    text = f"Which index does `to_index` give for ordinal `{ordinal}` in shape `{show(shape)}` (row-major)?"
    return Drawn(text, tuple(out), Tuple_("an index", "(1, 0, 2)"), working)


@QUIZ.question("The broadcast shape of two shapes", "Task 2.2 — Broadcasting",
               "a shape like (7, 2, 3, 5), or none if they do not broadcast")
def broadcast_shape(d: Draw) -> Drawn:
    out = tuple(d.int(2, 5) for _ in range(d.int(3, 4)))
    a = tuple(s if d.int(0, 2) else 1 for s in out[d.int(0, 1):])
    b = tuple(s if d.int(0, 2) else 1 for s in out[d.int(0, 2):])
    clash = [k for k in range(1, min(len(a), len(b)) + 1) if a[-k] > 1]
    if clash and d.int(0, 3) == 0:  # a pair that does not broadcast
        k = d.choice(clash)
        b = b[:len(b) - k] + (a[-k] + 1,) + b[len(b) - k + 1:]
    value = broadcast(a, b)
    n = max(len(a), len(b))
    pa, pb = (1,) * (n - len(a)) + a, (1,) * (n - len(b)) + b
    text = f"What is the shape of `a + b` when `a` has shape `{show(a)}` and `b` has shape `{show(b)}`?"
    working = [f"align on the right, pad with 1s: {show(pa)} and {show(pb)}",
               "equal sizes or a 1 fit; the result takes the larger" if value else "a pair of sizes differs and "
               "neither is 1: they do not broadcast (ShapeError)"]
    return Drawn(text, value, Tuple_("a shape", "(7, 2, 3, 5)", none_ok=True), working)


@QUIZ.question("The dimensions a gradient is summed over", "Task 2.4 — Gradients and autograd",
               "dimension numbers like (0, 2), in any order, or () for none")
def sum_to_dims(d: Draw) -> Drawn:
    out = tuple(d.int(2, 5) for _ in range(3))
    a = tuple(s if d.int(0, 1) else 1 for s in out[d.int(0, 1):])
    padded = (1,) * (3 - len(a)) + a
    dims = tuple(i for i in range(3) if padded[i] == 1 and out[i] != 1)
    text = (f"In `c = a * b`, `a` has shape `{show(a)}` and `c` has shape `{show(out)}`. Backward gets a "
            f"gradient of shape `{show(out)}` for `a`; over which of its dimensions must `sum_to` add it up "
            f"to give `a`'s gradient?")
    return Drawn(text, dims, Tuple_("dimension numbers", "(0, 2)", ordered=False),
                 [f"pad a's shape on the left with 1s: {show(padded)}",
                  f"sum every dimension where it has 1 and the gradient does not: {show(dims) if dims else '()'}"])


@QUIZ.question("Which layouts are contiguous", STORAGE, "the letters of every contiguous layout, like a, c")
def contiguous(d: Draw) -> Drawn:
    layouts = []
    for _ in range(4):
        shape = tuple(d.int(2, 4) for _ in range(3))
        st = list(contiguous_strides(shape))
        how = d.int(0, 2)
        if how == 1:  # a permuted layout
            i, j = d.sample(range(3), 2)
            shape = list(shape)
            shape[i], shape[j], st[i], st[j] = shape[j], shape[i], st[j], st[i]
        elif how == 2:  # a gapped layout
            st = [s * 2 for s in st]
        layouts.append((tuple(shape), tuple(st)))
    text = ("Which of these layouts are contiguous (row-major over their storage, so `view` may use them "
            "directly)?\n\n" + options((label, f"shape `{show(s)}`, strides `{show(t)}`")
                                       for label, (s, t) in zip(LABELS, layouts)))
    expected = tuple(label for label, (s, t) in zip(LABELS, layouts) if tuple(t) == contiguous_strides(s))
    working = [f"({label}) the contiguous strides of {show(s)} are {show(contiguous_strides(s))}"
               for label, (s, _) in zip(LABELS, layouts)]
    return Drawn(text, expected, Choice(LABELS, several=True), working)


@QUIZ.question("broadcast_index", "Task 2.2 — Broadcasting", "an index like (0, 2)")
def broadcast_index(d: Draw) -> Drawn:
    big = tuple(d.int(2, 5) for _ in range(3))
    small = tuple(s if d.int(0, 1) else 1 for s in big[d.int(0, 1):])
    if small == big:  # not the identity: a size-1 dimension, or one dropped
        k = d.int(0, 2)
        small = small[1:] if k == 0 else small[:k] + (1,) + small[k + 1:]
    index = tuple(d.int(0, s - 1) for s in big)
    tail = index[len(big) - len(small):]
    value = tuple(0 if s == 1 else i for i, s in zip(tail, small))
    text = (f"`big_shape` is `{show(big)}` and `shape` is `{show(small)}`. Which index does "
            f"`broadcast_index` give in `shape` for `big_index = {show(index)}`?")
    return Drawn(text, value, Tuple_("an index", "(0, 2)"),
                 [f"drop the {len(big) - len(small)} extra leading dimension(s): {show(tail) if tail else '()'}",
                  f"0 along every dimension of size 1: {show(value)}"])


@QUIZ.question("The order that undoes a permute", "Task 2.4 — Gradients and autograd", "an order like (2, 0, 1)")
def inverse_permute(d: Draw) -> Drawn:
    order = tuple(d.shuffle(range(4)))
    if order == (0, 1, 2, 3):
        order = (1, 3, 0, 2)
    inverse: List[int] = [0] * 4
    for i, o in enumerate(order):
        inverse[o] = i
    text = (f"`Permute::backward` gets `d_out` for `a.permute({{{', '.join(map(str, order))}}})`. With which "
            f"order must it permute `d_out` to give `a`'s gradient?")
    return Drawn(text, tuple(inverse), Tuple_("an order", "(2, 0, 1)"),
                 ["the inverse order: inverse[order[i]] = i"] +
                 [f"inverse[{o}] = {i}" for i, o in enumerate(order)])
