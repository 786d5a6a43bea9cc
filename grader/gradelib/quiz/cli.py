"""The quiz commands: `grader/quiz show N|all` and `grader/grade quiz N|all`.

Exit status of grading: 0 when every question of every quiz graded is right,
1 otherwise, 2 for a usage error (an unknown quiz, no identity). The last line
is `N passed, N failed`, counting questions.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional, Tuple

from .. import report
from ..tasks import Manifest
from . import answers as answers_mod
from . import check, identity, render
from .bank import Quiz

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def quizzes() -> dict:
    from . import bank_m0, bank_m1, bank_m2, bank_m3, bank_m4
    return {q.module: q for q in (bank_m0.QUIZ, bank_m1.QUIZ, bank_m2.QUIZ, bank_m3.QUIZ, bank_m4.QUIZ)}


class UsageError(Exception):
    pass


def select(manifest: Manifest, which: str) -> List[Tuple[object, Quiz]]:
    """(task, quiz) for `N` or `all`; UsageError for anything else."""
    bank = quizzes()
    tasks = [t for t in manifest.quizzes if t.module in bank]
    if which != "all":
        tasks = [t for t in tasks if str(t.module) == which or t.id.lower() == which.lower()]
        if not tasks:
            known = ", ".join(str(t.module) for t in manifest.quizzes) or "none"
            raise UsageError(f"no quiz {which!r} in grader/tasks.json (quizzes: {known}, or all)")
    if not tasks:
        raise UsageError("grader/tasks.json lists no quiz (kind \"quiz\")")
    return [(t, bank[t.module]) for t in tasks]


def resolve(root: str, override: Optional[str], from_file: str = "") -> identity.Identity:
    if override is not None and identity.normalise(override) is None:
        raise UsageError(f"--identity {override!r}: give it as OWNER/NAME, like octo-org/minitorch-octocat")
    found = identity.derive(root, override, from_file or None)
    if found is None:
        raise UsageError("cannot tell whose quiz this is: this repository has no `origin` remote and "
                         "GITHUB_REPOSITORY is not set. Pass --identity OWNER/NAME (your repository on "
                         "GitHub), or write it on the `identity =` line of the answer file")
    return found


def explain_setting(root: str, manifest: Manifest, asked: Optional[bool]) -> bool:
    """--explain / --no-explain; by default on in the reference edition, else as tasks.json's quiz_explain."""
    allowed = identity.pinned(root) or manifest.quiz_explain
    if asked and not allowed:
        raise UsageError("--explain: your instructor has turned the working off (quiz_explain in grader/tasks.json); "
                         "the report still says what form each answer takes and which section to reread")
    return allowed if asked is None else asked


def parse_grade_args(argv: List[str]):
    parser = argparse.ArgumentParser(prog="grader/grade quiz", description="Grade the quizzes' answer files.")
    parser.add_argument("which", metavar="N|all", help="the module whose quiz to grade, or all")
    parser.add_argument("--identity", metavar="OWNER/NAME", help="grade for this repository's numbers (instructors)")
    parser.add_argument("--explain", dest="explain", action="store_true", default=None,
                        help="show the working of each wrong answer (default: on in the reference edition)")
    parser.add_argument("--no-explain", dest="explain", action="store_false", help="do not show the working")
    parser.add_argument("--question", metavar="qN", help="grade this one question only")
    parser.add_argument("--json", metavar="FILE", help="write a machine-readable report")
    parser.add_argument("--gradescope", metavar="FILE", help="write Gradescope's results.json (quizzes only)")
    return parser.parse_args(argv)


NO_IDENTITY = identity.Identity("nobody/unknown", "no identity: nothing is answered yet, so none is needed")


def grade_one(root: str, task, quiz: Quiz, override: Optional[str], only: Optional[str]) -> check.QuizResult:
    path = task.files[0]
    file = answers_mod.read(root, path, quiz)
    try:
        who = resolve(root, override, file.identity)
    except UsageError:
        if override is not None or any(e.text for e in file.entries.values()):
            raise
        who = NO_IDENTITY  # an untouched handout: every question is unanswered whatever the numbers
    return check.grade(task, quiz, who.name, who.source, file, only)


def main_grade(argv: List[str], root: str, manifest: Manifest, colour=report.no_colour) -> int:
    args = parse_grade_args(argv)
    try:
        explain = explain_setting(root, manifest, args.explain)
        chosen = select(manifest, args.which)
        if args.question and (len(chosen) != 1 or chosen[0][1].by_key(args.question.lower()) is None):
            raise UsageError(f"--question {args.question}: name a question of one quiz, like q3")
        results = [grade_one(root, t, q, args.identity, args.question.lower() if args.question else None)
                   for t, q in chosen]
    except UsageError as e:
        print(f"grader: {e}", file=sys.stderr)
        return EXIT_USAGE
    for res in results:
        print(colour(f"Quiz {res.quiz.module}: {res.quiz.title} ({res.answers.path}; numbers drawn for "
                     f"{res.identity}, from {res.identity_source})", "bold"))
        print("\n".join(render.table(res, colour)))
        lines = render.details(res, explain, colour)
        if lines:
            print("\n".join([""] + lines))
        print()
    if len(results) > 1:
        print("\n".join(render.summary(results, colour)))
    try:
        write_reports(args, results, explain)
    except OSError as e:
        print(f"grader: cannot write {e.filename}: {e.strerror}", file=sys.stderr)
    right = sum(r.right for r in results)
    count = sum(r.total for r in results)
    print(f"{right} passed, {count - right} failed")
    return EXIT_OK if right == count else EXIT_FAILED


def write_reports(args, results, explain: bool) -> None:
    if args.json:
        report.write_json(args.json, render.plain_json(results, explain))
    if args.gradescope:
        tests = render.gradescope_tests(results, explain)
        report.write_json(args.gradescope, report.gradescope_result(sum(r.score for r in results), "", tests))


def show_one(root: str, task, quiz: Quiz, override: Optional[str], to_stdout: bool) -> str:
    path = task.files[0]
    file = answers_mod.read(root, path, quiz)
    who = resolve(root, override, file.identity)
    text = render.markdown(quiz, who.name, path, task.points)
    if to_stdout:
        return text
    target = os.path.join(os.path.dirname(path), "quiz.md")
    os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
    with open(os.path.join(root, target), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    full = os.path.join(root, path)
    if not file.exists:
        body = answers_mod.template(quiz, who.name)
    else:
        with open(full, encoding="utf-8") as f:
            body = answers_mod.add_missing(answers_mod.set_identity(f.read(), who.name), quiz, file.entries)
    with open(full, "w", encoding="utf-8") as f:
        f.write(body if body.endswith("\n") else body + "\n")
    return f"Wrote {target} (quiz {quiz.module}, numbers for {who.name}, from {who.source}); answer in {path}"


def main_show(argv: List[str], root: str, manifest: Manifest) -> int:
    parser = argparse.ArgumentParser(prog="grader/quiz show", description="Write a quiz, with your numbers, "
                                     "as Markdown (moduleN/quiz.md), and its answer file if there is none.")
    parser.add_argument("which", metavar="N|all")
    parser.add_argument("--identity", metavar="OWNER/NAME", help="show this repository's quiz (instructors)")
    parser.add_argument("--print", action="store_true", help="print the quiz instead of writing files")
    args = parser.parse_args(argv)
    try:
        for task, quiz in select(manifest, args.which):
            print(show_one(root, task, quiz, args.identity, args.print))
    except UsageError as e:
        print(f"grader/quiz: {e}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as e:
        print(f"grader/quiz: cannot write {e.filename}: {e.strerror}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
