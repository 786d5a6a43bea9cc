"""What the grader writes: the console table and details, the plain JSON report and
Gradescope's results.json (gradescope/autograder_samples docs/specs.md).
"""
from __future__ import annotations

import json
import os
import tempfile
import textwrap
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

from . import failure_summary, gtest
from .build import BuildResult
from .grading import FAIL, MANUAL, PASS, SKIP, TaskResult
from .tasks import format_points

FULL_FAILURES = 3  # failed tests of a task shown whole; the others one line each
BUILD_ERROR_LINES = 20
TITLE_WIDTH = 44

Colour = Callable[[str, str], str]  # (text, style) -> text


def no_colour(text: str, style: str) -> str:
    return text


def ansi_colour(text: str, style: str) -> str:
    codes = {"pass": "32", "fail": "31", "skip": "33", "manual": "36", "bold": "1", "dim": "2", "head": "1;4"}
    code = codes.get(style)
    return f"\033[{code}m{text}\033[0m" if code else text


STATUS_STYLE = {PASS: "pass", FAIL: "fail", SKIP: "skip", MANUAL: "manual"}
STATUS_TEXT = {MANUAL: "TO HAND IN"}  # a manual task: graded by hand, not in the total


@dataclass
class Run:
    """Everything one grader run found: what the report files are made of."""
    seed: int
    modules: List[int]
    build_module: int
    build: Optional[BuildResult]  # None when nothing had to be built
    results: List[TaskResult] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def passed(self) -> int:
        return sum(1 for r in self.results if r.status == PASS)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.results if r.status == FAIL)

    @property
    def score(self) -> float:
        return sum(r.score for r in self.results)

    @property
    def max_score(self) -> float:
        """The base total: extra-credit points come on top of it."""
        return sum(r.task.points for r in self.results if r.task.graded and not r.task.extra_credit)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and not self.interrupted


def display_path(path: str, base: Optional[str] = None) -> str:
    """`path` relative to `base` (default: the current directory) when it lies inside it."""
    base = base or os.getcwd()
    rel = os.path.relpath(path, base)
    return path if rel.startswith("..") else rel


def summary_line(run: Run) -> str:
    return f"{run.passed} passed, {run.failed} failed"


def _truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


@dataclass
class Columns:
    id: int
    title: int


def columns(tasks: Sequence) -> Columns:
    return Columns(id=max([len("Task")] + [len(t.id) for t in tasks]),
                   title=min(TITLE_WIDTH, max([len("Title")] + [len(t.title) for t in tasks])))


def header_row(cols: Columns, colour: Colour = no_colour) -> str:
    return colour(f"{'Task':<{cols.id}}  {'Title':<{cols.title}}  {'Tests':>7}  {'Points':>9}  Result", "bold")


def task_row(r: TaskResult, cols: Columns, colour: Colour = no_colour) -> str:
    tests = f"{r.passed}/{r.total}" if r.task.graded else "-"
    points = (f"{format_points(r.score)}/{format_points(r.task.points)}" if r.task.graded
              else f"-/{format_points(r.task.points)}")
    status = colour(f"{STATUS_TEXT.get(r.status, r.status):<6}", STATUS_STYLE[r.status])
    title = ("(extra credit) " if r.task.extra_credit else "") + r.task.title
    line = f"{r.task.id:<{cols.id}}  {_truncate(title, cols.title):<{cols.title}}  {tests:>7}  {points:>9}  {status}"
    if r.reason and (r.status == SKIP or (r.status == FAIL and not r.failed_tests)):
        line += f"  ({_truncate(r.reason.splitlines()[0], 60)})"
    return line.rstrip()


def hand_in_lines(run: Run, colour: Colour = no_colour) -> List[str]:
    """What to hand in for the manual tasks of the run (graded by hand, not in the total)."""
    manual = [r.task for r in run.results if r.status == MANUAL]
    if not manual:
        return []
    out = [colour("To hand in (graded by hand, not in the total above):", "bold")]
    for task in manual:
        out.append(f"  {task.id}  {task.title}")
        for line in (task.hand_in or "Ask your instructor.").splitlines():
            out.extend(textwrap.wrap(line, width=100, initial_indent="      ", subsequent_indent="      ",
                                     break_on_hyphens=False) or [""])
    return out


