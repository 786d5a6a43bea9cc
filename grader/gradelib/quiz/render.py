"""What the quiz commands write: the quiz as Markdown, the console report, the report files."""
from __future__ import annotations

from typing import Callable, Dict, List

from ..tasks import format_points
from .bank import Quiz
from .check import MALFORMED, RIGHT, UNANSWERED, WRONG, QuizResult

Colour = Callable[[str, str], str]
STYLE = {RIGHT: "pass", WRONG: "fail", MALFORMED: "fail", UNANSWERED: "skip"}
TITLE_WIDTH = 46
ANSWER_WIDTH = 18


def _plain(text: str, style: str) -> str:
    return text


def markdown(quiz: Quiz, identity: str, answer_path: str, points: float) -> str:
    out = [f"# Quiz {quiz.module}: {quiz.title}", "",
           f"Your numbers are drawn for **{identity}**: a classmate's quiz has other numbers. "
           f"Answer in `{answer_path}`, one line `qN = answer` per question, then run "
           f"`grader/grade quiz {quiz.module}`. {format_points(points)} points, shared equally by "
           f"the {len(quiz.questions)} questions.", ""]
    for q in quiz.questions:
        drawn = quiz.draw(identity, q)
        out += [f"## {q.key}. {q.title}", "", drawn.text, "",
                f"*Answer:* {q.hint}. *Read:* {q.section}.", ""]
    return "\n".join(out)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def table(res: QuizResult, colour: Colour = _plain) -> List[str]:
    head = f"{'Q':<4}{'Question':<{TITLE_WIDTH}}  {'Your answer':<{ANSWER_WIDTH}}  Result"
    out = [colour(head, "bold")]
    for r in res.results:
        given = _cut(r.given, ANSWER_WIDTH) if r.status != UNANSWERED else "-"
        out.append(f"{r.question.key:<4}{_cut(r.question.title, TITLE_WIDTH):<{TITLE_WIDTH}}  {given:<{ANSWER_WIDTH}}  "
                   + colour(r.status, STYLE[r.status]))
    total = f"{res.right}/{res.total} right, {format_points(res.score)}/{format_points(res.task.points)} points"
    out.append(colour(f"{'':<4}{'Total':<{TITLE_WIDTH}}  {total}", "bold"))
    return out


def size_note(r) -> str:
    """For a tuple of the wrong length: how many numbers the answer has (its form, not its value)."""
    expected, form = r.drawn.expected, r.drawn.form
    if not isinstance(expected, tuple) or not hasattr(form, "none_ok"):
        return ""
    try:
        given = form.parse(r.given)
    except Exception:  # noqa: BLE001 - it parsed once already
        return ""
    if given is not None and len(given) != len(expected):
        return f" (the answer has {len(expected)} number{'s' if len(expected) != 1 else ''}, yours {len(given)})"
    return ""


def details(res: QuizResult, explain: bool, colour: Colour = _plain) -> List[str]:
    """For each wrong or malformed answer: what was expected in form, where to reread, the working."""
    out: List[str] = []
    asked = {r.question.key for r in res.results}
    for p in res.answers.problems:
        if not p.key or p.key in asked or p.line:
            out.append(f"{res.answers.where(p.line)}: " + (f"{p.key}: " if p.key else "") + p.message)
    for r in res.results:
        if r.status in (RIGHT, UNANSWERED):
            continue
        q = r.question
        out.append(colour(f"{q.key}. {q.title}: {r.status}", "head"))
        where = res.answers.where(r.line)
        if r.status == MALFORMED:
            out.append(f"  {where}: {q.key}: {r.message}")
        else:
            out.append(f"  {where}: you answered {r.given}; expected {q.hint}{size_note(r)}")
        out.append(f"  Reread: {q.section}")
        if explain:
            out.append("  The working, for your numbers:")
            out += ["    " + line for line in r.drawn.working]
            out.append(f"    Answer: {r.drawn.form.show(r.drawn.expected)}")
    unanswered = [r.question.key for r in res.results if r.status == UNANSWERED]
    if unanswered:
        out.append(f"Unanswered: {', '.join(unanswered)}")
    return out + res.notes


def summary(results: List[QuizResult], colour: Colour = _plain) -> List[str]:
    head = f"{'Quiz':<5} {'Title':<24} {'Right':>7}  {'Points':>11}  Result"
    out = [colour(head, "bold")]
    for res in results:
        status = "PASS" if res.passed else "FAIL"
        points = f"{format_points(res.score)}/{format_points(res.task.points)}"
        out.append(f"{res.task.id:<5} {_cut(res.quiz.title, 24):<24} {res.right:>3}/{res.total:<3}  {points:>11}  "
                   + colour(status, "pass" if res.passed else "fail"))
    score = sum(r.score for r in results)
    total = sum(float(r.task.points) for r in results)
    out.append(colour(f"{'':<5} {'Total':<24} {'':>7}  {format_points(score) + '/' + format_points(total):>11}", "bold"))
    return out


def plain_json(results: List[QuizResult], explain: bool) -> Dict:
    quizzes = []
    for res in results:
        quizzes.append({
            "id": res.task.id, "module": res.quiz.module, "title": res.quiz.title, "points": res.task.points,
            "score": res.score, "right": res.right, "total": res.total, "identity": res.identity,
            "identity_source": res.identity_source, "answer_file": res.answers.path,
            "problems": [{"line": p.line, "question": p.key, "message": p.message} for p in res.answers.problems],
            "questions": [{"id": r.question.key, "title": r.question.title, "status": r.status, "answer": r.given,
                           "line": r.line, "message": r.message, "section": r.question.section,
                           **({"expected": r.drawn.form.show(r.drawn.expected)} if explain else {})}
                          for r in res.results],
        })
    right = sum(r.right for r in results)
    count = sum(r.total for r in results)
    return {"quizzes": quizzes, "score": sum(r.score for r in results),
            "max_score": sum(float(r.task.points) for r in results), "passed": right, "failed": count - right}


def gradescope_tests(results: List[QuizResult], explain: bool) -> List[Dict]:
    """One Gradescope test per quiz (its score: the share of right answers)."""
    tests = []
    for res in results:
        text = "\n".join(table(res) + [""] + details(res, explain)
                         + [f"Numbers drawn for {res.identity} ({res.identity_source})."])
        tests.append({"name": f"Quiz {res.quiz.module}: {res.quiz.title}", "number": res.task.id,
                      "score": res.score, "max_score": res.task.points,
                      "status": "passed" if res.passed else "failed", "output": text,
                      "tags": [f"module{res.quiz.module}", "quiz"], "visibility": "visible"})
    return tests
