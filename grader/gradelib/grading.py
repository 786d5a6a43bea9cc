"""Grading one task: run its gtest suite in its own process and judge the result.

    <builddir>/bin/<binary> --gtest_filter=<suite>.* --gtest_output=json:<tmp> --gtest_color=no

with RC_PARAMS="seed=<N>" in the environment and the task's timeout. A crash,
an abort, a hang or a timeout is reported against the task (with the signal
and the test that was running), never against the grader.
"""
from __future__ import annotations

import os
import shlex
import tempfile
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from . import gtest, proc
from .tasks import Task

PASS, FAIL, SKIP, MANUAL = "PASS", "FAIL", "SKIP", "MANUAL"
LIST_TIMEOUT = 60.0


@dataclass
class TaskResult:
    task: Task
    status: str
    passed: int = 0
    total: int = 0
    tests: List[gtest.TestResult] = field(default_factory=list)
    reason: str = ""
    output: str = ""  # the test program's console output
    reproduce: Optional[str] = None  # RC_PARAMS="reproduce=..."
    seconds: float = 0.0
    binary: str = ""  # path of the test program
    seed: int = 0
    # test -> (environment, program name, arguments) of a test that another
    # program runs (mutation.py): what command_for shows for it.
    commands: Dict[str, Tuple[str, str, str]] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return self.task.points if self.status == PASS else 0

    @property
    def failed_tests(self) -> List[gtest.TestResult]:
        return [t for t in self.tests if t.status in (gtest.FAIL, gtest.NOTRUN)]

    def not_implemented(self) -> Dict[str, List[str]]:
        """NotImplemented sentence -> the tests that failed with it."""
        found: Dict[str, List[str]] = {}
        for test in self.failed_tests:
            sentence = gtest.not_implemented(test.message)
            if sentence:
                found.setdefault(sentence, []).append(test.name)
        sentence = gtest.not_implemented(self.reason)
        if sentence and sentence not in found:
            found[sentence] = []
        return found

    def mentions_not_implemented(self) -> bool:
        return ("not implemented" in self.reason
                or any("not implemented" in t.message for t in self.tests)
                or "not implemented" in self.output)

    def command_for(self, test: str, binary_display: str) -> str:
        """A command that runs just this test the way the grader did."""
        if test in self.commands:
            env, program, args = self.commands[test]
            return f"{env} {shlex.quote(os.path.join(os.path.dirname(binary_display), program))} {args}"
        msg = next((t.message for t in self.tests if t.name == test), "")
        params = self.reproduce if (self.reproduce and gtest.is_rapidcheck_failure(msg)) \
            else f'RC_PARAMS="seed={self.seed}"'
        return f"{params} {shlex.quote(binary_display)} --gtest_filter={test}"


def manual(task: Task) -> TaskResult:
    return TaskResult(task=task, status=MANUAL, reason="graded by hand")


def failed(task: Task, reason: str, total: int = 0) -> TaskResult:
    return TaskResult(task=task, status=FAIL, reason=reason, total=total)


