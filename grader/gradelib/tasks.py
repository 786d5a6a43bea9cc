"""The task manifest, grader/tasks.json: the single source of truth for tasks.

    {"course": "...", "rapidcheck_seed": 20240901,
     "tasks": [{"id": "0.1", "module": 0, "title": "Operators", "points": 10,
                "kind": "tests", "suite": "Task0_1", "binary": "test_module0",
                "timeout": 120, "files": ["module0/include/minitorch/operators.h"]}]}

kind is "tests" (graded by the gtest suite `suite` of the program `binary`),
"manual" (listed, graded by hand, never run) or "quiz" (a module's quiz, id
"Q<module>", graded by `grader/grade quiz N` from its one answer file in
"files"; never part of `grader/grade all` or its total: quiz/ says how; the
top-level "quiz_explain" says whether a handout may show the working). A
"tests" task may also have a "mutation" entry: its student-written tests must
catch wrong implementations (mutation.py). A manual task says what to
hand in ("hand_in": the README's pictures, training logs, diagnostics); the
grader shows it as "to hand in" and never counts its points: neither in the
score nor in the total, so `grader/grade all` still reaches 100% (the course's
manual rows have 0 points; an instructor grades them by hand, on Gradescope as
a manually graded question).
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .mutation_spec import Spec, SpecError, parse_spec

KINDS = ("tests", "manual", "quiz")
DEFAULT_TIMEOUT = 120
_ID_RE = re.compile(r"^[0-9]+\.[0-9]+[A-Za-z0-9]*$")
_QUIZ_ID_RE = re.compile(r"^Q[0-9]+$")
_IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BINARY_RE = re.compile(r"^[A-Za-z0-9_.+-]+$")


class ManifestError(Exception):
    """tasks.json is missing or does not follow the schema."""


@dataclass
class Task:
    id: str
    module: int
    title: str
    points: float
    kind: str
    suite: str = ""
    binary: str = ""
    timeout: float = DEFAULT_TIMEOUT
    files: List[str] = field(default_factory=list)
    extra_credit: bool = False  # its points come on top of the total (not in max_score)
    mutation: Optional[Spec] = None  # graded like mutation testing (mutation.py)
    hand_in: str = ""  # manual tasks: what to hand in
    # Failure order: globs of test names (without the suite); a failed test is
    # reported with the first glob it matches, the simplest cases first.
    order: List[str] = field(default_factory=list)

    @property
    def graded(self) -> bool:
        """True for tasks the grader runs (kind "tests")."""
        return self.kind == "tests"

    @property
    def is_quiz(self) -> bool:
        """True for a module's quiz (kind "quiz"): graded by `grader/grade quiz N`, not by `grade all`."""
        return self.kind == "quiz"

    @property
    def step_id(self) -> str:
        """A GitHub Actions step id: alphanumerics and hyphens (4.4b -> task-4-4b)."""
        return step_id(self.id)

    @property
    def display_name(self) -> str:
        return f"Task {self.id}: {self.title}" + (" (extra credit)" if self.extra_credit else "")


@dataclass
class Manifest:
    path: str
    course: str
    seed: int
    tasks: List[Task]
    quiz_explain: bool = False  # may a handout's grader show the working of a wrong quiz answer?

    @property
    def quizzes(self) -> List[Task]:
        return [t for t in self.tasks if t.is_quiz]

    @property
    def coding_tasks(self) -> List[Task]:
        """Every task but the quizzes: what `grader/grade all` lists."""
        return [t for t in self.tasks if not t.is_quiz]

    def by_id(self, task_id: str) -> Optional[Task]:
        for task in self.tasks:
            if task.id == task_id:
                return task
        return None

    @property
    def ids(self) -> List[str]:
        return [t.id for t in self.tasks]

    @property
    def modules(self) -> List[int]:
        return sorted({t.module for t in self.tasks})

    def of_module(self, module: int) -> List[Task]:
        return [t for t in self.tasks if t.module == module]

    def line_of(self, task_id: str) -> int:
        """The line of tasks.json that holds `"id": "<task_id>"` (1 when not found)."""
        return id_line(self.path, task_id)


