"""What the grader shows of a failed test without --verbose: the lines that explain, first.

A RapidCheck property's failure reads, as the GoogleTest report holds it:

    /usr/include/rapidcheck/gtest.h:29      where RapidCheck's GoogleTest glue failed
    Failed                                  (the same for every property: dropped)
    Falsifiable after 4 tests and 1 shrink
                                            the counterexample, a block per generated value:
    minitorch::Tensor:
    tensor([-0.0100])
                                            the failing assertion and its source text:
    module2/tests/support/tensor_suite.cpp:192:
    RC_ASSERT(::minitorch::testing::close(mt_got_, mt_expected_))

    Expands to:                             its expansion (often just "false")
    false

    Log:                                    what the test logged (RC_LOG): got and expected
    out.item(): got 0, expected -0.01

The summary puts the "Falsifiable" line first, then the log in full (up to
LOG_LINES lines), then the assertion's place (its source text only when no log
explains it, its expansion only when it says more than true or false), then
the counterexample, compacted (a one-line value beside its type), as far as
the limit allows. A GoogleTest assertion's message ("Expected equality of these
values: ... Which is: ...") is already in that order and is kept as it is,
up to the limit. --verbose shows every message whole.
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import List, Sequence

from .gtest import FAIL, LINE_WIDTH, TestResult, is_rapidcheck_failure

SUMMARY_LINES = 24  # lines of a failure the summary shows
HEADLINE_WIDTH = 320  # characters of a failure shown in one line (a race message fits)
LOG_LINES = 20  # of them, at most this many of the log (it explains: it comes first)

_HEADER_RE = re.compile(r"^(Falsifiable after|Gave up after)")
_PLACE_RE = re.compile(r"^\S.*:\d+:$")  # "module2/tests/x.cpp:192:" before an assertion's source
# GoogleTest's report of an exception that escaped a test: its message is what explains.
_EXCEPTION_RE = re.compile(r'C\+\+ exception with description "(.*)" thrown in the test body', re.DOTALL)
_GTEST_PLACE_RE = re.compile(r"^\S+:\d+$")  # "module2/tests/test_tensor.cpp:72": where an assertion failed


@dataclass
class _Property:
    header: str = ""
    counterexample: List[List[str]] = field(default_factory=list)  # a block per value: type line, value lines
    place: str = ""  # file:line of the failing assertion
    source: List[str] = field(default_factory=list)
    expansion: List[str] = field(default_factory=list)
    log: List[str] = field(default_factory=list)
    other: List[List[str]] = field(default_factory=list)  # blocks of any other kind (an exception's message)


def summarize(message: str, limit: int = SUMMARY_LINES) -> List[str]:
    """The lines of a failure message to show, at most `limit` (+ a note of what was left out)."""
    if not is_rapidcheck_failure(message):
        lines = message.rstrip("\n").splitlines()
        lines = [l for l in lines if l != "unknown file"]  # GoogleTest's place of an escaped exception
        return _capped(_clip(lines), limit)
    prop = _parse_property(message)
    if not prop.header.startswith("Falsifiable"):
        return _capped(_clip(message.rstrip("\n").splitlines()), limit)
    lines = [prop.header]
    log = prop.log[:LOG_LINES] + ([f"... ({len(prop.log) - LOG_LINES} more lines of log)"]
                                  if len(prop.log) > LOG_LINES else [])
    lines += log
    for block in prop.other:
        lines += block
    if prop.place:
        source = " ".join(s.strip() for s in prop.source)
        lines.append(f"at {prop.place}" + (f": {source}" if source and not prop.log else ""))
    expansion = " ".join(s.strip() for s in prop.expansion)
    if expansion and expansion not in ("false", "true"):
        lines.append(f"Expands to: {expansion}")
    if prop.counterexample:
        lines.append("Counterexample:")
        for block in prop.counterexample:
            lines += _value_lines(block)
    return _capped(_clip(lines), limit)


def headline(message: str) -> str:
    """The failure in one line: what explains it best (a property's first log line; an assertion's values)."""
    if is_rapidcheck_failure(message):
        lines = summarize(message)
        text = lines[1] if len(lines) > 1 and lines[1] != "Counterexample:" else lines[0]
    elif _EXCEPTION_RE.search(message):
        text = _EXCEPTION_RE.search(message).group(1)
    else:
        first: List[str] = []  # the first assertion's lines, up to the next one's place
        for line in (l.strip() for l in message.splitlines() if l.strip()):
            if _GTEST_PLACE_RE.match(line):
                if first:
                    break
            elif line != "Failed":
                first.append(line)
        text = " ".join(first[:6])
    return text if len(text) <= HEADLINE_WIDTH else text[:HEADLINE_WIDTH - 3] + "..."


def ordered(tests: Sequence[TestResult], order: Sequence[str]) -> List[TestResult]:
    """Failed tests, the simplest first: by the first pattern of `order` (the task's, in tasks.json) each
    matches, those that match none last; a failure before a test that did not run; then as listed."""
    def key(item):
        index, test = item
        short = test.name.split(".", 1)[-1]
        tier = next((k for k, pattern in enumerate(order) if fnmatch.fnmatchcase(short, pattern)), len(order))
        return tier, test.status != FAIL, index

    return [test for _, test in sorted(enumerate(tests), key=key)]


def _parse_property(message: str) -> _Property:
    prop = _Property()
    lines = message.rstrip("\n").splitlines()
    start = next((i for i, l in enumerate(lines) if _HEADER_RE.match(l)), None)
    if start is None:
        return prop
    prop.header = lines[start].strip()
    blocks = _blocks(lines[start + 1:])
    for i, block in enumerate(blocks):
        first = block[0].strip()
        if first == "Log:":
            prop.log = [l for b in [block[1:]] + blocks[i + 1:] for l in b + [""]]
            while prop.log and not prop.log[-1].strip():
                prop.log.pop()
            break
        if first == "Exception thrown with message:":
            prop.other.append(block[1:])  # what the property threw: it explains
        elif first == "Expands to:":
            prop.expansion = block[1:]
        elif _PLACE_RE.match(first) and len(block) > 1 and not prop.place:
            prop.place, prop.source = first[:-1], block[1:]
        elif first.endswith(":") and not prop.place:
            prop.counterexample.append(block)
        else:
            prop.other.append(block)
    return prop


def _blocks(lines: List[str]) -> List[List[str]]:
    """Runs of non-blank lines."""
    blocks: List[List[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _value_lines(block: List[str]) -> List[str]:
    """One generated value: "  type: value" when the value is one line, else the type and the value indented."""
    kind, value = block[0], block[1:]
    if len(value) == 1:
        return [f"  {kind} {value[0].strip()}"]
    return [f"  {kind}"] + ["    " + v for v in value]


def _clip(lines: List[str]) -> List[str]:
    return [l if len(l) <= LINE_WIDTH else l[:LINE_WIDTH] + f" [... {len(l) - LINE_WIDTH} more characters]"
            for l in lines]


def _capped(lines: List[str], limit: int) -> List[str]:
    if len(lines) <= limit:
        return lines
    return lines[:limit] + [f"... ({len(lines) - limit} more lines; --verbose shows all)"]
