"""Quiz 1 (Module 1, Autodiff): central differences, derivatives, graphs, backpropagation."""
from __future__ import annotations

import math
from typing import Dict, List, Sequence

from .bank import Drawn, Quiz, code, options
from .draw import Draw
from .forms import Choice, Number, Order, fmt_number

QUIZ = Quiz(1, "Autodiff")
LABELS = ("a", "b", "c", "d")

# f, its text, its derivative
FUNCTIONS = (
    ("x^3", lambda x: x ** 3, lambda x: 3 * x * x),
    ("1 / x", lambda x: 1 / x, lambda x: -1 / (x * x)),
    ("exp(x)", math.exp, math.exp),
    ("x^2 + 3x", lambda x: x * x + 3 * x, lambda x: 2 * x + 3),
)


@QUIZ.question("A central difference with a large epsilon", "Task 1.1 — Numerical derivatives",
               "a number, like 2.5 (within 0.0001)")
def central_difference(d: Draw) -> Drawn:
    name, f, _ = d.choice(FUNCTIONS)
    x = d.choice((1.0, 1.5, 2.0, 2.5, 3.0))  # x - eps > 0: 1 / x is defined on the whole window
    eps = d.choice((0.1, 0.25, 0.5))
    value = (f(x + eps) - f(x - eps)) / (2 * eps)
    text = (f"What does `central_difference(f, {{{fmt_number(x)}}}, 0, {fmt_number(eps)})` return for "
            f"`f(x) = {name}`? (epsilon is {fmt_number(eps)} here, not the default: the answer is not quite "
            f"the derivative.)")
    working = ["(f(x + e) - f(x - e)) / 2e",
               f"= (f({fmt_number(x + eps)}) - f({fmt_number(x - eps)})) / {fmt_number(2 * eps)}",
               f"= ({f(x + eps):.6f} - {f(x - eps):.6f}) / {fmt_number(2 * eps)} = {value:.6f}"]
    return Drawn(text, value, Number(1e-4), working)


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


# f(x) for u = a x + b: its text, f, f' (the chain rule) and the working of f'
COMPOSITES = (
    ("sigmoid({a}x{b})", lambda u, x: _sigmoid(u), lambda u, x, a: _sigmoid(u) * (1 - _sigmoid(u)) * a,
     "sigmoid'(u) * a = s (1 - s) * a, s = sigmoid(u)"),
    ("log(({a}x{b})^2 + 1)", lambda u, x: math.log(u * u + 1), lambda u, x, a: 2 * u * a / (u * u + 1),
     "2u * a / (u^2 + 1)"),
    ("exp({a}x{b}) * x", lambda u, x: math.exp(u) * x, lambda u, x, a: math.exp(u) * (a * x + 1),
     "exp(u) * a * x + exp(u) = exp(u) (a x + 1)"),
)


@QUIZ.question("The derivative of a composite", "Task 1.3 — The chain rule", "a number, like 0.5 (within 0.0001)")
def composite(d: Draw) -> Drawn:
    a, b = d.nonzero(-3, 3), d.int(-2, 2)
    x = d.tenth(-15, 15)
    name, _, df, rule = d.choice(COMPOSITES)
    u = a * x + b
    value = df(u, x, a)
    shown = name.format(a=a, b=f" + {b}" if b >= 0 else f" - {-b}")
    text = f"What is the derivative of `f(x) = {shown}` at `x = {fmt_number(x)}`?"
    return Drawn(text, value, Number(1e-4, relative=abs(value) > 10),
                 [f"u = a x + b = {a} * {fmt_number(x)} + {b} = {fmt_number(u)}", f"f'(x) = {rule}",
                  f"= {value:.6f}"])


@QUIZ.question("Backpropagating through a variable used twice", "How a Scalar works",
               "a number, like 22 (within 0.0001)")
def used_twice(d: Draw) -> Drawn:
    x, y, c = d.nonzero(-4, 4), d.nonzero(-4, 4), d.int(2, 12)
    text = ("After\n\n" + code(f"Scalar x({x}.0), y({y}.0);\nScalar out = (x * x) * y + {c}.0 * x;\nout.backward();")
            + "\n\nwhat is `*x.derivative()`?")
    value = 2 * x * y + c
    return Drawn(text, value, Number(1e-4),
                 ["d/dx (x x y) = 2 x y, d/dx (c x) = c: the contributions of each use of x add up",
                  f"2 * {x} * {y} + {c} = {value}"])


@QUIZ.question("Which variables are leaves, constants or neither", "How a Scalar works",
               "the letters of every option asked for, like a, c")
def kinds(d: Draw) -> Drawn:
    k = d.int(2, 9)
    ask = d.choice(("leaves", "constants", "computed (neither leaves nor constants)"))
    src = f"Scalar w(0.5);\nScalar z = w * {k}.0;\nScalar out = z.sigmoid() + w;"
    members = {"a": ("`w`", "leaves"), "b": (f"the `{k}.0` in `w * {k}.0`", "constants"),
               "c": ("`z`", "computed (neither leaves nor constants)"),
               "d": ("`out`", "computed (neither leaves nor constants)")}
    text = (code(src) + f"\n\nWhich of these are **{ask}**?\n\n"
            + options((label, what) for label, (what, _) in members.items()))
    expected = tuple(label for label, (_, kind) in members.items() if kind == ask)
    working = [f"({label}) {what}: {kind}" for label, (what, kind) in members.items()]
    return Drawn(text, expected, Choice(LABELS, several=True), working)


