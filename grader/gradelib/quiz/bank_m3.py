"""Quiz 3 (Module 3, Efficiency): OpenMP loops, CUDA threads, barriers, tiled matrix multiplication."""
from __future__ import annotations

from .bank import Drawn, Quiz, code, options
from .draw import Draw
from .forms import Choice, Number, Tuple_

QUIZ = Quiz(3, "Efficiency")
LABELS = ("a", "b", "c", "d")
CUDA = "CUDA in two minutes"

# Loops: (code, can the iterations of the loop over i run in parallel?, why)
LOOPS = (
    ("for (int i = 0; i < n; ++i) out[i] = a[i] * b[i];", True, "each iteration writes its own out[i]"),
    ("for (int i = 1; i < n; ++i) out[i] = out[i - 1] + a[i];", False,
     "iteration i reads out[i - 1], written by iteration i - 1"),
    ("for (int i = 0; i < n; ++i) total += a[i];", False, "every iteration writes the shared `total` (a race)"),
    ("for (int i = 0; i < n; ++i) {\n  double acc = 0;\n  for (int k = 0; k < m; ++k) acc += a[i * m + k];\n"
     "  out[i] = acc;\n}", True, "acc is local to the iteration; out[i] is its own"),
    ("for (int i = 0; i < n; ++i) out[i % 4] += a[i];", False, "iterations i and i + 4 write the same out[i % 4]"),
    ("for (int i = 0; i < n; ++i) out[perm[i]] = a[i];  // perm: a permutation of 0..n-1", True,
     "a permutation sends each iteration to its own element"),
    ("IndexBuffer index;  // declared before the loop\nfor (int i = 0; i < n; ++i) {\n"
     "  to_index(i, shape, index);\n  out[i] = a[index_to_position(index, strides)];\n}", False,
     "the one `index` buffer is shared by every thread: declare it inside the parallel region"),
    ("for (int i = 0; i < n; ++i) out[i] = a[n - 1 - i];  // out and a do not overlap", True,
     "each iteration writes its own out[i], and reads only a"),
)


@QUIZ.question("The global index of a thread", CUDA, "a whole number, like 34")
def global_index(d: Draw) -> Drawn:
    block = d.choice((32, 64, 128, 256))
    bx, tx = d.int(1, 40), d.int(0, block - 1)
    value = bx * block + tx
    text = (f"A 1-D launch has blocks of {block} threads. Which element `i = blockIdx.x * blockDim.x + "
            f"threadIdx.x` does thread {tx} of block {bx} handle?")
    return Drawn(text, value, Number(0), [f"{bx} * {block} + {tx} = {value}"])


