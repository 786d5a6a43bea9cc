#!/usr/bin/env python3
"""MiniTorch C++ grader.

    grader/grade [MODULE|all] [--task X.Y] [--json FILE] [--gradescope FILE]
                 [--seed N] [--verbose] [--build-dir DIR] [--jobs N]
    grader/grade quiz N|all [--identity OWNER/NAME] [--explain|--no-explain]
                 [--json FILE] [--gradescope FILE]

Builds the test programs of the graded tasks with modules 0..N (cumulatively,
in one reused build directory; --task builds its own program only), runs each
task's GoogleTest suite in its own process with a timeout and a fixed
RapidCheck seed, and prints one row per task, then what went wrong in the
failed ones. The last line is `N passed, N failed`; the exit status is 0 only
when every graded task passed. Tasks come from grader/tasks.json.
The quizzes (kind "quiz") are graded only by `grader/grade quiz`, from their
answer files, with no build (gradelib/quiz/); `all` and MODULE leave them out,
and their points are not part of the tasks' total.

The test programs run under resource limits, as an unprivileged user when the
grader runs as root, and a test passes only on evidence the grader can trust:
gradelib/sandbox.py and gradelib/grading.py say how and what is not defended
against (MINITORCH_GRADER_MEMORY_MB, _FILE_MB, _OUTPUT_MB, _NPROC and
MINITORCH_GRADER_USER change the limits and the user). SIGTERM ends a run
like Ctrl-C: the results files are still written.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import traceback

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "grader"))

from gradelib import build as build_mod  # noqa: E402
from gradelib import grading, mutation, report, sandbox  # noqa: E402
from gradelib.tasks import ManifestError, load  # noqa: E402

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="grader/grade",
        description="Build and grade MiniTorch C++ tasks (see grader/tasks.json).",
        epilog="Examples: grader/grade 0   grader/grade --task 0.1   grader/grade all --gradescope results.json   "
               "grader/grade quiz 2 (a quiz: grader/grade quiz --help)")
    parser.add_argument("module", nargs="?", metavar="MODULE|all",
                        help="the module to grade, or 'all' (the default) for every module")
    parser.add_argument("--task", metavar="X.Y", help="grade one task (builds its module cumulatively)")
    parser.add_argument("--json", metavar="FILE", help="write a machine-readable report")
    parser.add_argument("--gradescope", metavar="FILE", help="write Gradescope's results.json")
    parser.add_argument("--seed", type=int, metavar="N", help="RapidCheck seed (default: rapidcheck_seed of tasks.json)")
    parser.add_argument("--verbose", "-v", action="store_true", help="print the build log and full test outputs")
    parser.add_argument("--build-dir", metavar="DIR", help="build directory (default: build/grade)")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="parallel build jobs (default: number of CPUs)")
    parser.add_argument("--no-setup", action="store_true",
                        help="do not run scripts/setup when system packages are missing")
    args = parser.parse_args(argv)
    if args.module is not None and args.task is not None:
        parser.error("give either MODULE or --task, not both")
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.seed is not None and args.seed < 0:
        parser.error("--seed must be a non-negative integer")
    return parser, args


class Console:
    """Prints to stdout; colour and a transient status line only on a terminal."""

    def __init__(self):
        self.tty = sys.stdout.isatty()
        self.colour = (report.ansi_colour if self.tty and not os.environ.get("NO_COLOR")
                       and os.environ.get("TERM") != "dumb" else report.no_colour)
        self._status = False

    def line(self, text: str = "") -> None:
        self.clear_status()
        self._write(text + "\n")

    def _write(self, text: str) -> None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (`grader/grade | head`): keep grading and
            # writing the results files, print nothing more.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)

    def lines(self, texts) -> None:
        for text in texts:
            self.line(text)

    def status(self, text: str) -> None:
        if not self.tty:
            return
        width = 100
        try:
            width = os.get_terminal_size().columns - 1 or width
        except OSError:
            pass
        self._write("\r\033[K" + text[:max(10, width)])
        self._status = True

    def clear_status(self) -> None:
        if self._status:
            self._status = False
            self._write("\r\033[K")


def select(manifest, parser, args):
    """The tasks to grade, the module to build (cumulatively) and the modules graded."""
    if args.task is not None:
        task = manifest.by_id(args.task)
        if task is None:
            parser.error(f"unknown task {args.task!r}; tasks: {', '.join(manifest.ids)}")
        if task.is_quiz:
            parser.error(f"{task.id} is a quiz: grade it with grader/grade quiz {task.module}")
        return [task], task.module, [task.module], f"task {task.id}"
    which = args.module if args.module is not None else "all"
    if which == "all":
        if not manifest.coding_tasks:
            parser.error(f"{manifest.path} lists no tasks")
        modules = sorted({t.module for t in manifest.coding_tasks})
        return list(manifest.coding_tasks), max(modules), modules, "all modules"
    try:
        module = int(which)
    except ValueError:
        module = -1
    if module not in manifest.modules:
        parser.error(f"unknown module {which!r}; modules: {', '.join(map(str, manifest.modules))} or 'all'")
    return [t for t in manifest.of_module(module) if not t.is_quiz], module, [module], f"module {module}"


def write_results(args, run: report.Run, con: Console, details) -> None:
    summary = "\n".join(report.table(run) + ["", report.summary_line(run)])
    for path, make in ((args.json, lambda: report.plain_json(run)),
                       (args.gradescope, lambda: report.gradescope_json(run, summary, details))):
        if not path:
            continue
        try:
            report.write_json(path, make())
        except OSError as e:
            con.line(f"grader: cannot write {path}: {e}")


def write_error_results(args, message: str) -> None:
    """Results files when nothing could be graded (Gradescope wants one in every case)."""
    for path, data in ((args.json, {"error": message, "tasks": [], "passed": 0, "failed": 0}),
                       (args.gradescope, report.gradescope_error(message))):
        if path:
            try:
                report.write_json(path, data)
            except OSError:
                pass


def ensure_packages(con) -> None:
    """Installs missing system packages with scripts/setup (a no-op when all are there)."""
    setup = os.path.join(ROOT, "scripts", "setup")
    if not os.access(setup, os.X_OK):
        return
    import subprocess
    check = subprocess.run([setup, "--check"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if check.returncode != 0:
        con.line(check.stderr.strip() + " -- running scripts/setup")
        subprocess.run([setup], check=False)


def _terminated(signum, frame):
    """SIGTERM (a CI or Gradescope time limit) ends the run like Ctrl-C: results files still written."""
    raise KeyboardInterrupt


def grade_quizzes(argv) -> int:
    """`grader/grade quiz N|all`: the quizzes' answer files (no build)."""
    from gradelib.quiz import cli as quiz_cli
    try:
        manifest = load(os.path.join(ROOT, "grader", "tasks.json"))
    except ManifestError as e:
        print(f"grader: {e}", file=sys.stderr)
        return EXIT_USAGE
    return quiz_cli.main_grade(argv, ROOT, manifest, Console().colour)


