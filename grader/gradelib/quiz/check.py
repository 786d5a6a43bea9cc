"""Grading one quiz: each question's answer against the answer computed for the identity."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

from .answers import AnswerFile
from .bank import Drawn, Question, Quiz
from .forms import AnswerError

RIGHT, WRONG, UNANSWERED, MALFORMED = "right", "WRONG", "unanswered", "MALFORMED"


@dataclass
class QuestionResult:
    question: Question
    drawn: Drawn
    status: str
    given: str = ""  # the answer as written
    line: int = 0  # its line in the answer file (0: none)
    message: str = ""  # why a malformed answer could not be read

    @property
    def right(self) -> bool:
        return self.status == RIGHT


@dataclass
class QuizResult:
    task: object  # tasks.Task of kind "quiz"
    quiz: Quiz
    identity: str
    identity_source: str
    answers: AnswerFile
    results: List[QuestionResult] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)

    @property
    def right(self) -> int:
        return sum(1 for r in self.results if r.right)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def score(self) -> float:
        points = float(self.task.points)
        return round(points * self.right / self.total, 4) if self.total else 0.0

    @property
    def passed(self) -> bool:
        return self.total > 0 and self.right == self.total

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def judge(question: Question, drawn: Drawn, answers: AnswerFile) -> QuestionResult:
    entry = answers.entries.get(question.key)
    if entry is None or entry.text == "":
        return QuestionResult(question, drawn, UNANSWERED, line=entry.line if entry else 0)
    try:
        value = drawn.form.parse(entry.text)
    except AnswerError as e:
        return QuestionResult(question, drawn, MALFORMED, entry.text, entry.line, str(e))
    status = RIGHT if drawn.form.right(value, drawn.expected) else WRONG
    return QuestionResult(question, drawn, status, entry.text, entry.line)


def grade(task, quiz: Quiz, identity: str, source: str, answers: AnswerFile,
          only: Optional[str] = None) -> QuizResult:
    result = QuizResult(task, quiz, identity, source, answers)
    for question in quiz.questions:
        if only is not None and question.key != only:
            continue
        result.results.append(judge(question, quiz.draw(identity, question), answers))
    if answers.identity and answers.identity.lower() != identity and source != "the identity line of the answer file":
        result.notes.append(f"{answers.path}: its identity line says {answers.identity}, but this repository is "
                            f"{identity} ({source}): graded for {identity}, whose numbers `grader/quiz show "
                            f"{quiz.module}` shows")
    return result


def reference_answers(quiz: Quiz, identity: str) -> dict:
    """key -> the right answer written in its form's syntax (the reference edition's answer files)."""
    out = {}
    for question in quiz.questions:
        drawn = quiz.draw(identity, question)
        out[question.key] = drawn.form.show(drawn.expected)
    return out
