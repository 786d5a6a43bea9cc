"""The Gradescope autograder: a submission's solution files over a pristine tree.

scripts/make-autograder packs the student handout (stubs and the reference
tests) with this grader, setup.sh and run_autograder. For each submission,
run_autograder (grader/autograde) copies the pristine tree to a work
directory, puts the student's files in, builds and grades every task, and
writes results.json.

What comes from the submission: only the files that tasks.json names as a
task's solution ("files", which include each quiz's answer file), nothing else, so a submission that edited the tests,
the CMake files or the grader still gets the pristine ones. Most solution
files are taken whole (a student may add helpers and includes anywhere in
them). Files under a `tests/` directory hold reference tests next to the
student's own (Task 0.2's properties, Task 4.4's test of max): from those only
the solution regions are taken, found between the pristine text around each
region (a few non-blank lines before and after it, compared without
indentation; fewer lines where the student edited those), and everything
else stays pristine. A region that cannot be found
keeps its stub (the task then fails with "not implemented") and the results
say why. A symbolic link or anything but a plain file in the submission is
ignored.

Paths: MINITORCH_AUTOGRADER_ROOT (default /autograder) holds submission/ and
results/; the work tree is MINITORCH_AUTOGRADER_WORK (default ROOT/work).
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from . import markers, proc
from .tasks import Manifest

REGIONS_FILE = "grader/autograder-regions.json"  # written by make-autograder, in the packed tree only
ANCHOR_LINES = 3
MAX_FILE = 4 << 20  # bytes of one submitted file


def is_test_file(path: str) -> bool:
    return "/tests/" in "/" + path


def student_files(manifest: Manifest) -> List[str]:
    seen: List[str] = []
    for task in manifest.tasks:
        for f in task.files:
            if f not in seen:
                seen.append(f)
    return seen


# --------------------------------------------------------------- splicing

def segments(reference_text: str, path: str) -> Dict[str, List[str]]:
    """The handout text of a file with regions, cut at its stubs: fixed[0] stub[0] fixed[1] ... fixed[n]."""
    regions, errors = markers.parse(reference_text, path)
    if errors:
        raise ValueError("\n".join(errors))
    lines = reference_text.split("\n")
    fixed: List[str] = []
    stubs: List[str] = []
    position = 0
    for region in sorted(regions, key=lambda r: r.begin):
        fixed.append("\n".join(lines[position: region.begin - 1]))
        stubs.append(region.replacement)
        position = region.end
    fixed.append("\n".join(lines[position:]))
    return {"fixed": fixed, "stubs": stubs}


def _nonblank(lines: Sequence[str]) -> List[str]:
    return [l.strip() for l in lines if l.strip()]


def _find(haystack: List[str], needle: List[str], start: int) -> Optional[Tuple[int, int]]:
    """The first (begin, end) of lines haystack[begin:end] that are, without blank lines, `needle`."""
    if not needle:
        return (start, start)
    for begin in range(start, len(haystack)):
        if haystack[begin].strip() != needle[0]:
            continue
        k, i = 0, begin
        while i < len(haystack) and k < len(needle):
            text = haystack[i].strip()
            if text:
                if text != needle[k]:
                    break
                k += 1
            i += 1
        if k == len(needle):
            return (begin, i)
    return None


def splice(submitted: str, seg: Dict[str, List[str]], path: str = "") -> Tuple[str, List[str]]:
    """The pristine file with each region taken from `submitted`; notes for the regions left as stubs."""
    fixed, stubs = seg["fixed"], seg["stubs"]
    sub = submitted.split("\n")
    notes: List[str] = []
    out: List[str] = [fixed[0]]
    position = 0
    for k, stub in enumerate(stubs):
        before_all = _nonblank(fixed[k].split("\n"))
        after_all = _nonblank(fixed[k + 1].split("\n"))
        found_before = found_after = None
        # The longest anchors that are found (an edit next to a region shortens them).
        for n in range(ANCHOR_LINES, 0, -1):
            before = before_all[-n:]
            found_before = _find(sub, before, position) if before else (position, position)
            if found_before is not None:
                break
        if found_before is not None:
            for n in range(ANCHOR_LINES, 0, -1):
                after = after_all[:n]
                found_after = _find(sub, after, found_before[1]) if after else (len(sub), len(sub))
                if found_after is not None:
                    break
        if found_before is None or found_after is None:
            what = "the lines before it" if found_before is None else "the lines after it"
            line = len("\n".join(out).split("\n")) + 1
            notes.append(f"{path}: solution region {k + 1} (line {line} of the original): {what} were not found "
                         f"in your file, so its stub was used")
            out.append(stub)
        else:
            out.append("\n".join(sub[found_before[1]:found_after[0]]).rstrip("\n") or stub)
            position = found_after[0]
        out.append(fixed[k + 1])
    return "\n".join(out), notes


# --------------------------------------------------------------- installing a submission

def find_submission_root(submission: str, paths: Sequence[str]) -> str:
    """The directory of the submission that holds the most solution files (a repository may sit one level down)."""
    best, best_count = submission, -1
    candidates = [submission]
    for dirpath, dirnames, _ in os.walk(submission):
        depth = os.path.relpath(dirpath, submission).count(os.sep)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("build", "node_modules"))
        if depth >= 2:
            dirnames[:] = []
        for d in dirnames:
            candidates.append(os.path.join(dirpath, d))
    for candidate in candidates:
        count = sum(1 for p in paths if os.path.isfile(os.path.join(candidate, p)))
        if count > best_count:
            best, best_count = candidate, count
    return best


@dataclass
class Installed:
    root: str = ""
    copied: List[str] = field(default_factory=list)
    spliced: List[str] = field(default_factory=list)
    missing: List[str] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)


def install(work: str, submission: str, manifest: Manifest, regions: Dict[str, Dict[str, List[str]]]) -> Installed:
    """Puts the submission's solution files into the pristine tree `work`."""
    paths = student_files(manifest)
    result = Installed(root=find_submission_root(submission, paths))
    for path in paths:
        source = os.path.join(result.root, path)
        data = proc.read_plain_file(source, MAX_FILE)
        if data is None:
            result.missing.append(path)
            why = "missing" if not os.path.lexists(source) else "not a plain file of at most 4 MiB"
            result.notes.append(f"{path}: {why} in the submission: the handout's version (with its stubs) was used")
            continue
        target = os.path.join(work, path)
        if is_test_file(path):
            seg = regions.get(path)
            if seg is None:
                result.notes.append(f"{path}: the autograder has no region map for it: the pristine file was used")
                continue
            text, notes = splice(data.decode("utf-8", errors="replace"), seg, path)
            result.notes.extend(notes)
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
            result.spliced.append(path)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(data)
            result.copied.append(path)
    return result


def load_regions(tree: str) -> Dict[str, Dict[str, List[str]]]:
    try:
        with open(os.path.join(tree, REGIONS_FILE), encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def copy_tree(source: str, target: str) -> None:
    if os.path.lexists(target):
        shutil.rmtree(target)
    shutil.copytree(source, target, symlinks=True,
                    ignore=shutil.ignore_patterns("build", "__pycache__", ".git"))
    os.chmod(target, 0o755)
