"""Quiz 0 (Module 0, Fundamentals): operators, their properties, map/zip/reduce, modules."""
from __future__ import annotations

import math
from itertools import product

from .bank import Drawn, Quiz, code, options
from .draw import Draw
from .forms import Choice, Number, Order, Tuple_, fmt_number

QUIZ = Quiz(0, "Fundamentals")
LABELS = ("a", "b", "c", "d")

PROPERTIES = (
    ("a", "`lt(x, x) == 0` for every `x`"),
    ("b", "`lt(x, y) == 1` and `lt(y, z) == 1` imply `lt(x, z) == 1`"),
    ("c", "exactly one of `lt(x, y)`, `lt(y, x)`, `eq(x, y)` is 1"),
    ("d", "`lt(x + c, y + c) == lt(x, y)` for every `c`"),
)
# A wrong lt: its C++ body (K is drawn) and the same in Python.
WRONG_LTS = (
    ("x <= y ? 1.0 : 0.0", lambda x, y, k: x <= y),
    ("(x < y && y - x <= K) ? 1.0 : 0.0", lambda x, y, k: x < y and y - x <= k),
    ("x * x < y * y ? 1.0 : 0.0", lambda x, y, k: x * x < y * y),
    ("x < y + K ? 1.0 : 0.0", lambda x, y, k: x < y + k),
    ("x + K < y ? 1.0 : 0.0", lambda x, y, k: x + k < y),
)


def broken_properties(lt, k: int):
    """label -> a counterexample, for each property of PROPERTIES that `lt` breaks on a grid of halves."""
    grid = [v / 2 for v in range(-4 * k - 4, 4 * k + 5)]
    f = fmt_number
    found = {}
    for x in grid:
        if "a" not in found and lt(x, x, k):
            found["a"] = f"lt({f(x)}, {f(x)}) = 1"
    for x, y in product(grid, grid):
        count = int(lt(x, y, k)) + int(lt(y, x, k)) + int(x == y)
        if "c" not in found and count != 1:
            found["c"] = f"x = {f(x)}, y = {f(y)}: {count} of the three are 1"
        for c in grid:
            if "d" not in found and lt(x + c, y + c, k) != lt(x, y, k):
                found["d"] = (f"lt({f(x)}, {f(y)}) = {int(lt(x, y, k))} but "
                              f"lt({f(x + c)}, {f(y + c)}) = {int(lt(x + c, y + c, k))}")
            if "b" not in found and lt(x, y, k) and lt(y, c, k) and not lt(x, c, k):
                found["b"] = f"lt({f(x)}, {f(y)}) = lt({f(y)}, {f(c)}) = 1 but lt({f(x)}, {f(c)}) = 0"
    return found


@QUIZ.question("The properties a wrong lt breaks", "Task 0.2 — Testing and debugging",
               "the letters of every property it breaks, like a, c")
def wrong_lt(d: Draw) -> Drawn:
    body, lt = d.choice(WRONG_LTS)
    k = d.int(1, 5)
    shown = body.replace("K", str(k))
    found = broken_properties(lt, k)
    text = (f"A student wrote\n\n{code('inline double lt(double x, double y) { return ' + shown + '; }')}\n\n"
            f"Which of these properties, which the real `lt` has, does this one break? (All that apply.)\n\n"
            + options(PROPERTIES))
    working = [f"({label}) broken: {why}" for label, why in sorted(found.items())]
    working += [f"({label}) holds" for label, _ in PROPERTIES if label not in found]
    return Drawn(text, tuple(sorted(found)), Choice(LABELS, several=True), working)


ZIP_FNS = (("operators::add", lambda x, y: x + y), ("operators::mul", lambda x, y: x * y),
           ("operators::max", max), ("[](int x, int y) { return x - 2 * y; }", lambda x, y: x - 2 * y))


@QUIZ.question("What zip_with returns", "Task 0.3 — Functional programming",
               "a list of whole numbers like (3, -1, 4), or none if the call throws")
