"""Grading one task: run its gtest suite in its own process and judge the result.

    <builddir>/bin/<binary> --gtest_filter=<suite>.* --gtest_output=json:<tmp> --gtest_color=no

with RC_PARAMS="seed=<N>" in the environment and the task's timeout, under the
limits and the account of sandbox.py, in a fresh temporary directory (its
working directory, HOME and TMPDIR). A crash, an abort, a hang, a timeout or
too much output is reported against the task (with the signal and the test that
was running), never against the grader.

What the grader trusts. The test program is the student's code linked with the
tests, so what it says about itself can be forged: a solution can print
`[       OK ]` lines, a RapidCheck line, or exit(0) before a failing test.
A test counts as passed only when all of these hold:
- the program wrote its GoogleTest JSON report to a path it learns only from
  its command line (a fresh directory, a random file name; a symbolic link or
  anything but a plain file there is refused), which GoogleTest writes at the
  very end of a run: a program that exits, aborts or crashes half way writes
  none, and then *no* test passes, whatever the console says;
- the report lists exactly the tests that `--gtest_list_tests` listed before
  the run, each once;
- the exit status agrees with it (0: no test failed; 1: some test failed);
- the console agrees with it (each test started once and ended as the report
  says; checked when the output was kept whole).
RapidCheck's reproduce line is taken from the console only in its own
alphabet, and only shown next to a failing property (it never passes anything).
Not defended: code in the test process that reads its own command line and
writes a consistent forged report and console (it runs with the tests' rights;
only reviewing the code, or running the tests in a process the solution cannot
reach, would stop it). Gradescope and CI keep a log of each submission's
output for such a review.
"""
from __future__ import annotations

import os
import secrets
import shlex
import tempfile
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from . import gtest, proc
from .sandbox import Sandbox, limits_from_env, new_token, size
from .tasks import Task

PASS, FAIL, SKIP, MANUAL = "PASS", "FAIL", "SKIP", "MANUAL"
LIST_TIMEOUT = 60.0
REPORT_LIMIT = 64 << 20  # bytes of a JSON report the grader reads


# The reason of a task that failed only because some tests failed: the failed
# tests say the rest, so reports do not repeat it (TaskResult.own_reason).
TESTS_FAILED = "not every test passed"


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
    def own_reason(self) -> str:
        """The reason, unless it only says that tests failed (TESTS_FAILED): "" then."""
        return "" if self.reason == TESTS_FAILED else self.reason

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
    return TaskResult(task=task, status=MANUAL, reason=task.hand_in or "graded by hand")


def failed(task: Task, reason: str, total: int = 0) -> TaskResult:
    return TaskResult(task=task, status=FAIL, reason=reason, total=total)


