"""Proving that a handout gives no solution away.

A *solution line* is a line inside a solution region of the reference (not
a marker, not a STUB line), stripped, at least MIN_LENGTH characters long,
that occurs nowhere outside solution regions in the reference's code (a line
like `return result;` that is also ordinary code proves nothing; a line that
a README repeats is still a solution line, and that README leaks it). No handout file
may contain one, nor a marker line, nor a .git directory.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Dict, List, Set

from . import markers

MIN_LENGTH = 12
_MARKER_LINE_RE = re.compile(r"^(// BEGIN SOLUTION \S+|// END SOLUTION|// STUB:.*)$")
_STUB_CALL_RE = re.compile(r'^MT_TODO\("[^"]*"\);')
SKIP_DIRS = {".git", "__pycache__"}
SKIP_TOP = {"build"}  # the handout grader's build directory


@dataclass
class LeakReport:
    leaks: List[str] = field(default_factory=list)  # handout/path:line: leaked solution line from ref/path:line
    markers_left: List[str] = field(default_factory=list)
    git: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)
    files_checked: int = 0
    solution_lines: int = 0

    @property
    def violations(self) -> List[str]:
        return self.git + self.markers_left + self.leaks


def solution_lines(scan: markers.Scan) -> Dict[str, str]:
    """Stripped solution line -> where it first occurs in the reference (`path:line`)."""
    secret: Dict[str, str] = {}
    inside: Dict[str, Set[int]] = {}
    for path, regions in scan.regions.items():
        rows: Set[int] = set()
        for region in regions:
            rows.update(range(region.begin, region.end + 1))
            for number, text in region.body:
                line = text.strip()
                if len(line) >= MIN_LENGTH and line not in secret:
                    secret[line] = f"{path}:{number}"
        inside[path] = rows
    outside: Set[str] = set()
    for path, text in scan.texts.items():
        if not markers.may_hold_markers(path):
            continue  # documentation repeating a solution line does not make it public: it is a leak
        rows = inside.get(path, set())
        for number, raw in enumerate(text.split("\n"), 1):
            if number not in rows:
                outside.add(raw.strip())
    return {line: where for line, where in secret.items() if line not in outside}


def reference_stubs(scan: markers.Scan) -> List[str]:
    """`MT_TODO("x.y");` lines outside regions: the reference edition calling a stub."""
    found = []
    for path, text in sorted(scan.texts.items()):
        if not markers.may_hold_markers(path):
            continue
        rows: Set[int] = set()
        for region in scan.regions.get(path, []):
            rows.update(range(region.begin, region.end + 1))
        for number, raw in enumerate(text.split("\n"), 1):
            if number not in rows and _STUB_CALL_RE.match(raw.strip()):
                found.append(f"ref/{path}:{number}: warning: MT_TODO outside a solution region "
                             f"(a stub in the reference edition, or a test of the stub itself?)")
    return found


def check(handout_dir: str, scan: markers.Scan) -> LeakReport:
    report = LeakReport()
    secret = solution_lines(scan)
    report.solution_lines = len(secret)
    report.warnings = reference_stubs(scan)
    if os.path.lexists(os.path.join(handout_dir, ".git")):
        report.git.append(f"handout/.git: the handout has a git directory (it must have no history of the reference)")
    for dirpath, dirnames, filenames in os.walk(handout_dir):
        rel_dir = os.path.relpath(dirpath, handout_dir)
        rel_dir = "" if rel_dir == "." else rel_dir
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not (rel_dir == "" and d in SKIP_TOP))
        for name in sorted(filenames):
            path = os.path.join(rel_dir, name) if rel_dir else name
            full = os.path.join(dirpath, name)
            if os.path.islink(full):
                continue
            with open(full, "rb") as f:
                text = markers.decode(f.read())
            if text is None:
                continue
            report.files_checked += 1
            check_markers = markers.may_hold_markers(path)
            for number, raw in enumerate(text.split("\n"), 1):
                line = raw.strip()
                if line in secret:
                    report.leaks.append(f"handout/{path}:{number}: leaked solution line from ref/{secret[line]}")
                if check_markers and _MARKER_LINE_RE.match(line):
                    report.markers_left.append(f"handout/{path}:{number}: marker line left in the handout: {line}")
    return report
