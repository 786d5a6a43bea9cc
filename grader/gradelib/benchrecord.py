"""Reading the benchmark programs' output into one record (scripts/bench).

The programs print their figures in three forms, each read here:

  * `bench op=NAME backend=NAME n=N seconds=S rate=R key=value ...` lines
    (minitorch/benchmark.h's Case, with --lines): timing, bench_ops,
    bench_conv;
  * a training program's --json report (train_fast): its epochs and result;
  * train_mnist's and torch_compare.py's text: "median 1.234 s" or a
    "time per epoch ... 12.3 ms" line, and PyTorch's row of a comparison
    table.

A record is a list of rows, each one case measured against its reference in
the same run: {"benchmark", "case", "ours", "ours_s", "reference",
"reference_s", "ratio", "note"}, where ratio = ours_s / reference_s (below 1:
ours is faster) or None when the reference is missing. Nothing here runs a
program (scripts/bench does): every function is a function of text.
"""
from __future__ import annotations

import re
from typing import Dict, Iterable, List, Optional, Tuple

Case = Dict[str, object]
Row = Dict[str, object]

_NUMBER_RE = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def _value(text: str) -> object:
    """An int or a float where the text is one, else the text."""
    if _NUMBER_RE.match(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    return text


def parse_cases(text: str) -> List[Case]:
    """Every `bench key=value ...` line of a program's output, as a dict
    (numbers converted); other lines are ignored."""
    cases = []
    for line in text.splitlines():
        words = line.split()
        if not words or words[0] != "bench":
            continue
        case: Case = {}
        for word in words[1:]:
            key, sep, value = word.partition("=")
            if sep:
                case[key] = _value(value)
        if "op" in case and "backend" in case and "seconds" in case:
            cases.append(case)
    return cases


def row(benchmark: str, case: str, ours: str, ours_s: Optional[float], reference: str,
        reference_s: Optional[float], note: str = "") -> Row:
    """One row of the record; ratio ours_s / reference_s where both are known."""
    ratio = ours_s / reference_s if ours_s and reference_s else None
    return {"benchmark": benchmark, "case": case, "ours": ours, "ours_s": ours_s, "reference": reference,
            "reference_s": reference_s, "ratio": ratio, "note": note}


def _find(cases: Iterable[Case], **want: object) -> Optional[Case]:
    for case in cases:
        if all(case.get(key) == value for key, value in want.items()):
            return case
    return None


def timing_rows(cases: List[Case], threads: int) -> List[Row]:
    """timing --lines: the fast backend against OpenBLAS with the same threads
    at each size, with GFLOP/s and the share of the measured peak."""
    rows = []
    peak = _find(cases, op="peak")
    peak_note = f"peak {peak['gflops']} GFLOP/s ({peak.get('loop', '?')})" if peak else ""
    if peak and "kernel" in peak:
        peak_note += f"; micro-kernel {peak['kernel']}, wide {peak.get('wide_kernel', '?')}"
    for fast in (c for c in cases if c["op"] == "matmul" and c["backend"] == "fast"):
        blas = _find(cases, op="matmul", backend=f"openblas_{threads}_threads", n=fast["n"])
        note = f"fast {fast.get('gflops')} GFLOP/s"
        if "peak_share" in fast:
            note += f" = {100 * float(fast['peak_share']):.0f}% of peak"
        rows.append(row("timing", f"matmul n={fast['n']} batch={fast.get('batch', '?')} threads={threads}", "fast",
                        float(fast["seconds"]), "OpenBLAS", float(blas["seconds"]) if blas else None, note))
    if peak is not None and rows:
        rows[0]["note"] = f"{rows[0]['note']}; {peak_note}"
    return rows


def bench_ops_rows(cases: List[Case], threads: int) -> List[Row]:
    """bench_ops --lines: each fast operation against the plain loop at the
    same size."""
    rows = []
    for fast in (c for c in cases if c["backend"] == "fast"):
        plain = _find(cases, op=fast["op"], backend="plain_loop", n=fast["n"])
        rows.append(row("bench_ops", f"{fast['op']} n={fast['n']} threads={threads}", "fast", float(fast["seconds"]),
                        "plain loop", float(plain["seconds"]) if plain else None))
    return rows


def bench_conv_rows(cases: List[Case]) -> List[Row]:
    """bench_conv --lines: each fast convolution (one thread and N) against
    PyTorch with the same threads where it ran, else the plain loop
    (forward only)."""
    rows = []
    for fast in (c for c in cases if c["backend"] == "fast"):
        torch = _find(cases, op=fast["op"], backend="torch", n=fast["n"], threads=fast.get("threads"),
                      **{"pass": fast.get("pass")})
        loop = _find(cases, op=fast["op"], backend="loop", **{"pass": fast.get("pass")})
        if torch is not None:
            reference, seconds = "PyTorch", torch["seconds"]
        else:
            reference, seconds = "plain loop", loop["seconds"] if loop else None
        rows.append(row("bench_conv", f"{fast['op']} {fast.get('pass')} threads={fast.get('threads')}", "fast",
                        float(fast["seconds"]), reference, float(seconds) if seconds is not None else None))
    return rows


def best_of(runs: List[List[Row]]) -> List[Row]:
    """The rows of several runs of the same benchmarks merged: per case, the
    least of ours and the least of the reference (on a shared machine other
    programs only ever make a run slower), the ratio of those, the note of
    the run with the least of ours (its GFLOP/s are those seconds'); in the
    first run's order, cases of later runs appended."""
    merged: Dict[Tuple[object, object], Row] = {}
    for rows in runs:
        for r in rows:
            key = (r["benchmark"], r["case"])
            if key not in merged:
                merged[key] = dict(r)
                continue
            m = merged[key]
            if r["ours_s"] is not None and (m["ours_s"] is None or r["ours_s"] < m["ours_s"]):
                m["note"] = r["note"]
            for field in ("ours_s", "reference_s"):
                if r[field] is not None and (m[field] is None or r[field] < m[field]):
                    m[field] = r[field]
    for m in merged.values():
        m["ratio"] = m["ours_s"] / m["reference_s"] if m["ours_s"] and m["reference_s"] else None
    return list(merged.values())


def training_report_seconds(report: Dict) -> Tuple[float, str]:
    """A training program's --json report: the median seconds per epoch and
    the last epoch's loss and accuracy as a note."""
    result = report["result"]
    seconds = result.get("median_seconds_per_epoch", result.get("seconds_per_epoch"))
    epochs = report.get("epochs") or []
    note = ""
    if epochs:
        last = epochs[-1]
        note = f"epoch {last['epoch']}: loss {last['loss']:.6g}, {last['correct']}/{last['total']} correct"
    return float(seconds), note


_DURATION = r"([0-9.]+) (ms|s)\b"


def _seconds(number: str, unit: str) -> float:
    return float(number) * (1e-3 if unit == "ms" else 1.0)


def epoch_seconds(text: str) -> Optional[Tuple[float, float]]:
    """train_mnist's output: (median, best) seconds per epoch from its
    "median 1.234 s" summary and its "Epoch ... time per epoch 1.2 s"
    lines, or None when there is no summary."""
    median = re.search(r"median " + _DURATION, text)
    if not median:
        return None
    epochs = [_seconds(*m.groups()) for m in re.finditer(r"^Epoch.*time per epoch " + _DURATION, text, re.M)]
    value = _seconds(*median.groups())
    return value, min(epochs, default=value)


def torch_seconds(text: str) -> Optional[float]:
    """torch_compare.py's output: PyTorch's median seconds per epoch from its
    row of the table ("PyTorch (CPU, float64)   12.345 ms ..." or
    "... 0.712 s   0.690 s ..."), or None when PyTorch did not run."""
    match = re.search(r"^\s*PyTorch \(CPU, float64\)\s+" + _DURATION, text, re.M)
    return _seconds(*match.groups()) if match else None


def _cell(seconds: Optional[float]) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1e3:.3f} ms" if seconds < 1.0 else f"{seconds:.3f} s"


def markdown(rows: List[Row], before: Optional[List[Row]] = None) -> str:
    """A Markdown table of the rows: ours, the reference, the ratio; with
    `before` (an earlier record), that record's ratio and ours/before too."""
    old = {(r["benchmark"], r["case"]): r for r in before or []}
    head = ["benchmark", "case", "ours", "reference", "ours / ref"]
    if before is not None:
        head += ["before: ours / ref", "ours / before"]
    head.append("note")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "-"
        cells = [str(r["benchmark"]), str(r["case"]), f"{r['ours']} {_cell(r['ours_s'])}",
                 f"{r['reference']} {_cell(r['reference_s'])}" if r["reference_s"] else f"{r['reference']} -", ratio]
        if before is not None:
            prior = old.get((r["benchmark"], r["case"]))
            prior_ratio = prior["ratio"] if prior else None
            cells.append(f"{prior_ratio:.2f}" if prior_ratio is not None else "-")
            speed = r["ours_s"] / prior["ours_s"] if prior and prior["ours_s"] and r["ours_s"] else None
            cells.append(f"{speed:.2f}" if speed is not None else "-")
        cells.append(str(r["note"]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
