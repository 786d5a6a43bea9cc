"""Grading student-written tests like mutation testing (tasks 0.2 and 4.4).

A task with a "mutation" entry in tasks.json:

    "mutation": {"binary": "test_module0_mutants", "suite": "Task0_2",
                 "tests": "your Task0_2 property tests",
                 "mutants": {"sigmoid_not_symmetric": "a sigmoid with sigmoid(-x) != 1 - sigmoid(x)", ...}}

passes only when its own suite passes (as every task) and then, in the
mutation program `binary`, the tests `suite.*`

("tests" names them in the report)

- pass on the right implementation (MINITORCH_MUTANT=none), and
- fail on each wrong implementation (MINITORCH_MUTANT=<name>): a failed test,
  a crash or a timeout (TIMEOUT_BASE + TIMEOUT_FACTOR x the run on the right
  implementation, at most the task's timeout) catches ("kills") it; a mutant
  on which every test passes (or skips) survived, and the report names it.

The wrong implementations live in grader/mutants/ (C++, built into the
mutation program by the module's CMakeLists.txt), never in the student's
files; the program picks one at start-up from MINITORCH_MUTANT (see
grader/mutants/mutant_selection.h). Each run is one more process of the
program, like the task's own run (grading.run_task), so a crash in one
mutant's run is that mutant's result alone. Mutant runs do not shrink
(RC_PARAMS noshrink=1): a counterexample is not shown for a caught mutant.

The results join the task's tests as `mutant:none` (the right
implementation) and `mutant:<name>` (PASS: caught, FAIL: survived).
"""
from __future__ import annotations

import dataclasses
from typing import Dict, List, Optional

from . import failure_summary, grading, gtest
from .grading import TaskResult
from .mutation_spec import BASELINE, VALUE_WIDTH, Mutant, Spec, parse_spec  # noqa: F401 (the spec, re-exported)
from .sandbox import Sandbox
from .tasks import Task

VARIABLE = "MINITORCH_MUTANT"
# What a mutation program prints (exit status 86) for a name it does not know.
UNKNOWN_MARKER = "MINITORCH-MUTATION-ERROR"
TEST_PREFIX = "mutant:"
# A mutant's run may take this long at most: TIMEOUT_BASE seconds plus
# TIMEOUT_FACTOR times the run on the right implementation (and never more
# than the task's timeout). A test that hangs on a wrong implementation
# catches it, but need not cost the task's whole timeout per mutant.
TIMEOUT_BASE = 30.0
TIMEOUT_FACTOR = 10.0


def _env(name: str, seed: int, shrink: bool) -> Dict[str, str]:
    return {VARIABLE: name.ljust(VALUE_WIDTH), "RC_PARAMS": f"seed={seed}" + ("" if shrink else " noshrink=1")}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _failures(res: TaskResult, lines: int = 8) -> str:
    """The first failure of a mutation run, for a message."""
    parts = []
    if res.own_reason:
        parts.append(res.own_reason)
    for test in res.failed_tests[:1]:
        parts.append(f"{test.name}: " + "\n".join(failure_summary.summarize(test.message, lines)))
    return "\n".join(parts) or res.status