def total_row(run: Run, cols: Columns, colour: Colour = no_colour) -> str:
    total = f"{format_points(run.score)}/{format_points(run.max_score)}"
    return colour(f"{'':<{cols.id}}  {'Total':<{cols.title}}  {'':>7}  {total:>9}".rstrip(), "bold")


def table(run: Run, colour: Colour = no_colour) -> List[str]:
    cols = columns([r.task for r in run.results])
    return [header_row(cols, colour)] + [task_row(r, cols, colour) for r in run.results] + [total_row(run, cols, colour)]


def task_details(r: TaskResult, binary_display: str, verbose: bool = False,
                 colour: Colour = no_colour) -> List[str]:
    """What went wrong in a failed task: reason, NotImplemented messages, failing tests."""
    out: List[str] = []
    out.append(colour(f"{r.task.display_name}: {r.status} ({r.passed}/{r.total} tests passed)", "head"))
    if r.own_reason:
        out.append(f"  {r.own_reason}")
    not_impl = r.not_implemented()
    grouped = set()
    advice = " Replace the MT_TODO line with your solution."
    for sentence, tests in not_impl.items():
        if sentence.endswith(advice) and len(not_impl) > 1:
            sentence = sentence[: -len(advice)]
        if "not implemented" in sentence[:60]:
            head, _, rest = sentence.partition("not implemented")
            out.append("  " + head + colour("not implemented", "fail") + rest)
        else:
            out.append("  " + colour("not implemented: ", "fail") + sentence)
        if tests:
            shown = ", ".join(tests[:8]) + (f", ... ({len(tests) - 8} more)" if len(tests) > 8 else "")
            out.append(f"    failing test{'s' if len(tests) > 1 else ''}: {shown}")
        if not verbose:
            grouped.update(tests)
    if len(not_impl) > 1:
        out.append("  Replace each MT_TODO line named above with your solution.")
    failures = failure_summary.ordered([t for t in r.failed_tests if t.name not in grouped], r.task.order)
    shown_whole = failures if verbose else failures[:FULL_FAILURES]
    for test in shown_whole:
        out.extend(_failure_lines(r, test, binary_display, verbose, colour))
    rest = failures[len(shown_whole):]
    if rest:
        out.append(f"  {len(rest)} more failed test{'s' if len(rest) > 1 else ''} (--verbose shows each whole):")
        for test in rest:
            label = "FAILED" if test.status == gtest.FAIL else "NOT RUN"
            out.append("  " + colour(f"{label} {test.name}", "fail") + f": {failure_summary.headline(test.message)}")
        own = [t.name for t in rest if t.name not in r.commands]  # run by the task's own program
        if own:
            out.append("    Run them:" if len(own) == len(rest) else "    Run those of the task's own program:")
            out.append("      " + r.command_for(":".join(own), binary_display))
    if verbose and r.output:
        out.append("  " + colour("Output of the test program:", "bold"))
        out.extend("    " + l for l in r.output.rstrip("\n").splitlines())
    return out


def _failure_lines(r: TaskResult, test: gtest.TestResult, binary_display: str, verbose: bool,
                   colour: Colour) -> List[str]:
    """One failed test, whole: its name, its summary (its full message with --verbose), how to run it."""
    label = "FAILED" if test.status == gtest.FAIL else "NOT RUN"
    out = ["  " + colour(f"{label} {test.name}", "fail")]
    if test.status == gtest.NOTRUN and not verbose:
        return out + [f"    {test.message}"]
    lines = test.message.rstrip("\n").splitlines() if verbose else failure_summary.summarize(test.message)
    out.extend("    " + l for l in lines)
    if test.status == gtest.FAIL:
        if r.reproduce and gtest.is_rapidcheck_failure(test.message):
            out.append("    Run just this test with RapidCheck's counterexample (its reproduce line):")
        else:
            out.append("    Run just this test:")
        out.append("      " + r.command_for(test.name, binary_display))
    return out


