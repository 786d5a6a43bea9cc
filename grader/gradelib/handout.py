"""Making the student handout from the reference edition.

The handout is the reference tree (tracked files, plus untracked files that git
does not ignore) without the maintainer tools, with every solution region
replaced by its stub, a student README generated from
scripts/handout/README.student.md.in and a GitHub Classroom workflow generated
from grader/tasks.json. Each quiz's answer file (kind "quiz") is written empty
(quiz/answers.py's template): the reference's answers never reach a handout,
nor does grader/quiz-identity, the reference's pinned quiz identity.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from . import classroom, markers
from .tasks import Manifest, format_points

# Maintainer-only files: never in the handout.
EXCLUDED_FILES = (
    "scripts/make-handout",
    "scripts/check-handout",
    "scripts/test",
    "scripts/make-autograder",
    "scripts/test-autograder",
    "scripts/test-classroom",
    "scripts/quiz-reference",
    "grader/quiz-identity",  # the reference edition's pinned quiz identity
    ".github/workflows/ci.yml",
    "README.md",  # replaced by the student README
    classroom.WORKFLOW_PATH,  # generated
)
EXCLUDED_DIRS = ("scripts/handout/", ".ci/", "grader/tests/")
README_TEMPLATE = "scripts/handout/README.student.md.in"
# Without git: what a walk of the tree leaves out (mirrors .gitignore).
WALK_SKIP_TOP = {"build", "out", "handout", ".git", ".ccache"}
WALK_SKIP_ANY = {"__pycache__", ".cache", ".git"}
COMMIT_MESSAGE = "MiniTorch C++ student handout"
GIT_IDENTITY = ["-c", "user.name=MiniTorch", "-c", "user.email=minitorch@localhost", "-c", "commit.gpgsign=false"]


class HandoutError(Exception):
    pass


def is_excluded(path: str) -> bool:
    return path in EXCLUDED_FILES or any(path.startswith(d) for d in EXCLUDED_DIRS)


def _git(root: str, *args: str) -> Optional[str]:
    try:
        done = subprocess.run(["git", "-C", root, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="surrogateescape")


def is_git_checkout(root: str) -> bool:
    top = _git(root, "rev-parse", "--show-toplevel")
    return top is not None and os.path.realpath(top.strip()) == os.path.realpath(root)


def list_sources(root: str, skip_under: Sequence[str] = ()) -> Tuple[List[str], bool]:
    """Every file of the reference tree (relative paths) and whether git listed them.

    With git: tracked files plus untracked files that are not ignored (a
    developer's new files). Without: a walk that skips build outputs.
    `skip_under` holds absolute directories to leave out (the handout itself).
    """
    skip_abs = [os.path.realpath(p) for p in skip_under]
    paths: List[str] = []
    used_git = False
    if is_git_checkout(root):
        tracked = _git(root, "ls-files", "-z", "--cached")
        others = _git(root, "ls-files", "-z", "--others", "--exclude-standard")
        if tracked is not None and others is not None:
            used_git = True
            paths = sorted({p for p in (tracked + others).split("\0") if p})
    if not used_git:
        for dirpath, dirnames, filenames in os.walk(root):
            rel_dir = os.path.relpath(dirpath, root)
            rel_dir = "" if rel_dir == "." else rel_dir
            dirnames[:] = sorted(d for d in dirnames
                                 if d not in WALK_SKIP_ANY and not (rel_dir == "" and d in WALK_SKIP_TOP))
            for name in filenames:
                if name.endswith((".pyc", ".pyo")):
                    continue
                paths.append(os.path.join(rel_dir, name) if rel_dir else name)
        paths.sort()
    result = []
    for path in paths:
        full = os.path.join(root, path)
        if not os.path.lexists(full) or (os.path.isdir(full) and not os.path.islink(full)):
            continue  # deleted but still in the index; a submodule
        real = os.path.realpath(full)
        if any(real == s or real.startswith(s + os.sep) for s in skip_abs):
            continue
        result.append(path)
    return result, used_git


def handout_sources(root: str, skip_under: Sequence[str] = ()) -> Tuple[List[str], bool]:
    paths, used_git = list_sources(root, skip_under)
    return [p for p in paths if not is_excluded(p)], used_git


def check_output_dir(out: str, root: str, force: bool) -> None:
    """Refuses an output directory that would destroy something."""
    out_real = os.path.realpath(out)
    root_real = os.path.realpath(root)
    home = os.path.realpath(os.path.expanduser("~"))
    if out_real == root_real or root_real.startswith(out_real.rstrip(os.sep) + os.sep):
        raise HandoutError(f"{out}: the output directory must not be the source tree or contain it")
    if out_real in (os.sep, home) or len([p for p in out_real.split(os.sep) if p]) < 2:
        raise HandoutError(f"{out}: refusing to write a handout into {out_real}")
    if os.path.lexists(out) and not os.path.isdir(out):
        raise HandoutError(f"{out}: exists and is not a directory")
    if os.path.isdir(out) and os.listdir(out) and not force:
        raise HandoutError(f"{out}: exists and is not empty (use --force to replace its contents)")
    if out_real.startswith(root_real + os.sep):
        # Inside the tree: only where no file of the reference lives (an ignored build directory).
        paths, used_git = list_sources(root)
        rel = os.path.relpath(out_real, root_real)
        holds = [p for p in paths if p == rel or p.startswith(rel + os.sep)]
        if holds and not (used_git and _all_untracked(root, holds)):
            raise HandoutError(f"{out}: holds files of the source tree ({holds[0]}, ...): "
                               f"write the handout somewhere else")


def _all_untracked(root: str, paths: Sequence[str]) -> bool:
    """True when git tracks none of `paths` (they are a previous handout written there)."""
    tracked = _git(root, "ls-files", "-z", "--cached", "--", *paths)
    return tracked is not None and tracked.strip("\0") == ""


def empty_dir(out: str) -> None:
    for name in os.listdir(out):
        path = os.path.join(out, name)
        if os.path.islink(path) or not os.path.isdir(path):
            os.unlink(path)
        else:
            shutil.rmtree(path)


def task_table(manifest: Manifest) -> str:
    rows = ["| Task | Title | Points | Where | Graded by |", "| --- | --- | ---: | --- | --- |"]
    for task in manifest.coding_tasks:
        files = "<br>".join(f"`{f}`" for f in task.files) or "-"
        graded = f"`grader/grade --task {task.id}`" if task.graded else "hand (to hand in, below)"
        title = task.title.replace("|", "\\|")
        rows.append(f"| {task.id} | {title} | {format_points(task.points)} | {files} | {graded} |")
    total = sum(t.points for t in manifest.coding_tasks)
    rows.append(f"| | **Total** | **{format_points(total)}** | | |")
    if manifest.quizzes:
        rows += ["", "The quizzes, one per module, beside the total above (`grader/quiz show N`, then "
                 "`grader/grade quiz N`):", "", "| Quiz | Title | Points | Your answers |", "| --- | --- | ---: | --- |"]
        rows += [f"| {t.id} | {t.title} | {format_points(t.points)} | `{t.files[0]}` |" for t in manifest.quizzes]
    manual = [t for t in manifest.tasks if t.kind == "manual"]
    if manual:
        rows += ["", "To hand in (graded by hand; `grader/grade` lists them as TO HAND IN and leaves them "
                 "out of its total):", ""]
        rows += [f"- **{t.id}** {t.title}: {t.hand_in or 'ask your instructor.'}" for t in manual]
    return "\n".join(rows)


def render_readme(template: str, manifest: Manifest) -> str:
    values = {
        "course": manifest.course,
        "task_table": task_table(manifest),
        "modules": ", ".join(str(m) for m in manifest.modules),
        "first_module": str(manifest.modules[0]) if manifest.modules else "0",
        "first_task": manifest.tasks[0].id if manifest.tasks else "0.1",
        "last_module": str(manifest.modules[-1]) if manifest.modules else "0",
        "total_points": format_points(sum(t.points for t in manifest.coding_tasks)),
        "quiz_points": format_points(sum(t.points for t in manifest.quizzes)),
        "seed": str(manifest.seed),
    }

    def substitute(match: "re.Match[str]") -> str:
        key = match.group(1).strip()
        if key not in values:
            raise HandoutError(f"{README_TEMPLATE}: unknown placeholder {{{{{key}}}}} "
                               f"(known: {', '.join(sorted(values))})")
        return values[key]

    return re.sub(r"\{\{([^{}]+)\}\}", substitute, template)


@dataclass
class Handout:
    out: str
    files: List[str] = field(default_factory=list)  # every file written (relative paths)
    stripped: Dict[str, int] = field(default_factory=dict)  # task id -> regions replaced
    stripped_files: List[str] = field(default_factory=list)
    used_git: bool = False
    committed: bool = False
    warnings: List[str] = field(default_factory=list)


def scan_reference(root: str, manifest: Manifest, skip_under: Sequence[str] = ()) \
        -> Tuple[List[str], bool, markers.Scan]:
    """The handout's source files and their solution regions (errors in scan.errors)."""
    sources, used_git = handout_sources(root, skip_under)
    scan = markers.scan_tree(root, sources, manifest)
    return sources, used_git, scan


def copy_file(src: str, dst: str) -> None:
    os.makedirs(os.path.dirname(dst) or ".", exist_ok=True)
    if os.path.islink(src):
        os.symlink(os.readlink(src), dst)
    else:
        shutil.copy2(src, dst)


def write_text(dst: str, text: str, mode_from: Optional[str] = None) -> None:
    os.makedirs(os.path.dirname(dst) or ".", exist_ok=True)
    with open(dst, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    if mode_from is not None:
        shutil.copymode(mode_from, dst)


def make(root: str, out: str, manifest: Manifest, force: bool = False, git: bool = True) -> Handout:
    """Writes the handout. Raises HandoutError (marker errors included) before touching OUT."""
    check_output_dir(out, root, force)
    sources, used_git, scan = scan_reference(root, manifest, skip_under=[out])
    if scan.errors:
        raise HandoutError("\n".join(scan.errors))
    template_path = os.path.join(root, README_TEMPLATE)
    try:
        with open(template_path, encoding="utf-8") as f:
            readme = render_readme(f.read(), manifest)
    except FileNotFoundError:
        raise HandoutError(f"{README_TEMPLATE}: not found") from None
    workflow = classroom.workflow(manifest)
    empty_answers = quiz_templates(manifest)

    os.makedirs(out, exist_ok=True)
    if os.listdir(out):
        empty_dir(out)
    handout = Handout(out=out, used_git=used_git, warnings=list(scan.warnings))
    for path in sources:
        src = os.path.join(root, path)
        dst = os.path.join(out, path)
        if path in empty_answers:
            write_text(dst, empty_answers.pop(path), mode_from=src)
        elif path in scan.regions:
            write_text(dst, scan.stripped(path), mode_from=src)
            handout.stripped_files.append(path)
            for region in scan.regions[path]:
                handout.stripped[region.task] = handout.stripped.get(region.task, 0) + 1
        else:
            copy_file(src, dst)
        handout.files.append(path)
    for path, text in empty_answers.items():  # a quiz whose answer file the reference lacks
        write_text(os.path.join(out, path), text)
        handout.files.append(path)
    write_text(os.path.join(out, "README.md"), readme)
    write_text(os.path.join(out, classroom.WORKFLOW_PATH), workflow)
    handout.files += ["README.md", classroom.WORKFLOW_PATH]
    handout.files.sort()

    if git:
        handout.committed = commit(out)
    return handout


def quiz_templates(manifest: Manifest) -> Dict[str, str]:
    """answer file -> its empty text, for every quiz of the manifest that the grader has questions for."""
    from .quiz import answers, cli
    bank = cli.quizzes()
    return {t.files[0]: answers.template(bank[t.module]) for t in manifest.quizzes if t.module in bank}


def commit(out: str) -> bool:
    """`git init` the handout with one commit (no history of solutions). False without git."""
    if shutil.which("git") is None:
        return False
    def run(*args: str) -> None:
        done = subprocess.run(["git", "-C", out, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if done.returncode != 0:
            raise HandoutError(f"git {' '.join(args)} failed in {out}:\n"
                               f"{done.stdout.decode('utf-8', errors='replace')}")
    run("-c", "init.defaultBranch=main", "init", "-q")
    run("add", "-A")
    run(*GIT_IDENTITY, "commit", "-q", "--no-verify", "-m", COMMIT_MESSAGE)
    return True