def step_id(task_id: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", task_id).strip("-").lower()
    return "task-" + slug


def format_points(points: float) -> str:
    return str(int(points)) if float(points).is_integer() else f"{points:g}"


def id_line(path: str, task_id: str) -> int:
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return 1
    pattern = re.compile(r'"id"\s*:\s*"' + re.escape(task_id) + '"')
    for number, line in enumerate(text.split("\n"), 1):
        if pattern.search(line):
            return number
    return 1


def _require(cond: bool, where: str, message: str) -> None:
    if not cond:
        raise ManifestError(f"{where}: {message}")


def _parse_task(raw: object, index: int, path: str, seen: Dict[str, int]) -> Task:
    """Validates task #index + 1 of tasks.json (`seen`: the ids so far, to which it adds its own)."""
    where = f"{path}: task #{index + 1}"
    _require(isinstance(raw, dict), where, "must be an object")
    task_id = raw.get("id")
    _require(isinstance(task_id, str) and bool(_ID_RE.match(task_id) or _QUIZ_ID_RE.match(task_id)), where,
             f'"id" must look like "2.3", "4.4b" or (a quiz) "Q2", got {task_id!r}')
    where = f"{path}:{id_line(path, task_id)}: task {task_id}"
    _require(task_id not in seen, where, "duplicate task id")
    seen[task_id] = index
    module = raw.get("module")
    _require(isinstance(module, int) and not isinstance(module, bool) and module >= 0, where,
             '"module" must be a non-negative integer')
    title = raw.get("title", "")
    _require(isinstance(title, str) and title.strip() != "", where, '"title" must be a non-empty string')
    points = raw.get("points", 0)
    _require(isinstance(points, (int, float)) and not isinstance(points, bool) and points >= 0, where,
             '"points" must be a non-negative number')
    kind = raw.get("kind", "tests")
    _require(kind in KINDS, where, f'"kind" must be one of {", ".join(KINDS)}, got {kind!r}')
    files = raw.get("files", [])
    _require(isinstance(files, list) and all(isinstance(f, str) and f for f in files), where,
             '"files" must be a list of paths')
    for f in files:
        _require(not os.path.isabs(f) and ".." not in f.split("/"), where,
                 f'"files" must hold paths relative to the repository root, got {f!r}')
    extra_credit = raw.get("extra_credit", False)
    _require(isinstance(extra_credit, bool), where, '"extra_credit" must be true or false')
    hand_in = raw.get("hand_in", "")
    _require(isinstance(hand_in, str), where, '"hand_in" must be a string')
    suite = raw.get("suite", "")
    binary = raw.get("binary", "")
    timeout = raw.get("timeout", DEFAULT_TIMEOUT)
    _require(isinstance(timeout, (int, float)) and not isinstance(timeout, bool) and timeout > 0, where,
             '"timeout" must be a positive number of seconds')
    if kind == "tests":
        _require(isinstance(suite, str) and bool(_IDENT_RE.match(suite)), where,
                 f'"suite" must be a gtest suite name like "Task2_1", got {suite!r}')
        _require(isinstance(binary, str) and bool(_BINARY_RE.match(binary)), where,
                 f'"binary" must be the name of a test program like "test_module2", got {binary!r}')
    if kind == "quiz":
        _require(task_id == f"Q{module}", where, f'a quiz\'s "id" must be "Q{module}" (Q and its module)')
        _require(len(files) == 1, where, '"files" of a quiz must hold its one answer file')
        _require(not extra_credit, where, "a quiz cannot be extra credit (quizzes have their own total)")
    else:
        _require(not _QUIZ_ID_RE.match(task_id), where, 'an id like "Q2" is for kind "quiz"')
    order = raw.get("order", [])
    _require(isinstance(order, list) and all(isinstance(o, str) and o for o in order), where,
             '"order" must be a list of test-name patterns like "SumPractice*"')
    mutation = None
    if raw.get("mutation") is not None:
        _require(kind == "tests", where, '"mutation" needs kind "tests"')
        try:
            mutation = parse_spec(raw["mutation"], where)
        except SpecError as e:
            raise ManifestError(str(e)) from None
    return Task(id=task_id, module=module, title=title.strip(), points=points, kind=kind,
                      suite=suite or "", binary=binary or "", timeout=timeout, files=list(files),
                      extra_credit=extra_credit, mutation=mutation, hand_in=hand_in.strip(), order=list(order))


def parse(data: object, path: str = "grader/tasks.json") -> Manifest:
    """Validates the decoded JSON of tasks.json and returns the manifest."""
    _require(isinstance(data, dict), path, "the top level must be a JSON object")
    assert isinstance(data, dict)
    seed = data.get("rapidcheck_seed", 0)
    _require(isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0, path,
             '"rapidcheck_seed" must be a non-negative integer')
    raw_tasks = data.get("tasks")
    _require(isinstance(raw_tasks, list), path, '"tasks" must be a list')
    assert isinstance(raw_tasks, list)
    tasks: List[Task] = []
    seen: Dict[str, int] = {}
    for index, raw in enumerate(raw_tasks):
        tasks.append(_parse_task(raw, index, path, seen))
    course = data.get("course", "MiniTorch C++")
    quiz_explain = data.get("quiz_explain", False)
    _require(isinstance(quiz_explain, bool), path, '"quiz_explain" must be true or false')
    return Manifest(path=path, course=str(course), seed=seed, tasks=tasks, quiz_explain=quiz_explain)


def load(path: str) -> Manifest:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise ManifestError(f"{path}: not found") from None
    except json.JSONDecodeError as e:
        raise ManifestError(f"{path}:{e.lineno}: invalid JSON: {e.msg}") from None
    return parse(data, path)
