#!/usr/bin/env python3
"""The course's quizzes, one per module (gradelib/quiz/ says how they work).

    grader/quiz show N|all [--identity OWNER/NAME] [--print]
    grader/quiz grade N|all [--identity OWNER/NAME] [--explain|--no-explain] [--json FILE] [--gradescope FILE]

`show` writes moduleN/quiz.md (the questions with your numbers) and, if it is
missing, moduleN/quiz-answers.txt (a line per question), and fills in the
answer file's identity line. `grade` is `grader/grade quiz`.
"""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "grader"))

from gradelib.quiz import cli  # noqa: E402
from gradelib.tasks import ManifestError, load  # noqa: E402


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ("show", "grade") or argv[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr if argv and argv[0] not in ("-h", "--help") else sys.stdout)
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    try:
        manifest = load(os.path.join(ROOT, "grader", "tasks.json"))
    except ManifestError as e:
        print(f"grader/quiz: {e}", file=sys.stderr)
        return 2
    if argv[0] == "show":
        return cli.main_show(argv[1:], ROOT, manifest)
    colour = cli.report.ansi_colour if sys.stdout.isatty() and not os.environ.get("NO_COLOR") else cli.report.no_colour
    return cli.main_grade(argv[1:], ROOT, manifest, colour)


if __name__ == "__main__":
    sys.exit(main())
