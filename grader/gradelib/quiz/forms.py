"""The forms an answer takes: how the answer file's text is read and compared.

Each form parses the text after `qN =` (raising AnswerError with a message that
says what was expected), compares it with the expected value, and writes a
value back in the same syntax (the working and the reference answers use it).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, List, Optional, Sequence, Tuple

NONE_WORDS = ("none", "error")


class AnswerError(Exception):
    """The text of an answer does not have the question's form."""


def _number(text: str) -> float:
    text = text.strip()
    try:
        if "/" in text:
            return float(Fraction(text.replace(" ", "")))
        value = float(text)
    except (ValueError, ZeroDivisionError):
        raise AnswerError(f"{text!r} is not a number (write it like 3, -0.25, 1e-3 or 1/3)") from None
    if not math.isfinite(value):
        raise AnswerError(f"{text!r} is not a finite number")
    return value


def fmt_number(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


@dataclass
class Number:
    tolerance: float = 1e-4  # absolute; 0 for an exact integer
    relative: bool = False

    @property
    def hint(self) -> str:
        if self.tolerance == 0:
            return "a whole number, like 12"
        how = f"{self.tolerance:g} relative error" if self.relative else f"{self.tolerance:g}"
        return f"a number, like -0.25 or 1e-3 (within {how})"

    def parse(self, text: str) -> float:
        return _number(text)

    def right(self, given: float, expected: float) -> bool:
        bound = self.tolerance * (abs(expected) if self.relative else 1.0)
        return abs(given - expected) <= bound + (1e-9 if self.tolerance == 0 else 0.0)

    def show(self, value: float) -> str:
        return fmt_number(value)


@dataclass
class Tuple_:
    """A tuple of integers: a shape, strides, an index, a list of values; `none` where allowed."""
    what: str = "a shape"
    example: str = "(2, 3)"
    none_ok: bool = False  # "none" answers "does not broadcast" / "is an error"
    ordered: bool = True  # False: a set of numbers written in any order

    @property
    def hint(self) -> str:
        extra = ", or none" if self.none_ok else ""
        return f"{self.what} like {self.example}{extra}"

    def parse(self, text: str) -> Optional[Tuple[int, ...]]:
        t = text.strip()
        if t.lower() in NONE_WORDS:
            if not self.none_ok:
                raise AnswerError(f"{t!r}: this question has an answer: write {self.hint}")
            return None
        inner = t[1:-1] if t.startswith("(") and t.endswith(")") else t
        if inner.startswith("(") or "(" in inner or ")" in inner or not re.fullmatch(r"[-+0-9,\s]*", inner):
            raise AnswerError(f"{t!r} is not {self.hint}: write whole numbers separated by commas")
        items = [p.strip() for p in inner.split(",")]
        if items and items[-1] == "" and len(items) > 1:
            items = items[:-1]  # (5,)
        if items == [""]:
            return ()
        if any(not re.fullmatch(r"[-+]?[0-9]+", p) for p in items):
            raise AnswerError(f"{t!r} is not {self.hint}: a place between commas is empty or not a whole number")
        return tuple(int(p) for p in items)

    def right(self, given: Any, expected: Any) -> bool:
        if given is None or expected is None:
            return given is expected
        return tuple(given) == tuple(expected) if self.ordered else sorted(given) == sorted(expected)

    def show(self, value: Any) -> str:
        if value is None:
            return "none"
        if len(value) == 1:
            return f"({value[0]},)"
        return "(" + ", ".join(str(v) for v in value) + ")"


def _tokens(text: str) -> List[str]:
    return [p.strip().lower() for p in re.split(r"[,\s]+", text.strip()) if p.strip()]


@dataclass
class Choice:
    """One or several of the labels (letters) of a question's options."""
    labels: Sequence[str] = ("a", "b", "c", "d")
    several: bool = False

    @property
    def hint(self) -> str:
        if self.several:
            return f"the letters of every right option, like {self.labels[0]}, {self.labels[-1]} (none if no option is)"
        return f"the letter of one option, like {self.labels[1]}"

    def parse(self, text: str) -> Tuple[str, ...]:
        items = _tokens(text)
        if self.several and items in (["none"], []):
            return ()
        bad = [i for i in items if i not in self.labels]
        if bad:
            raise AnswerError(f"{bad[0]!r} is not an option ({', '.join(self.labels)})")
        if len(set(items)) != len(items):
            raise AnswerError(f"{text.strip()!r} names an option twice")
        if not self.several and len(items) != 1:
            raise AnswerError(f"{text.strip()!r}: give exactly one letter")
        return tuple(sorted(items))

    def right(self, given: Any, expected: Any) -> bool:
        return tuple(sorted(given)) == tuple(sorted(expected))

    def show(self, value: Any) -> str:
        return ", ".join(value) if value else "none"


@dataclass
class Order:
    """Names in an order; `valid` decides (several orders may be right)."""
    names: Sequence[str] = ()
    valid: Optional[Callable[[Sequence[str]], bool]] = None

    @property
    def hint(self) -> str:
        return "the names in order, separated by commas, like " + ", ".join(self.names[:3]) + ", ..."

    def parse(self, text: str) -> Tuple[str, ...]:
        items = _tokens(text)
        known = [n.lower() for n in self.names]
        bad = [i for i in items if i not in known]
        if bad:
            raise AnswerError(f"{bad[0]!r} is not one of the names ({', '.join(self.names)})")
        if len(set(items)) != len(items):
            dup = next(i for i in items if items.count(i) > 1)
            raise AnswerError(f"{dup!r} appears twice")
        missing = [n for n in known if n not in items]
        if missing:
            raise AnswerError(f"name every one of the {len(known)} once: {', '.join(missing)} "
                              f"{'is' if len(missing) == 1 else 'are'} missing")
        return tuple(items)

    def right(self, given: Any, expected: Any) -> bool:
        if self.valid is not None:
            return self.valid(given)
        return tuple(given) == tuple(expected)

    def show(self, value: Any) -> str:
        return ", ".join(value)