def build_tasks(con: Console, args, tasks, builddir: str, build_module: int, run: report.Run) -> bool:
    """Installs what is missing and builds the tasks' programs; False when the build failed."""
    if not args.no_setup:
        ensure_packages(con)
    targets = build_mod.targets_for(tasks)
    con.line(f"Building {', '.join(targets)} (modules 0..{build_module}) in {report.display_path(builddir)} ...")

    def on_build_line(text: str) -> None:
        if args.verbose:
            con.line("  " + text)
        elif text.startswith("["):
            con.status(f"  {text}")

    result = build_mod.build(ROOT, builddir, build_module, args.jobs, on_line=on_build_line, targets=targets)
    con.clear_status()
    run.build = result
    if result.ok:
        con.line(f"Build: ok ({result.seconds:.1f} s)")
    else:
        con.line(con.colour(f"Build: FAILED ({result.kind} errors, {result.seconds:.1f} s)", "fail"))
        con.lines(report.build_details(result, args.verbose))
    return result.ok


def make_sandbox(con: Console, graded_run: bool, builddir: str) -> sandbox.Sandbox:
    """The sandbox of the test programs: an account of their own where the grader can make one."""
    box = sandbox.make(with_account=graded_run, gpu=graded_run and build_mod.gpu_present())
    if box.account is not None and not sandbox.can_run(box.account, os.path.join(builddir, "bin")):
        box.notes.append(f"grader: {report.display_path(builddir)} is not readable by the user "
                         f"{box.account.name}: running the test programs as root")
        box.account = None
    con.lines(box.notes)
    return box


