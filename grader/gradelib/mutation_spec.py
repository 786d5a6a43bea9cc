"""The "mutation" entry of a task in tasks.json (mutation.py grades by it):
which mutation program runs which suite against which wrong implementations.
The lowest layer of the grader beside tasks.py, which parses it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List

BASELINE = "none"  # MINITORCH_MUTANT's value for the right implementation
# Every value is padded to this length, so that not even its length tells a
# test which run it is in (mutant_selection.h trims the padding).
VALUE_WIDTH = 64
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BINARY_RE = re.compile(r"^[A-Za-z0-9_.+-]+$")


class SpecError(ValueError):
    """A malformed "mutation" entry (tasks.py reports it as a ManifestError)."""


@dataclass(frozen=True)
class Mutant:
    name: str
    wrong: str  # what is wrong with it, for the report: "a sigmoid with sigmoid(-x) != 1 - sigmoid(x)"


@dataclass(frozen=True)
class Spec:
    binary: str  # the mutation program, in <builddir>/bin
    suite: str  # the gtest suite it runs: suite.*
    tests: str  # how the report names the student's tests: "your Task0_2 property tests"
    mutants: List[Mutant]


def parse_spec(raw: object, where: str) -> Spec:
    """The "mutation" entry of a task; raises SpecError when it is malformed."""

    def require(cond: bool, message: str) -> None:
        if not cond:
            raise SpecError(f"{where}: \"mutation\": {message}")

    require(isinstance(raw, dict), "must be an object with binary, suite and mutants")
    assert isinstance(raw, dict)
    unknown = sorted(set(raw) - {"binary", "suite", "tests", "mutants"})
    require(not unknown, f"unknown key(s) {', '.join(unknown)}")
    binary, suite, mutants = raw.get("binary"), raw.get("suite"), raw.get("mutants")
    require(isinstance(binary, str) and bool(_BINARY_RE.match(binary)),
            f'"binary" must be the name of a test program, got {binary!r}')
    require(isinstance(suite, str) and bool(_IDENT_RE.match(suite)),
            f'"suite" must be a gtest suite name, got {suite!r}')
    tests = raw.get("tests", f"your {suite} tests")
    require(isinstance(tests, str) and tests.strip() != "", '"tests" must be a non-empty string')
    require(isinstance(mutants, dict) and len(mutants) > 0,
            '"mutants" must be a non-empty object: {"name": "what is wrong with it"}')
    assert isinstance(mutants, dict)
    parsed = []
    for name, wrong in mutants.items():
        require(bool(_NAME_RE.match(name)) and name != BASELINE and len(name) < VALUE_WIDTH,
                f"mutant name {name!r} must be lower_case_with_underscores (not {BASELINE!r})")
        require(isinstance(wrong, str) and wrong.strip() != "", f"mutant {name!r} needs a description")
        parsed.append(Mutant(name=name, wrong=wrong.strip()))
    return Spec(binary=binary, suite=suite, tests=tests.strip(), mutants=parsed)
