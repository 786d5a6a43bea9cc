"""Numbers drawn per student: a deterministic stream from (identity, quiz, question).

Python's `random` is not used: its algorithms may change between versions, and a
student must see the same numbers on their laptop as in Classroom or Gradescope.
Each draw is SHA-256 of the seed text and a counter, read as an integer.
"""
from __future__ import annotations

import hashlib
from fractions import Fraction
from typing import List, Sequence, TypeVar

T = TypeVar("T")
SALT = "minitorch-cpp-quiz-v1"  # changing it redraws every student's numbers


class Draw:
    def __init__(self, identity: str, quiz: int, question: str):
        self.seed = f"{SALT}|{identity}|{quiz}|{question}"
        self.count = 0

    def _next(self) -> int:
        self.count += 1
        digest = hashlib.sha256(f"{self.seed}|{self.count}".encode("utf-8")).digest()
        return int.from_bytes(digest, "big")

    def int(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi] (both included)."""
        if hi < lo:
            raise ValueError(f"empty range [{lo}, {hi}]")
        return lo + self._next() % (hi - lo + 1)

    def nonzero(self, lo: int, hi: int) -> int:
        values = [v for v in range(lo, hi + 1) if v != 0]
        return self.choice(values)

    def choice(self, items: Sequence[T]) -> T:
        return items[self.int(0, len(items) - 1)]

    def shuffle(self, items: Sequence[T]) -> List[T]:
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.int(0, i)
            out[i], out[j] = out[j], out[i]
        return out

    def sample(self, items: Sequence[T], k: int) -> List[T]:
        return self.shuffle(items)[:k]

    def tenth(self, lo: int, hi: int) -> float:
        """A number with one decimal in [lo/10, hi/10] (exact in the text the student reads)."""
        return float(Fraction(self.int(lo, hi), 10))