def build_details(build: BuildResult, verbose: bool = False) -> List[str]:
    out = ["The first errors:" if not verbose else "The build log:"]
    if verbose:
        out.extend("  " + l for l in build.output.rstrip("\n").splitlines())
    else:
        out.extend("  " + l for l in build.errors)
    return out


def build_output(build: BuildResult, tail: int = 60) -> str:
    """The build log for the report files: first errors, then the tail of the log."""
    if build.ok:
        return f"Built modules 0..{build.module} in {build.seconds:.1f} s."
    lines = build.output.rstrip("\n").splitlines()
    parts = ["First errors:", *build.errors, "", f"Last {min(tail, len(lines))} lines of the build log:",
             *lines[-tail:]]
    return "\n".join(parts)


def plain_json(run: Run) -> Dict:
    build = run.build
    return {
        "seed": run.seed,
        "modules": run.modules,
        "build": {
            "ok": build.ok if build is not None else True,
            "module": run.build_module,
            "stage": build.stage if build is not None else "",
            "seconds": round(build.seconds, 3) if build is not None else 0.0,
            "output": _cap(build.output) if build is not None else "",
            "errors": build.errors if build is not None and not build.ok else [],
        },
        "tasks": [
            {
                "id": r.task.id, "title": r.task.title, "module": r.task.module, "kind": r.task.kind,
                "points": r.task.points, "extra_credit": r.task.extra_credit, "score": r.score, "status": r.status,
                "passed": r.passed, "total": r.total,
                "tests": [{"name": t.name, "status": t.status, "message": t.message} for t in r.tests],
                "reason": r.reason, "reproduce": r.reproduce or "", "seconds": round(r.seconds, 3),
                "hand_in": r.task.hand_in,
            }
            for r in run.results
        ],
        "passed": run.passed,
        "failed": run.failed,
        "skipped": sum(1 for r in run.results if r.status == SKIP),
        "score": run.score,
        "max_score": run.max_score,
        "seconds": round(run.seconds, 3),
        "interrupted": run.interrupted,
    }


def gradescope_json(run: Run, summary: str, details: Dict[str, List[str]]) -> Dict:
    """Gradescope results.json: one test per task plus an informational build test."""
    build = run.build
    tests: List[Dict] = []
    tests.append({
        "name": f"Build: module {run.build_module}",
        "status": "passed" if build is None or build.ok else "failed",
        "output": build_output(build) if build is not None else "Nothing to build.",
        "visibility": "visible",
    })
    for r in run.results:
        entry: Dict = {"name": r.task.display_name, "number": r.task.id}
        if r.task.graded:
            entry["score"] = r.score
            entry["max_score"] = 0 if r.task.extra_credit else r.task.points  # Gradescope: points above the max
            entry["status"] = "passed" if r.status == PASS else "failed"
        if r.status == PASS:
            text = f"All {r.total} tests passed." if r.total != 1 else "The test passed."
        elif r.status == SKIP:
            text = f"SKIPPED (not graded here): {r.reason}"
        elif r.status == MANUAL:
            text = "To hand in, graded by hand (the autograder does not run this task)" + (
                f": {r.task.hand_in}" if r.task.hand_in else ".")
        else:
            text = "\n".join(details.get(r.task.id, [r.reason]))
        entry["output"] = text
        entry["tags"] = [f"module{r.task.module}"]
        entry["visibility"] = "visible"
        tests.append(entry)
    return gradescope_result(run.score, summary, tests, seconds=run.seconds)


def gradescope_result(score: float, output: str, tests: List[Dict], seconds: Optional[float] = None) -> Dict:
    """Gradescope's results.json: the score, the text shown above the tests, the tests."""
    result: Dict = {"score": score}
    if seconds is not None:
        result["execution_time"] = int(round(seconds))
    result.update({"output": output, "stdout_visibility": "visible", "tests": tests})
    return result


def gradescope_error(message: str) -> Dict:
    """results.json when nothing could be graded: score 0 and why."""
    return gradescope_result(0, message, [])


def _cap(text: str, limit: int = 200_000) -> str:
    return text if len(text) <= limit else "[... start of the log left out ...]\n" + text[-limit:]


def write_json(path: str, data: Dict) -> None:
    """Writes atomically (a reader never sees half a file)."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".results-", suffix=".json", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2)
            f.write("\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