def is_topological(order: Sequence[str], inputs: Dict[str, List[str]], root: str) -> bool:
    """Every variable once, root first, each before every variable it was computed from."""
    if sorted(order) != sorted(inputs) or not order or order[0] != root:
        return False
    place = {name: i for i, name in enumerate(order)}
    return all(place[v] < place[u] for v, us in inputs.items() for u in us)


@QUIZ.question("A topological order of a graph", "Task 1.4 — Backpropagation",
               "the variable names in order, like out, c, a, b, x, y")
def topological(d: Draw) -> Drawn:
    x, y = "x", "y"
    names = d.sample(("a", "b", "c", "e"), 3)
    p, q, r = names
    shapes = (
        {p: [x, y], q: [p, x], r: [q, p], "out": [r, y]},
        {p: [x], q: [y, p], r: [p], "out": [q, r]},
        {p: [x, y], q: [p], r: [x, q], "out": [r, p]},
    )
    inputs = dict(d.choice(shapes))
    ops = d.sample(("*", "+", "-"), 3)
    lines = [f"Scalar {x}(1.5, \"x\"), {y}(-2.0, \"y\");"]
    for i, (v, us) in enumerate(inputs.items()):
        expr = f"{us[0]}.log()" if len(us) == 1 else f"{us[0]} {ops[i % 3]} {us[1]}"
        lines.append(f"Scalar {v} = {expr};")
    inputs[x], inputs[y] = [], []
    text = ("Give an order in which `topological_sort(out)` may return the variables of\n\n"
            + code("\n".join(lines)) + "\n\n(`out` first, each variable before every variable it was computed from.)")
    expected = _one_order(inputs, "out")
    form = Order(sorted(inputs), valid=lambda given: is_topological(given, inputs, "out"))
    working = [f"{v} is computed from {', '.join(us)}" for v, us in inputs.items() if us]
    return Drawn(text, tuple(expected), form, working + ["one valid order: " + ", ".join(expected)])


def _one_order(inputs: Dict[str, List[str]], root: str) -> List[str]:
    seen, post = set(), []

    def visit(v: str) -> None:
        if v in seen:
            return
        seen.add(v)
        for u in inputs[v]:
            visit(u)
        post.append(v)
    visit(root)
    return post[::-1]


BACKWARDS = (
    ("Sigmoid", lambda a, g: g * _sigmoid(a) * (1 - _sigmoid(a)), "d * s * (1 - s), s = sigmoid(a)"),
    ("Inv", lambda a, g: -g / (a * a), "-d / a^2"),
    ("Exp", lambda a, g: g * math.exp(a), "d * e^a"),
    ("ReLU", lambda a, g: g if a > 0 else 0.0, "d if a > 0, else 0"),
)


@QUIZ.question("A backward with an incoming derivative", "Task 1.4 — Backpropagation",
               "a number, like -1.5 (within 0.0001)")
def one_backward(d: Draw) -> Drawn:
    name, fn, rule = d.choice(BACKWARDS)
    a = d.tenth(-20, 20) or 0.7
    g = d.tenth(-30, 30) or 2.0
    value = fn(a, g)
    text = (f"During backpropagation `{name}::backward` receives `d_output = {fmt_number(g)}`; the input was "
            f"`a = {fmt_number(a)}`. What derivative does it return for `a`?")
    return Drawn(text, value, Number(1e-4),
                 [f"{name}: {rule}", f"with a = {fmt_number(a)}, d = {fmt_number(g)}: {value:.6f}"])


@QUIZ.question("The derivative of a comparison", "Task 1.4 — Backpropagation", "a number, like 3 (within 0.0001)")
def comparison(d: Draw) -> Drawn:
    x, y = d.nonzero(-5, 5), d.nonzero(-5, 5)
    text = ("With `Scalar x(" + f"{x}.0), y({y}.0);` and `Scalar out = (x < y) * x + y * y;`, "
            "what is the derivative of `out` with respect to `x` after `out.backward()`?")
    lt = 1.0 if x < y else 0.0
    return Drawn(text, lt, Number(1e-4),
                 [f"x < y is {int(lt)}, a constant as far as derivatives go (LT's backward is 0)",
                  f"d/dx ((x < y) * x) = (x < y) = {int(lt)}; y * y does not depend on x"])


@QUIZ.question("How many derivatives backpropagate accumulates", "Task 1.4 — Backpropagation",
               "a number, like 4 (within 0.0001)")
def chain_of_adds(d: Draw) -> Drawn:
    n = d.int(3, 7)
    text = ("After\n\n" + code(f"Scalar x(2.0);\nScalar out = x;\nfor (int i = 0; i < {n}; ++i) out = out + x;"
                                "\nout.backward();")
            + "\n\nwhat is `*x.derivative()`?")
    return Drawn(text, n + 1, Number(1e-4),
                 [f"out = x + x + ... + x, {n + 1} times: each use adds 1 to x's derivative (+=, never =)"])
