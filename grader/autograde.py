#!/usr/bin/env python3
"""Grades one Gradescope submission (run_autograder of scripts/make-autograder runs this).

    MINITORCH_AUTOGRADER_ROOT=/autograder python3 grader/autograde.py

Copies this (pristine) tree to the work directory, puts the submission's
solution files in (gradelib/autograder.py says which and how), builds every
module and grades every task with grader/grade.py, grades the quizzes
(`grade.py quiz all`, from the submitted answer files) and adds them to
ROOT/results/results.json, written in every case, with a note of what was
taken from the submission. A submission has no git remote here, so a quiz's
numbers are those of the identity line of its answer file (which `grader/quiz
show` fills in): the results name it for the instructor to compare with the
student's repository. Paths: MINITORCH_AUTOGRADER_ROOT (default /autograder: its
submission/ and results/), MINITORCH_AUTOGRADER_WORK (default ROOT/work).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(0, os.path.join(HERE, "grader"))

from gradelib import autograder, report  # noqa: E402
from gradelib.tasks import load  # noqa: E402

GRADE_TIMEOUT = 3 * 3600  # seconds; Gradescope's own limit is set per assignment


def fallback(results: str, message: str) -> None:
    report.write_json(results, report.gradescope_error(message))


def add_notes(results: str, lines) -> None:
    if not lines:
        return
    try:
        with open(results, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return
    data["output"] = "\n".join(lines) + "\n\n" + str(data.get("output", ""))
    report.write_json(results, data)


def add_quizzes(work: str, results: str, manifest) -> None:
    """Grades the quizzes into results.json (their points beside the tasks'); a note when they cannot be."""
    if not manifest.quizzes or not os.path.isfile(results):
        return
    quiz_json = os.path.join(os.path.dirname(results), "quizzes.json")
    if os.path.exists(quiz_json):
        os.remove(quiz_json)
    cmd = [sys.executable, os.path.join(work, "grader", "grade.py"), "quiz", "all", "--gradescope", quiz_json]
    try:
        done = subprocess.run(cmd, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=600)
        why = (done.stderr or done.stdout).strip() or f"status {done.returncode}"
    except (OSError, subprocess.SubprocessError) as e:
        why = f"{type(e).__name__}: {e}"
    with open(results, encoding="utf-8") as f:
        data = json.load(f)
    try:
        with open(quiz_json, encoding="utf-8") as f:
            tests = json.load(f)["tests"]
        os.remove(quiz_json)
    except (OSError, ValueError, KeyError):
        tests = [{"name": f"Quiz {t.module}", "number": t.id, "score": 0, "max_score": t.points, "status": "failed",
                  "output": f"The quizzes could not be graded: {why}", "tags": [f"module{t.module}", "quiz"],
                  "visibility": "visible"} for t in manifest.quizzes]
    data["tests"] = list(data.get("tests", [])) + tests
    data["score"] = float(data.get("score", 0)) + sum(float(t.get("score", 0)) for t in tests)
    report.write_json(results, data)


def main() -> int:
    root = os.environ.get("MINITORCH_AUTOGRADER_ROOT", "/autograder")
    work = os.environ.get("MINITORCH_AUTOGRADER_WORK") or os.path.join(root, "work")
    submission = os.path.join(root, "submission")
    results = os.path.join(root, "results", "results.json")
    start = time.monotonic()
    try:
        manifest = load(os.path.join(HERE, "grader", "tasks.json"))
        print(f"autograder: copying the pristine tree {HERE} to {work}", flush=True)
        autograder.copy_tree(HERE, work)
        installed = autograder.install(work, submission, manifest, autograder.load_regions(HERE))
        lines = [f"Taken from your submission ({report.display_path(installed.root, root)}): "
                 f"{len(installed.copied) + len(installed.spliced)} solution files"
                 + (f" (the solution regions of {', '.join(installed.spliced)})" if installed.spliced else "")
                 + "; everything else (tests, build files, grader) is the course's."]
        lines += installed.notes
        for line in lines:
            print("autograder: " + line, flush=True)
        if os.path.exists(results):
            os.remove(results)
        cmd = [sys.executable, os.path.join(work, "grader", "grade.py"), "all", "--gradescope", results,
               "--no-setup", "--build-dir", os.path.join(work, "build", "grade")]
        try:
            done = subprocess.run(cmd, cwd=work, timeout=GRADE_TIMEOUT, stdin=subprocess.DEVNULL)
            status = f"status {done.returncode}"
        except subprocess.TimeoutExpired:
            status = f"timed out after {GRADE_TIMEOUT} s"
        if not os.path.isfile(results):
            fallback(results, "\n".join(lines + [f"The grader wrote no results ({status}): ask your instructor."]))
        else:
            add_quizzes(work, results, manifest)
            add_notes(results, lines)
    except Exception as e:  # still write results.json: Gradescope shows nothing without it
        traceback.print_exc()
        fallback(results, f"The autograder failed: {type(e).__name__}: {e}")
    print(f"autograder: done in {time.monotonic() - start:.0f} s; {results}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
