"""A quiz is a list of questions; a question draws its numbers and computes its answer.

The grader holds no answer key: each question's `make` draws the student's
numbers from a Draw (draw.py) and computes, from them, the text the student
reads, the expected answer, the form the answer takes (forms.py) and the
working that leads to it (shown with --explain).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, List

from .draw import Draw


@dataclass
class Drawn:
    text: str  # the question with the student's numbers (Markdown)
    expected: Any
    form: Any  # a form of forms.py
    working: List[str] = field(default_factory=list)


@dataclass
class Question:
    key: str  # "q1"
    title: str
    section: str  # where to reread: "module2/README.md § Storage, shape, strides"
    hint: str  # the answer's form, the same for every student (the empty answer file shows it)
    make: Callable[[Draw], Drawn]


@dataclass
class Quiz:
    module: int
    title: str
    questions: List[Question] = field(default_factory=list)

    def question(self, title: str, section: str, hint: str):
        """Decorator: adds the function as the next question (q1, q2, ...)."""
        def add(make: Callable[[Draw], Drawn]) -> Callable[[Draw], Drawn]:
            key = f"q{len(self.questions) + 1}"
            where = f"module{self.module}/README.md § {section}"
            self.questions.append(Question(key, title, where, hint, make))
            return make
        return add

    def by_key(self, key: str):
        for q in self.questions:
            if q.key == key:
                return q
        return None

    def draw(self, identity: str, question: Question) -> Drawn:
        return question.make(Draw(identity, self.module, question.key))


def options(labels_and_texts) -> str:
    """Markdown lines `- (a) text` for a question's options."""
    return "\n".join(f"- ({label}) {text}" for label, text in labels_and_texts)


def code(text: str) -> str:
    return "```cpp\n" + text.strip("\n") + "\n```"