def zip_with(d: Draw) -> Drawn:
    name, fn = d.choice(ZIP_FNS)
    n = d.int(2, 4)
    xs = [d.int(-5, 9) for _ in range(n)]
    m = n if d.int(0, 3) else n + 1
    ys = [d.int(-5, 9) for _ in range(m)]
    form = Tuple_("a list", "(3, -1, 4)", none_ok=True)
    text = (f"What does this return? (Write the list in parentheses.)\n\n"
            f"{code(f'zip_with({name})(std::vector<int>{{{str(xs)[1:-1]}}}, std::vector<int>{{{str(ys)[1:-1]}}})')}")
    if n != m:
        return Drawn(text, None, form, [f"the lists have {n} and {m} elements: zip_with throws ValueError"])
    out = tuple(fn(x, y) for x, y in zip(xs, ys))
    return Drawn(text, out, form, [f"fn({x}, {y}) = {v}" for x, y, v in zip(xs, ys, out)])


REDUCE_FNS = (("x - acc", lambda x, a: x - a), ("acc - x", lambda x, a: a - x),
              ("2 * acc + x", lambda x, a: 2 * a + x), ("x * x - acc", lambda x, a: x * x - a))


@QUIZ.question("The fold order of reduce", "Task 0.3 — Functional programming", "a whole number, like 12")
def reduce_order(d: Draw) -> Drawn:
    body, fn = d.choice(REDUCE_FNS)
    start = d.int(-3, 5)
    xs = [d.int(-4, 6) for _ in range(3)]
    text = (f"What does this return?\n\n"
            f"{code(f'reduce([](int x, int acc) {{ return {body}; }}, {start})(std::vector<int>{{{str(xs)[1:-1]}}})')}")
    acc, working = start, ["reduce folds fn(x3, fn(x2, fn(x1, start))): the element first, the accumulator second",
                           f"start: acc = {start}"]
    for x in xs:
        new = fn(x, acc)
        working.append(f"x = {x}, acc = {acc}: {body} = {new}")
        acc = new
    return Drawn(text, acc, Number(0), working)


# name, the function, its rule, the range of x (in tenths; log needs x > 0)
BACKS = (("log_back", lambda x, g: g / x, "d / x", (1, 40)),
         ("inv_back", lambda x, g: -g / (x * x), "-d / x^2", (-40, 40)),
         ("relu_back", lambda x, g: g if x > 0 else 0.0, "d if x > 0, else 0", (-40, 40)))


@QUIZ.question("A backward operator at a point", "Task 0.1 — Operators", "a number, like -0.25 (within 0.0001)")
def back_operator(d: Draw) -> Drawn:
    name, fn, rule, (lo, hi) = d.choice(BACKS)
    x = d.tenth(lo, hi) or 0.5
    g = d.tenth(-30, 30) or 1.5
    value = fn(x, g)
    text = f"What is `operators::{name}({fmt_number(x)}, {fmt_number(g)})`?"
    return Drawn(text, value, Number(1e-4),
                 [f"{name}(x, d) = {rule}", f"with x = {fmt_number(x)}, d = {fmt_number(g)}: {fmt_number(value)}"])


@QUIZ.question("The symmetry of sigmoid", "Task 0.1 — Operators", "a number, like 0.25 (within 0.0001)")
def sigmoid_symmetry(d: Draw) -> Drawn:
    a = d.tenth(-30, 30) or 1.0
    p = 1.0 / (1.0 + math.exp(-a))
    text = (f"`sigmoid({fmt_number(a)})` is {p:.6f}. Without computing an exponential, what is "
            f"`sigmoid({fmt_number(-a)})`?")
    return Drawn(text, 1.0 - p, Number(1e-4),
                 ["sigmoid(-x) = 1 - sigmoid(x)", f"1 - {p:.6f} = {1 - p:.6f}"])


@QUIZ.question("The order of named_parameters", "Task 0.4 — Modules",
               "the parameter names in order, separated by commas, like w, b, layer.w")