class _MutationRuns:
    """The mutation runs of one task whose own tests passed: each adds a test row to `result`."""

    def __init__(self, result: TaskResult, spec: Spec, builddir: str, seed: int, sandbox) -> None:
        self.result, self.spec, self.builddir, self.seed, self.sandbox = result, spec, builddir, seed, sandbox
        self.program = dataclasses.replace(result.task, binary=spec.binary, suite=spec.suite, mutation=None)
        self.suite_tests = f"{spec.suite}.*"
        self.added: List[gtest.TestResult] = []

    def run(self, name: str, shrink: bool) -> TaskResult:
        res = grading.run_task(self.program, self.builddir, self.seed, sandbox=self.sandbox,
                               extra_env=_env(name, self.seed, shrink=shrink))
        self.result.seconds += res.seconds
        return res

    def add(self, name: str, status: str, message: str) -> None:
        self.added.append(gtest.TestResult(TEST_PREFIX + name, status, message))

    def command(self, name: str) -> None:
        """How to run the mutation program on mutant `name` by hand."""
        self.result.commands[TEST_PREFIX + name] = (f'{VARIABLE}={name} RC_PARAMS="seed={self.seed}"',
                                                    self.spec.binary, f"--gtest_filter={self.suite_tests}")

    def finish(self, status: str, reason: str) -> TaskResult:
        result = self.result
        result.tests = list(result.tests) + self.added
        result.total = len(result.tests)
        result.passed = sum(1 for t in result.tests if t.status == gtest.PASS)
        result.status = status
        result.reason = reason
        return result

    def grader_error(self, res: TaskResult, name: str) -> TaskResult:
        line = next((l for l in res.output.splitlines() if UNKNOWN_MARKER in l), "")
        self.add(name, gtest.FAIL, line)
        return self.finish(grading.FAIL, f"grader error: {self.spec.binary} does not know the mutant {name!r} "
                                         f"(grader/tasks.json and grader/mutants disagree)")

    def baseline(self) -> Optional[TaskResult]:
        """The right implementation, in the mutation program too: tests that fail there (and not in the
        task's own program) would catch every mutant. None when it passed; else the finished result."""
        spec, task = self.spec, self.result.task
        base = self.run(BASELINE, shrink=True)
        if UNKNOWN_MARKER in base.output:
            return self.grader_error(base, BASELINE)
        if base.status != grading.PASS:
            self.command(BASELINE)
            self.add(BASELINE, gtest.FAIL,
                     f"{_capital(spec.tests)} pass in {task.binary} but not in the mutation program {spec.binary} "
                     f"({self.suite_tests}), on the same right implementation ({base.status}):\n{_failures(base)}")
            return self.finish(grading.FAIL, f"{spec.tests} fail in the mutation program {spec.binary} on the right "
                                             f"implementation")
        self.add(BASELINE, gtest.PASS, "the right implementation: every test passed")
        self.program = dataclasses.replace(
            self.program, timeout=min(float(task.timeout), TIMEOUT_BASE + TIMEOUT_FACTOR * base.seconds))
        return None

    def mutant(self, mutant) -> Optional[bool]:
        """Runs one mutant: True when a test caught it, False when it survived, None for a grader error."""
        res = self.run(mutant.name, shrink=False)
        if UNKNOWN_MARKER in res.output:
            self.grader_error(res, mutant.name)
            return None
        if res.status == grading.FAIL:
            caught = ", ".join(t.name for t in res.failed_tests[:3]) or "the program"
            if res.own_reason:
                caught += f" ({res.own_reason})"
            self.add(mutant.name, gtest.PASS, f"caught by {caught}")
            return True
        how = "every test passed on it" if res.status == grading.PASS else f"no test failed on it ({res.reason})"
        self.add(mutant.name, gtest.FAIL,
                 f"Survived: {mutant.wrong}; {how}.\n"
                 f"Add an assertion to {self.spec.tests} that this wrong implementation breaks.")
        self.command(mutant.name)
        return False


def grade(result: TaskResult, builddir: str, seed: int, sandbox=None) -> TaskResult:
    """Adds the mutation runs to a task's result (a no-op unless the task has
    a "mutation" entry and its own tests passed)."""
    spec: Optional[Spec] = getattr(result.task, "mutation", None)
    if spec is None or result.status != grading.PASS:
        return result
    runs = _MutationRuns(result, spec, builddir, seed, sandbox)
    failed = runs.baseline()
    if failed is not None:
        return failed
    survived: List[str] = []
    for mutant in spec.mutants:
        caught = runs.mutant(mutant)
        if caught is None:
            return result  # a grader error, finished by runs.grader_error
        if not caught:
            survived.append(mutant.name)
    if survived:
        n = len(spec.mutants)
        return runs.finish(grading.FAIL, f"{len(survived)} of {n} wrong implementation{'s' if n > 1 else ''} "
                                         f"survived {spec.tests}: {', '.join(survived)}")
    return runs.finish(grading.PASS, "")


def grade_task(task: Task, builddir: str, seed: int, sandbox: Optional[Sandbox] = None) -> TaskResult:
    """grading.run_task, then for a task with a "mutation" entry the mutation runs."""
    return grade(grading.run_task(task, builddir, seed, sandbox=sandbox), builddir, seed, sandbox=sandbox)
