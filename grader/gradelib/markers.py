"""Solution markers and the stubs that replace them in the student handout.

A region is delimited by two exact lines (compared after stripping
whitespace): `// BEGIN SOLUTION <task id>` and `// END SOLUTION`. (This text
never puts one alone on a line: every text file of the tree is scanned, except
Markdown and reStructuredText documentation.) The handout replaces the region,
markers included, by one line at the BEGIN line's indentation:
`MT_TODO("<task id>");`, or `<code>` when the line right after BEGIN is
`// STUB: <code>`. Semantics follow nbgrader: nesting, an END
without BEGIN and a BEGIN without END are errors, and so are (checked against
grader/tasks.json) an unknown task id, a "tests" task with no region, and a
region in a file that its task does not list in "files".
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from . import tasks as tasks_mod

BEGIN_PREFIX = "// BEGIN SOLUTION"
END_LINE = "// END SOLUTION"
STUB_PREFIX = "// STUB:"
_BEGIN_RE = re.compile(r"^// BEGIN SOLUTION (\S+)$")
# A line that looks like a marker but is not exactly one: `//BEGIN SOLUTION 1.1`,
# `// BEGIN SOLUTION(Task 1.1)`, `// END SOLUTION 1.1`, `/// END SOLUTION`.
_NEAR_MARKER_RE = re.compile(r"^//+\s*(BEGIN|END)\s+SOLUTION\b")

# Documentation may show the marker syntax in examples: markers are not parsed there.
DOC_SUFFIXES = (".md", ".markdown", ".rst")


def stub_line(task_id: str) -> str:
    return f'MT_TODO("{task_id}");'


@dataclass
class Region:
    task: str
    path: str
    begin: int  # 1-based line of BEGIN
    end: int  # 1-based line of END
    indent: str
    stub: Optional[str] = None  # code of a `// STUB:` line, if any
    body: List[Tuple[int, str]] = field(default_factory=list)  # solution lines (no markers, no STUB)

    @property
    def replacement(self) -> str:
        return self.indent + (self.stub if self.stub is not None else stub_line(self.task))


class MarkerError(Exception):
    def __init__(self, errors: Sequence[str]):
        super().__init__("\n".join(errors))
        self.errors = list(errors)


def error(path: str, line: int, message: str) -> str:
    return f"{path}:{line}: error: {message}"


def may_hold_markers(path: str) -> bool:
    return not path.lower().endswith(DOC_SUFFIXES)


def decode(data: bytes) -> Optional[str]:
    """The text of a file, or None for a binary file (NUL byte or not UTF-8)."""
    if b"\0" in data[:65536]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def parse(text: str, path: str) -> Tuple[List[Region], List[str]]:
    """Finds the regions of one file. Returns (regions, errors)."""
    regions: List[Region] = []
    errors: List[str] = []
    lines = text.split("\n")
    current: Optional[Region] = None
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        begin = _BEGIN_RE.match(line)
        if begin:
            if current is not None:
                errors.append(error(path, number, f"nested BEGIN SOLUTION: the region of task {current.task} "
                                                  f"opened at line {current.begin} has no END SOLUTION before it"))
                current = None  # resynchronise on this BEGIN
            indent = raw[: len(raw) - len(raw.lstrip())]
            current = Region(task=begin.group(1), path=path, begin=number, end=0, indent=indent)
            continue
        if line == END_LINE:
            if current is None:
                errors.append(error(path, number, "END SOLUTION without a BEGIN SOLUTION"))
                continue
            current.end = number
            regions.append(current)
            current = None
            continue
        if _NEAR_MARKER_RE.match(line) or line == BEGIN_PREFIX:
            errors.append(error(path, number, f"malformed solution marker {line!r}: markers are the exact lines "
                                              f"'// BEGIN SOLUTION <task id>' and '// END SOLUTION'"))
            continue
        if current is None:
            if line.startswith(STUB_PREFIX):
                errors.append(error(path, number, "STUB line outside a solution region"))
            continue
        if line.startswith(STUB_PREFIX):
            if number != current.begin + 1:
                errors.append(error(path, number, "a STUB line must come right after its BEGIN SOLUTION line"))
                continue
            code = line[len(STUB_PREFIX):].strip()
            if not code:
                errors.append(error(path, number, "empty STUB line: write the replacement code after '// STUB:'"))
            current.stub = code
            continue
        current.body.append((number, raw))
    if current is not None:
        errors.append(error(path, current.begin, f"BEGIN SOLUTION {current.task} has no END SOLUTION"))
    return regions, errors


def strip(text: str, regions: Iterable[Region], only: Optional[Set[str]] = None) -> str:
    """Replaces the given regions of `text` (all, or those of the tasks in `only`) by their stubs.

    `regions` must come from parse(text) without errors. Regions of other tasks
    stay as they are, markers included.
    """
    lines = text.split("\n")
    out: List[str] = []
    todo = sorted((r for r in regions if only is None or r.task in only), key=lambda r: r.begin)
    position = 0  # next line index (0-based) to copy
    for region in todo:
        out.extend(lines[position: region.begin - 1])
        begin_line = lines[region.begin - 1]
        eol = "\r" if begin_line.endswith("\r") else ""
        out.append(region.replacement + eol)
        position = region.end
    out.extend(lines[position:])
    return "\n".join(out)


@dataclass
class Scan:
    """The regions of a tree, by file, and every marker error found."""
    regions: Dict[str, List[Region]] = field(default_factory=dict)  # path -> regions (files with regions only)
    texts: Dict[str, str] = field(default_factory=dict)  # path -> text, for every text file scanned
    errors: List[str] = field(default_factory=list)
    warnings: List[str] = field(default_factory=list)

    def all_regions(self) -> List[Region]:
        return [r for path in sorted(self.regions) for r in self.regions[path]]

    def files_of_task(self, task_id: str) -> List[str]:
        return sorted(p for p, rs in self.regions.items() if any(r.task == task_id for r in rs))

    def count_by_task(self) -> Dict[str, int]:
        counts: Dict[str, int] = {}
        for region in self.all_regions():
            counts[region.task] = counts.get(region.task, 0) + 1
        return counts

    def stripped(self, path: str, only: Optional[Set[str]] = None) -> str:
        return strip(self.texts[path], self.regions.get(path, []), only)


def check_manifest(scan: Scan, manifest: "tasks_mod.Manifest", manifest_path: str = "grader/tasks.json",
                   existing: Optional[Set[str]] = None) -> None:
    """Cross-checks the regions found against tasks.json, adding errors to `scan`."""
    for region in scan.all_regions():
        task = manifest.by_id(region.task)
        if task is None:
            scan.errors.append(error(region.path, region.begin,
                                     f"unknown task id {region.task!r} (not in {manifest_path})"))
        elif region.path not in task.files:
            scan.errors.append(error(region.path, region.begin,
                                     f"a region of task {region.task} in a file that {manifest_path} does not list "
                                     f"in that task's \"files\" ({', '.join(task.files) or 'none'})"))
    counts = scan.count_by_task()
    for task in manifest.tasks:
        line = manifest.line_of(task.id)
        if task.graded and counts.get(task.id, 0) == 0:
            scan.errors.append(error(manifest_path, line, f"task {task.id} ({task.title}) has no solution region "
                                                          f"(expected '// BEGIN SOLUTION {task.id}' in "
                                                          f"{', '.join(task.files) or 'one of its files'})"))
        for f in task.files:
            if existing is not None and f not in existing:
                scan.errors.append(error(manifest_path, line, f"task {task.id} lists the file {f}, which does not exist"))
            elif task.graded and f in scan.texts and not any(r.task == task.id for r in scan.regions.get(f, [])):
                scan.warnings.append(f"{manifest_path}:{line}: warning: task {task.id} lists {f}, "
                                     f"which holds no region of that task")


def scan_files(root: str, paths: Iterable[str]) -> Scan:
    """Reads every text file of `paths` (relative to root) and parses its markers."""
    scan = Scan()
    for path in sorted(paths):
        full = os.path.join(root, path)
        if os.path.islink(full) or not os.path.isfile(full):
            continue
        with open(full, "rb") as f:
            text = decode(f.read())
        if text is None:
            continue
        scan.texts[path] = text
        if not may_hold_markers(path):
            continue
        regions, errors = parse(text, path)
        scan.errors.extend(errors)
        if regions:
            scan.regions[path] = regions
    return scan


def scan_tree(root: str, paths: Sequence[str], manifest: "tasks_mod.Manifest",
              manifest_path: str = "grader/tasks.json") -> Scan:
    scan = scan_files(root, paths)
    check_manifest(scan, manifest, manifest_path, existing=set(paths))
    return scan