@QUIZ.question("How many blocks a launch needs", CUDA, "a whole number, like 4")
def blocks(d: Draw) -> Drawn:
    block = d.choice((32, 64, 128, 256))
    n = d.int(block + 1, 40 * block)
    value = -(-n // block)
    text = (f"A map over {n} elements runs one thread per element, in blocks of {block} threads. How many blocks "
            f"does the launch need (the fewest that cover every element)?")
    return Drawn(text, value, Number(0),
                 [f"ceil({n} / {block}) = ({n} + {block} - 1) / {block} = {value}",
                  f"the last block has {n - (value - 1) * block} threads with work: the others must test i < size"])


@QUIZ.question("Which loops may run in parallel", "Task 3.1 — Parallel map, zip and reduce",
               "the letters of every loop whose iterations may run in parallel, like a, d")
def parallel_loops(d: Draw) -> Drawn:
    chosen = d.sample(LOOPS, 4)
    text = ("Under `#pragma omp parallel for`, which of these loops (over `i`) give the same result as run "
            "serially, whatever the thread count?\n\n"
            + "\n\n".join(f"({label})\n\n{code(src)}" for label, (src, _, _) in zip(LABELS, chosen)))
    expected = tuple(label for label, (_, ok, _) in zip(LABELS, chosen) if ok)
    working = [f"({label}) {'parallel' if ok else 'not parallel'}: {why}"
               for label, (_, ok, why) in zip(LABELS, chosen)]
    return Drawn(text, expected, Choice(LABELS, several=True), working)


@QUIZ.question("Global reads of a tiled and an untiled matmul", "Task 3.4 — CUDA matrix multiplication",
               "a whole number, like 8")
def tiled_reads(d: Draw) -> Drawn:
    tile = d.choice((8, 16, 32))
    n = tile * d.int(2, 8)
    untiled = 2 * n ** 3
    tiled = 2 * n ** 3 // tile
    text = (f"Two `{n} x {n}` matrices are multiplied. A simple kernel has each thread read its row of `a` and "
            f"its column of `b` from global memory. The tiled kernel uses {tile} x {tile} tiles in shared "
            f"memory, each cell of a tile read from global memory once. How many times more global reads does "
            f"the simple kernel make than the tiled one?")
    return Drawn(text, untiled // tiled, Number(0),
                 [f"simple: {n} x {n} threads, each reads 2 x {n} values: 2 n^3 = {untiled}",
                  f"tiled: each block ({tile} x {tile} outputs) reads 2 x {tile} x {n} values, "
                  f"({n}/{tile})^2 blocks: 2 n^3 / {tile} = {tiled}",
                  f"ratio {untiled} / {tiled} = {tile}"])


BARRIERS = (
    ("if (i >= size) return;\ncache[pos] = a[i];\n__syncthreads();", False,
     "threads past the end return before the barrier that the others wait at"),
    ("if (i < size) cache[pos] = a[i]; else cache[pos] = 0;\n__syncthreads();", True,
     "every thread reaches the barrier; only the work is guarded"),
    ("for (int s = 1; s < blockDim.x; s *= 2) {\n  if (pos % (2 * s) == 0) cache[pos] += cache[pos + s];\n"
     "  __syncthreads();\n}", True, "the barrier is outside the branch: every thread reaches each one"),
    ("for (int s = 1; s < blockDim.x; s *= 2) {\n  if (pos % (2 * s) == 0) {\n    cache[pos] += cache[pos + s];\n"
     "    __syncthreads();\n  }\n}", False, "the barrier sits in a branch only some threads take"),
    ("__shared__ int total;\nif (threadIdx.x == 0) total = 0;\n__syncthreads();\natomicAdd(&total, 1);", True,
     "one barrier, reached by every thread"),
    ("if (blockIdx.x == 0) __syncthreads();", True,
     "a whole block takes the same branch (blockIdx is the same for all its threads)"),
)


@QUIZ.question("The barrier rule", CUDA, "the letters of every snippet that breaks the rule, like b, c")
def barrier_rule(d: Draw) -> Drawn:
    chosen = d.sample(BARRIERS, 4)
    text = ("Which of these kernel snippets break the barrier rule (every thread of a block must reach every "
            "`__syncthreads()`)? `i` is the global index, `pos` is `threadIdx.x`.\n\n"
            + "\n\n".join(f"({label})\n\n{code(src)}" for label, (src, _, _) in zip(LABELS, chosen)))
    expected = tuple(label for label, (_, ok, _) in zip(LABELS, chosen) if not ok)
    working = [f"({label}) {'fine' if ok else 'breaks it'}: {why}" for label, (_, ok, why) in zip(LABELS, chosen)]
    return Drawn(text, expected, Choice(LABELS, several=True), working)


@QUIZ.question("Parallel or serial: the grain", "Task 3.1 — Parallel map, zip and reduce",
               "the letter of one option, like b")
def grain(d: Draw) -> Drawn:
    out_size, red = d.choice((8, 64, 256, 1024, 4096)), d.choice((4, 16, 64, 256))
    grain = 32768
    work = out_size * red
    text = (f"`fast_reduce` sums a tensor over a dimension of size {red}, into an output of {out_size} elements, "
            f"with the default grain of {grain}. How does it run?\n\n"
            + options((("a", "in parallel"), ("b", "serially, on the calling thread"))))
    value = ("a",) if work >= grain else ("b",)
    return Drawn(text, value, Choice(("a", "b")),
                 [f"a reduction's work is output size times reduced size: {out_size} x {red} = {work}",
                  f"{work} {'>=' if work >= grain else '<'} {grain}: " + ("parallel" if work >= grain else "serial")])


@QUIZ.question("Shared memory of a block", CUDA, "a whole number of bytes, like 2048")
def shared_bytes(d: Draw) -> Drawn:
    tile = d.choice((8, 16, 32))
    arrays = d.int(1, 3)
    names = ", ".join(f"s{k}[{tile}][{tile}]" for k in range(arrays))
    value = arrays * tile * tile * 8
    text = (f"A kernel declares `__shared__ double {names};`. How many bytes of shared memory does each block of "
            f"its launch use (for these arrays)?")
    return Drawn(text, value, Number(0), [f"{arrays} x {tile} x {tile} doubles x 8 bytes = {value}",
                                          "one copy per block, whatever its number of threads"])


@QUIZ.question("The shape of a batched product", "Task 3.2 — Matrix multiplication",
               "a shape like (2, 3, 4), or none if it is an error")
def batched(d: Draw) -> Drawn:
    n, i, k, j = d.int(2, 6), d.int(2, 9), d.int(2, 9), d.int(2, 9)
    na, nb = d.choice(((n, n), (1, n), (n, 1)))
    k2 = k if d.int(0, 3) else k + 1
    value = (max(na, nb), i, j) if k2 == k else None
    text = (f"What is the shape of `matmul(a, b)` for `a` of shape `({na}, {i}, {k})` and `b` of shape "
            f"`({nb}, {k2}, {j})`?")
    working = (["out[n, i, j] = sum over k of a[n, i, k] * b[n, k, j]: a batch of 1 is broadcast",
                f"({max(na, nb)}, {i}, {j})"] if value else
               [f"a has {k} columns but b has {k2} rows: the shared dimension differs (an error)"])
    return Drawn(text, value, Tuple_("a shape", "(2, 3, 4)", none_ok=True), working)