def _clean_env(seed: int, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GTEST_")}
    env["RC_PARAMS"] = f"seed={seed}"
    env.update(extra or {})
    return env


def _death(done: proc.Completed) -> str:
    """How a program without a report ended: "crashed with SIGSEGV", "exited with status 3"."""
    if done.signal_name:
        return f"crashed with {done.signal_name}"
    return f"exited with status {done.returncode}"


def grade_task(task: Task, builddir: str, seed: int) -> TaskResult:
    """run_task, then for a task with a "mutation" entry the mutation runs (mutation.py)."""
    result = run_task(task, builddir, seed)
    if task.mutation is not None:
        from . import mutation  # it imports this module
        result = mutation.grade(result, builddir, seed)
    return result


def run_task(task: Task, builddir: str, seed: int, extra_env: Optional[Dict[str, str]] = None) -> TaskResult:
    binary = os.path.join(builddir, "bin", task.binary)
    result = TaskResult(task=task, status=FAIL, binary=binary, seed=seed)
    if not os.path.isfile(binary):
        result.reason = f"the test program {task.binary} was not built ({binary} does not exist)"
        return result
    env = _clean_env(seed, extra_env)
    pattern = f"{task.suite}.*"

    listed = proc.run([binary, "--gtest_list_tests", f"--gtest_filter={pattern}"], env=env,
                      timeout=min(LIST_TIMEOUT, float(task.timeout)))
    result.seconds += listed.seconds
    if listed.error or listed.timed_out or listed.returncode != 0:
        why = listed.error or ("timed out" if listed.timed_out else _death(listed))
        result.reason = f"listing the tests of {task.binary} failed: it {why}" if not listed.error else why
        result.output = listed.output
        return result
    names = gtest.parse_list(listed.output)
    result.total = len(names)
    if not names:
        result.reason = f"no tests named {pattern} in {task.binary}"
        result.output = listed.output
        return result

    with tempfile.TemporaryDirectory(prefix="minitorch-grade-") as tmp:
        report_path = os.path.join(tmp, "report.json")
        done = proc.run([binary, f"--gtest_filter={pattern}", f"--gtest_output=json:{report_path}",
                         "--gtest_color=no"], env=env, timeout=float(task.timeout))
        report_text = None
        if os.path.isfile(report_path):
            with open(report_path, encoding="utf-8", errors="replace") as f:
                report_text = f.read()
    result.seconds += done.seconds
    result.output = done.output
    console = gtest.parse_console(done.output)
    result.reproduce = console.reproduce

    report: Optional[Dict[str, gtest.TestResult]] = None
    if report_text is not None and not done.timed_out:
        try:
            report = gtest.parse_report(report_text)
        except ValueError:
            report = None

    if done.error:
        result.reason = done.error
        return result

    if report is not None:
        results = dict(report)
        for name, res in console.results.items():  # skip messages: only the console has them (GoogleTest 1.12)
            if name in results and results[name].status == gtest.SKIP and not results[name].message:
                results[name].message = res.message
    else:
        results = dict(console.results)
        running = console.running
        if done.timed_out:
            where = f" in test {running}" if running else ""
            result.reason = f"timed out after {task.timeout:g} s{where} (killed)"
            stop = f"timed out after {task.timeout:g} s (the program was killed while running this test)"
        else:
            where = f" in test {running}" if running else (" before its first test" if not console.order
                                                          else " after its last test")
            result.reason = f"{task.binary} {_death(done)}{where}"
            stop = f"{_death(done)} while running this test"
        if running:
            body = results[running].message if running in results else ""
            results[running] = gtest.TestResult(running, gtest.FAIL, stop + ("\n" + body if body else ""))
        not_run = "not run: " + (f"the program stopped in {running}" if running else "the program stopped")
        for name in names:
            if name not in results:
                results[name] = gtest.TestResult(name, gtest.NOTRUN, not_run)
            elif results[name].status == gtest.NOTRUN:
                results[name].message = results[name].message or not_run

    tests = [results.get(name) or gtest.TestResult(name, gtest.NOTRUN, "not in the test report") for name in names]
    tests += [r for n, r in results.items() if n not in set(names) and n.startswith(task.suite + ".")]
    result.tests = tests
    result.total = len(tests)
    result.passed = sum(1 for t in tests if t.status == gtest.PASS)
    skipped = [t for t in tests if t.status == gtest.SKIP]

    if report is not None and done.returncode not in (0, 1) and not result.reason:
        # A report was written but the program then died (a crash in a destructor
        # at exit, a sanitizer's leak check): the task is not healthy.
        result.reason = f"{task.binary} {_death(done)} after writing its test report"
    elif report is not None and done.returncode == 1 and not result.failed_tests and not result.reason:
        result.reason = f"{task.binary} exited with status 1 although every test passed"

    if result.reason or result.failed_tests:
        result.status = FAIL
    elif skipped:
        result.status = SKIP
        message = next((t.message for t in skipped if t.message), "")
        first = message.splitlines()[0] if message else "skipped"
        if len(skipped) == len(tests):
            result.reason = first
        else:
            result.reason = f"{len(skipped)} of {len(tests)} tests skipped: {first}"
    elif result.passed == result.total and result.total > 0:
        result.status = PASS
    else:
        result.status = FAIL
        result.reason = result.reason or "not every test passed"
    return result