def named_parameters(d: Draw) -> Drawn:
    child, grand = d.choice(("layer", "block", "head")), d.choice(("inner", "act", "norm"))
    own, kid, leaf = d.sample(("w", "b", "scale", "bias"), 2), d.sample(("w", "b", "gain"), 2), d.choice(("s", "t"))
    first_child = d.int(0, 1)  # the child is declared between the root's two parameters
    root_lines = [f'  ParameterPtr {own[0]} = register_parameter("{own[0]}", 1.0);']
    child_line = f'  std::shared_ptr<Child> {child} = register_module("{child}", std::make_shared<Child>());'
    root_lines += [child_line] if first_child else []
    root_lines += [f'  ParameterPtr {own[1]} = register_parameter("{own[1]}", 2.0);']
    root_lines += [] if first_child else [child_line]
    src = ("struct Leaf : Module<Leaf, double> {\n"
           f'  ParameterPtr {leaf} = register_parameter("{leaf}", 0.5);\n}};\n'
           "struct Child : Module<Child, double> {\n"
           f'  std::shared_ptr<Leaf> {grand} = register_module("{grand}", std::make_shared<Leaf>());\n'
           f'  ParameterPtr {kid[0]} = register_parameter("{kid[0]}", 3.0);\n'
           f'  ParameterPtr {kid[1]} = register_parameter("{kid[1]}", 4.0);\n}};\n'
           "struct Root : Module<Root, double> {\n" + "\n".join(root_lines) + "\n};")
    expected = (own[0], own[1], f"{child}.{kid[0]}", f"{child}.{kid[1]}", f"{child}.{grand}.{leaf}")
    text = f"In what order does `Root().named_parameters()` list the names?\n\n{code(src)}"
    working = ["own parameters first, in registration order: " + ", ".join(own),
               f"then each child's, with its name in front, recursively: {', '.join(expected[2:])}"]
    return Drawn(text, expected, Order(sorted(expected)), working)


@QUIZ.question("train() and eval() on a tree of modules", "Task 0.4 — Modules",
               "the letters of every module in training mode, like a, c")
def train_eval(d: Draw) -> Drawn:
    # root -> a -> b, root -> c; a module's mode call reaches every module below it.
    below = {"root": ["root", "a", "b", "c"], "a": ["a", "b"], "b": ["b"], "c": ["c"]}
    calls = [(d.choice(("root", "a")), d.choice(("train", "eval")))]
    calls.append((d.choice(("a", "b", "c")), "eval" if calls[0][1] == "train" else "train"))
    if d.int(0, 1):
        calls.append((d.choice(("b", "c")), d.choice(("train", "eval"))))
    mode = {m: False for m in below}  # a new module starts in training mode; start all in eval
    program = ["root.eval();"] + [f"{m}.{c}();" for m, c in calls]
    working = ["root.eval(): every module in eval mode"]
    for m, c in calls:
        for sub in below[m]:
            mode[sub] = c == "train"
        working.append(f"{m}.{c}(): sets {', '.join(below[m])}")
    names = {"a": "root", "b": "a", "c": "b", "d": "c"}
    text = ("`root` has the children `a` and `c`, and `a` has the child `b`. After\n\n"
            + code("\n".join(program)) + "\n\nwhich modules are in training mode?\n\n"
            + options((label, f"`{names[label]}`") for label in LABELS))
    expected = tuple(label for label in LABELS if mode[names[label]])
    return Drawn(text, expected, Choice(LABELS, several=True), working)


@QUIZ.question("is_close", "Task 0.1 — Operators", "the letters of every close pair, like b, d")
def is_close(d: Draw) -> Drawn:
    gaps = d.sample((0.002, 0.004, 0.009, 0.011, 0.03, 0.25), 4)
    pairs = []
    for gap in gaps:
        x = d.int(-500, 500) / 100
        y = round(x + gap * d.choice((1, -1)), 3)
        pairs.append((x, y))
    text = ("For which pairs is `operators::is_close(x, y)` 1?\n\n"
            + options((label, f"`is_close({fmt_number(x)}, {fmt_number(y)})`") for label, (x, y) in zip(LABELS, pairs)))
    expected = tuple(label for label, (x, y) in zip(LABELS, pairs) if abs(x - y) < 1e-2)
    working = ["is_close(x, y) is |x - y| < 0.01"]
    working += [f"({label}) |{fmt_number(x)} - {fmt_number(y)}| = {abs(x - y):.3f}" for label, (x, y) in zip(LABELS, pairs)]
    return Drawn(text, expected, Choice(LABELS, several=True), working)