def grade_pending(con: Console, run: report.Run, pending: list, build_ok: bool, builddir: str, seed: int,
                  box: sandbox.Sandbox, cols) -> None:
    """Grades the tasks of `pending` in order, one row each; a graded task leaves `pending` when done."""
    while pending:
        task = pending[0]
        if not task.graded:
            res = grading.manual(task)
        elif not build_ok:
            res = grading.failed(task, "build failed")
        else:
            con.status(f"running task {task.id}: {task.title} (timeout {task.timeout:g} s) ...")
            res = mutation.grade_task(task, builddir, seed, sandbox=box)
        pending.pop(0)
        run.results.append(res)
        con.line(report.task_row(res, cols, con.colour))


def close_pending(con: Console, run: report.Run, pending: list, reason: str, cols) -> None:
    """The tasks left when grading stopped (interrupted, a grader error): failed with `reason`, shown."""
    con.clear_status()
    run.interrupted = True
    for task in pending:
        res = grading.manual(task) if not task.graded else grading.failed(task, reason)
        run.results.append(res)
        con.line(report.task_row(res, cols, con.colour))
    con.line(report.total_row(run, cols, con.colour))


def show_failures(con: Console, run: report.Run, verbose: bool) -> dict:
    """Prints each failed task's details (not those that failed for the build or an interruption);
    returns the details by task id for the results files (paths relative to the repository root)."""
    details = {}
    shown_any = False
    for res in run.results:
        if res.status != grading.FAIL:
            continue
        details[res.task.id] = report.task_details(
            res, report.display_path(res.binary, ROOT) if res.binary else res.task.binary, verbose=verbose)
        if res.reason in ("build failed", "interrupted") or res.reason.startswith("grader error"):
            continue
        if not shown_any:
            con.line()
            shown_any = True
        shown = report.display_path(res.binary) if res.binary else res.task.binary
        con.lines(report.task_details(res, shown, verbose, con.colour))
        con.line()
    if verbose:
        for res in run.results:
            if res.status in (grading.PASS, grading.SKIP) and res.output:
                con.line(con.colour(f"{res.task.display_name}: output of the test program", "bold"))
                con.lines("  " + l for l in res.output.rstrip("\n").splitlines())
    return details


def main(argv=None) -> int:
    start = time.monotonic()
    try:
        signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread
        pass
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["quiz"]:
        return grade_quizzes(argv[1:])
    parser, args = parse_args(argv)
    con = Console()
    try:
        manifest = load(os.path.join(ROOT, "grader", "tasks.json"))
    except ManifestError as e:
        print(f"grader: {e}", file=sys.stderr)
        write_error_results(args, f"grader: {e}")
        return EXIT_USAGE
    tasks, build_module, modules, what = select(manifest, parser, args)
    seed = args.seed if args.seed is not None else manifest.seed
    builddir = os.path.abspath(args.build_dir) if args.build_dir else os.path.join(ROOT, "build", "grade")
    run = report.Run(seed=seed, modules=modules, build_module=build_module, build=None)
    pending = list(tasks)
    cols = report.columns(tasks)
    exit_status = None

    con.line(con.colour(f"{manifest.course} grader: {what} (builds modules 0..{build_module}, "
                        f"RapidCheck seed {seed})", "bold"))
    try:
        graded = any(t.graded for t in tasks)
        build_ok = build_tasks(con, args, tasks, builddir, build_module, run) if graded else True
        box = make_sandbox(con, graded and build_ok, builddir)
        con.line()
        con.line(report.header_row(cols, con.colour))
        grade_pending(con, run, pending, build_ok, builddir, seed, box, cols)
        con.line(report.total_row(run, cols, con.colour))
    except KeyboardInterrupt:
        close_pending(con, run, pending, "interrupted", cols)
        con.line(con.colour("Interrupted.", "fail"))
        exit_status = EXIT_INTERRUPTED
    except Exception as e:  # a bug of the grader: still report, still write the results files
        con.clear_status()
        con.line(traceback.format_exc().rstrip())
        close_pending(con, run, pending, f"grader error: {type(e).__name__}: {e}", cols)
        exit_status = EXIT_USAGE

    hand_in = report.hand_in_lines(run, con.colour)
    if hand_in:
        con.line()
        con.lines(hand_in)
    details = show_failures(con, run, args.verbose)
    run.seconds = time.monotonic() - start
    build_seconds = run.build.seconds if run.build is not None else 0.0
    write_results(args, run, con, details)
    con.line(f"Time: build {build_seconds:.1f} s, tests {max(0.0, run.seconds - build_seconds):.1f} s, "
             f"total {run.seconds:.1f} s")
    con.line(report.summary_line(run))
    if exit_status is not None:
        return exit_status
    return EXIT_OK if run.ok else EXIT_FAILED


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