def _clean_env(seed: int, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GTEST_")}
    env["RC_PARAMS"] = f"seed={seed}"
    env.update(extra or {})
    return env


def _death(done: proc.Completed, limits=None) -> str:
    """How a program without a report ended: "crashed with SIGSEGV", "exited with status 3"."""
    if done.output_exceeded:
        limit = f" (the limit is {size(limits.output)})" if limits is not None and limits.output else ""
        return f"was killed for writing more than its output limit{limit}"
    if done.signal_name:
        why = ""
        if done.signal_name == "SIGXFSZ" and limits is not None and limits.file_size:
            why = f" (it wrote a file larger than the limit, {size(limits.file_size)})"
        return f"crashed with {done.signal_name}{why}"
    return f"exited with status {done.returncode}"


def _read_report(path: str) -> Optional[str]:
    """The report's text: a plain file, not a link the program planted; None when there is none."""
    data = proc.read_plain_file(path, REPORT_LIMIT)
    return None if data is None else data.decode("utf-8", errors="replace")


def _names(names: List[str], limit: int = 5) -> str:
    return ", ".join(names[:limit]) + (f", ... ({len(names) - limit} more)" if len(names) > limit else "")


def distrust(report: Dict[str, gtest.TestResult], names: List[str], console: gtest.Console,
             done: proc.Completed) -> str:
    """Why the report cannot be trusted, or "" when it can (see the module's docstring)."""
    listed = set(names)
    missing = [n for n in names if n not in report]
    if missing:
        return f"its test report lacks {len(missing)} of the {len(names)} listed tests ({_names(missing)})"
    extra = [n for n in report if n not in listed and ".DISABLED_" not in n and not n.startswith("DISABLED_")]
    if extra:
        return f"its test report has tests that --gtest_list_tests did not list ({_names(extra)})"
    failed = [n for n in names if report[n].status == gtest.FAIL]
    if done.returncode == 0 and failed:
        return f"it exited with status 0 although its test report says {_names(failed)} failed"
    if done.dropped_lines == 0 and not done.output_exceeded:
        for name in names:
            starts = console.order.count(name)
            if starts != 1:
                return f"its console output shows test {name} starting {starts} times"
            seen = console.results[name].status
            if seen != report[name].status:
                return (f"its console output and its test report disagree on {name} "
                        f"(console: {seen}, report: {report[name].status})")
    return ""


def _limit_note(message: str, limits) -> str:
    if limits is not None and limits.memory and ("std::bad_alloc" in message or "MemoryError" in message):
        return (f"\n(the grader runs the test programs with a memory limit of {size(limits.memory)}; "
                "a test that needs more has a bug)")
    return ""


@dataclass
class _Run:
    """One task's run: its program, where and how it runs; the result it fills."""
    task: Task
    binary: str
    tmp: str
    env: Dict[str, str]
    box: Sandbox
    token: str
    result: TaskResult

    @property
    def pattern(self) -> str:
        return f"{self.task.suite}.*"

    def run(self, args: List[str], timeout: float) -> proc.Completed:
        done = proc.run([self.binary] + args, env=self.env, cwd=self.tmp, timeout=timeout, sandbox=self.box,
                        token=self.token)
        self.result.seconds += done.seconds
        return done


def run_task(task: Task, builddir: str, seed: int, sandbox: Optional[Sandbox] = None,
             extra_env: Optional[Dict[str, str]] = None) -> TaskResult:
    """Runs the task's tests; `sandbox` (default: the limits of the environment, no account)."""
    box = sandbox if sandbox is not None else Sandbox(limits=limits_from_env())
    binary = os.path.join(builddir, "bin", task.binary)
    result = TaskResult(task=task, status=FAIL, binary=binary, seed=seed)
    if not os.path.isfile(binary):
        result.reason = f"the test program {task.binary} was not built ({binary} does not exist)"
        return result
    with tempfile.TemporaryDirectory(prefix="minitorch-grade-", ignore_cleanup_errors=True) as tmp:
        if box.account is not None:
            os.chown(tmp, box.account.uid, box.account.gid)
        token = new_token()
        env = box.env(_clean_env(seed, extra_env), token, tmp)
        _run_in(_Run(task, binary, tmp, env, box, token, result))
    return result


def _run_in(run: _Run) -> None:
    """Lists the task's tests, runs them, and judges what the program reported."""
    names = _list_tests(run)
    if names is None:
        return
    result = run.result
    # A name the program learns only from its command line, in a directory of its own.
    report_path = os.path.join(run.tmp, f"report-{secrets.token_hex(8)}.json")
    done = run.run([f"--gtest_filter={run.pattern}", f"--gtest_output=json:{report_path}", "--gtest_color=no"],
                   float(run.task.timeout))
    report_text = _read_report(report_path)
    result.output = done.output
    console = gtest.parse_console(done.output)
    result.reproduce = console.reproduce
    report, untrusted = _trusted_report(report_text, names, console, done)
    if done.error:
        result.reason = done.error
        return
    if report is not None:
        results = _results_from_report(report, console)
    else:
        results = _results_from_console(run, names, console, done, report_text is None, untrusted)
    _collect(run, names, results, report is not None)
    _judge(run, done, report is not None)


def _list_tests(run: _Run) -> Optional[List[str]]:
    """The test names --gtest_list_tests gives; None (and the result's reason) when it fails or lists none."""
    result = run.result
    listed = run.run(["--gtest_list_tests", f"--gtest_filter={run.pattern}"],
                     min(LIST_TIMEOUT, float(run.task.timeout)))
    if listed.error or listed.timed_out or listed.returncode != 0:
        why = listed.error or ("timed out" if listed.timed_out else _death(listed, run.box.limits))
        result.reason = f"listing the tests of {run.task.binary} failed: it {why}" if not listed.error else why
        result.output = listed.output
        return None
    names = gtest.parse_list(listed.output)
    result.total = len(names)
    if not names:
        result.reason = f"no tests named {run.pattern} in {run.task.binary}"
        result.output = listed.output
        return None
    return names


def _trusted_report(report_text: Optional[str], names: List[str], console: gtest.Console,
                    done: proc.Completed) -> Tuple[Optional[Dict[str, gtest.TestResult]], str]:
    """The report when it can be trusted (else None), and why it cannot ("" when it can or there is none)."""
    if report_text is None or done.timed_out or done.output_exceeded:
        return None, ""
    try:
        report = gtest.parse_report(report_text)
    except ValueError as e:
        return None, f"its test report is not valid ({e})"
    untrusted = distrust(report, names, console, done)
    return (None, untrusted) if untrusted else (report, "")


def _results_from_report(report: Dict[str, gtest.TestResult], console: gtest.Console) -> Dict[str, gtest.TestResult]:
    """The report's results, with the skip messages only the console has (GoogleTest 1.12)."""
    results = dict(report)
    for name, res in console.results.items():
        if name in results and results[name].status == gtest.SKIP and not results[name].message:
            results[name].message = res.message
    return results


def _results_from_console(run: _Run, names: List[str], console: gtest.Console, done: proc.Completed,
                          no_report: bool, untrusted: str) -> Dict[str, gtest.TestResult]:
    """Without a trusted report: the console's failures, and no test passed (the result's reason says why)."""
    results = dict(console.results)
    running = console.running
    stop, unconfirmed = _why_no_report(run, names, console, done, no_report, untrusted)
    if running:
        body = results[running].message if running in results else ""
        results[running] = gtest.TestResult(running, gtest.FAIL, stop + ("\n" + body if body else ""))
    not_run = "not run: " + (f"the program stopped in {running}" if running else "the program stopped")
    for name in names:
        if name not in results:
            results[name] = gtest.TestResult(name, gtest.NOTRUN, not_run)
        elif results[name].status == gtest.PASS:
            # What the console says passed is not confirmed by a report: never a pass.
            results[name] = gtest.TestResult(name, gtest.NOTRUN, unconfirmed)
        elif results[name].status == gtest.NOTRUN:
            results[name].message = results[name].message or not_run
    return results


def _why_no_report(run: _Run, names: List[str], console: gtest.Console, done: proc.Completed, no_report: bool,
                   untrusted: str) -> Tuple[str, str]:
    """Sets the result's reason; returns what the running test stopped by, and why a console pass is not counted."""
    task, result, running = run.task, run.result, console.running
    if untrusted:
        result.reason = f"{task.binary}: {untrusted}: no test is counted as passed"
        return "not counted: the test report cannot be trusted", f"not counted: {untrusted}"
    if done.timed_out:
        where = f" in test {running}" if running else ""
        result.reason = f"timed out after {task.timeout:g} s{where} (killed)"
        return (f"timed out after {task.timeout:g} s (the program was killed while running this test)",
                f"not counted: {task.binary} timed out before writing its test report")
    if running:
        where = f" in test {running}"
    elif not console.order:
        where = " before its first test"
    elif len(set(console.order) & set(names)) < len(names):
        where = f" after test {console.order[-1]}"  # and before the next one started
    else:
        where = " after its last test"
    death = _death(done, run.box.limits)
    result.reason = f"{task.binary} {death}{where}"
    if no_report and done.returncode == 0:
        result.reason += " without writing its test report (exit(0) in the code under test?)"
    return (f"{death} while running this test",
            f"not counted: {task.binary} {death}{where} before writing its test report "
            "(the console alone is not trusted)")


def _collect(run: _Run, names: List[str], results: Dict[str, gtest.TestResult], trusted: bool) -> None:
    """The result's tests in listing order (plus the suite's tests only a trusted report has), and its counts."""
    result = run.result
    for res in results.values():
        if res.status == gtest.FAIL:
            res.message += _limit_note(res.message, run.box.limits)
    tests = [results.get(name) or gtest.TestResult(name, gtest.NOTRUN, "not in the test report") for name in names]
    tests += [r for n, r in results.items() if n not in set(names) and n.startswith(run.task.suite + ".") and trusted]
    result.tests = tests
    result.total = len(tests)
    result.passed = sum(1 for t in tests if t.status == gtest.PASS)


def _judge(run: _Run, done: proc.Completed, trusted: bool) -> None:
    """The result's status (PASS, SKIP or FAIL) and, unless it passed, its reason."""
    result = run.result
    if trusted and done.returncode not in (0, 1) and not result.reason:
        # A report was written but the program then died (a crash in a destructor
        # at exit, a sanitizer's leak check): the task is not healthy.
        result.reason = f"{run.task.binary} {_death(done, run.box.limits)} after writing its test report"
    elif trusted and done.returncode == 1 and not result.failed_tests and not result.reason:
        result.reason = f"{run.task.binary} exited with status 1 although every test passed"
    skipped = [t for t in result.tests if t.status == gtest.SKIP]
    if result.reason or result.failed_tests:
        result.status = FAIL
    elif skipped:
        result.status = SKIP
        message = next((t.message for t in skipped if t.message), "")
        first = message.splitlines()[0] if message else "skipped"
        if len(skipped) == len(result.tests):
            result.reason = first
        else:
            result.reason = f"{len(skipped)} of {len(result.tests)} tests skipped: {first}"
    elif result.passed == result.total and result.total > 0:
        result.status = PASS
    else:
        result.status = FAIL
        result.reason = result.reason or TESTS_FAILED
