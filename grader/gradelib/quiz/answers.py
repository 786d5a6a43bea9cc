"""The answer files: one plain text file per quiz, next to the module's README.

    # comments start with #, anywhere on a line
    identity = octo-org/minitorch-octocat     (filled in by `grader/quiz show`)
    q1 = a, c
    q2 = (2, 3)
    q3 =                                      (empty: not answered yet)

One `key = value` per line; values are read by the question's form (forms.py).
Everything wrong in the file is a Problem with its line, never an exception.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .bank import Quiz

MAX_BYTES = 1 << 20
_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass
class Entry:
    text: str  # the answer as written ("" when empty)
    line: int


@dataclass
class Problem:
    line: int  # 0: not about one line (a missing question, an unreadable file)
    key: str  # the question, or "" when the line names none
    message: str


@dataclass
class AnswerFile:
    path: str  # as shown in messages (relative to the repository)
    exists: bool = False
    entries: Dict[str, Entry] = field(default_factory=dict)
    identity: str = ""
    problems: List[Problem] = field(default_factory=list)

    def where(self, line: int) -> str:
        return f"{self.path}:{line}" if line else self.path


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].strip()


def parse(text: str, path: str, quiz: Quiz) -> AnswerFile:
    out = AnswerFile(path=path, exists=True)
    known = [q.key for q in quiz.questions]
    for number, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw)
        if not line:
            continue
        key, eq, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not eq or not _KEY.match(key):
            out.problems.append(Problem(number, "", f"expected `qN = answer`, found {line!r}"))
            continue
        if key.lower() == "identity":
            out.identity = value
            continue
        key = key.lower()
        if key not in known:
            out.problems.append(Problem(number, key, f"quiz {quiz.module} has no question {key} "
                                                     f"(its questions are {known[0]} .. {known[-1]})"))
        elif key in out.entries:
            out.problems.append(Problem(number, key, f"{key} is answered twice (first on line "
                                                     f"{out.entries[key].line}); the first answer counts"))
        else:
            out.entries[key] = Entry(value, number)
    for key in known:
        if key not in out.entries:
            out.problems.append(Problem(0, key, f"no line `{key} = ...` (it counts as unanswered; "
                                                f"`grader/quiz show {quiz.module}` adds the missing lines)"))
    return out


def read(root: str, path: str, quiz: Quiz) -> AnswerFile:
    full = os.path.join(root, path)
    if not os.path.lexists(full):
        return AnswerFile(path=path, problems=[Problem(0, "", f"no answer file: `grader/quiz show {quiz.module}` "
                                                              f"writes {path} with a line for each question")])
    try:
        if os.path.islink(full) or not os.path.isfile(full):
            raise OSError("not a plain file")
        with open(full, "rb") as f:
            data = f.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise OSError("larger than 1 MiB")
        text = data.decode("utf-8-sig")  # an editor's byte order mark is not part of the first line
    except (OSError, UnicodeDecodeError) as e:
        reason = "not UTF-8 text" if isinstance(e, UnicodeDecodeError) else str(e.strerror or e)
        return AnswerFile(path=path, problems=[Problem(0, "", f"cannot read the answer file: {reason}")])
    return parse(text, path, quiz)


def template(quiz: Quiz, identity: str = "", answers: Optional[Dict[str, str]] = None) -> str:
    """An answer file: every question's line (empty, or from `answers`), with its form as a comment."""
    answers = answers or {}
    lines = [f"# Quiz {quiz.module} (Module {quiz.module}: {quiz.title}): your answers.",
             f"# grader/quiz show {quiz.module} writes the questions, with your numbers, to "
             f"module{quiz.module}/quiz.md;",
             f"# grader/grade quiz {quiz.module} grades this file. One line per question: `qN = answer`.",
             "# Leave an answer empty to skip it. Everything after # is a comment.",
             "# The identity your numbers are drawn for (grader/quiz show fills it in; the grader",
             "# uses your repository's own identity wherever it can tell it).",
             f"identity = {identity}".rstrip(), ""]
    for q in quiz.questions:
        lines.append(f"# {q.key}: {q.title}. Answer: {q.hint}.")
        lines.append(f"{q.key} = {answers.get(q.key, '')}".rstrip())
        lines.append("")
    return "\n".join(lines)


def set_identity(text: str, identity: str) -> str:
    """The file's text with its identity line filled in (added at the top when there is none)."""
    lines = text.split("\n")
    for i, raw in enumerate(lines):
        key, eq, _ = _strip_comment(raw).partition("=")
        if eq and key.strip().lower() == "identity":
            lines[i] = f"identity = {identity}"
            return "\n".join(lines)
    return f"identity = {identity}\n" + text


def add_missing(text: str, quiz: Quiz, present: Dict[str, Entry]) -> str:
    """The file's text with an empty line appended for every question it lacks."""
    missing = [q for q in quiz.questions if q.key not in present]
    if not missing:
        return text
    tail = ["", f"# Added by grader/quiz show {quiz.module}:"]
    for q in missing:
        tail += [f"# {q.key}: {q.title}. Answer: {q.hint}.", f"{q.key} ="]
    return text.rstrip("\n") + "\n" + "\n".join(tail) + "\n"
