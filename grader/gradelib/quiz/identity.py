"""Whose quiz this is: the repository's identity, normalised to `owner/name`.

In order, the first that gives one wins:
1. `--identity OWNER/NAME` (an instructor or TA looking at a student's quiz);
2. the environment variable MINITORCH_QUIZ_IDENTITY (the same, for scripts);
3. the file grader/quiz-identity (the reference edition pins its identity there,
   so that its answer files score 100% on any clone; make-handout leaves it out);
4. GITHUB_REPOSITORY (GitHub Actions, so GitHub Classroom: the student's repository);
5. `git remote get-url origin` (a student's clone of that same repository);
6. the `identity =` line of the answer file (Gradescope, whose submissions have
   no git remote; `grader/quiz show` fills that line in).
"""
from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from typing import Optional

ENV = "MINITORCH_QUIZ_IDENTITY"
PIN_FILE = "grader/quiz-identity"
_OWNER_NAME = re.compile(r"^[a-z0-9_.-]+/[a-z0-9_.-]+$")


@dataclass
class Identity:
    name: str  # owner/name, lower case
    source: str  # where it came from, for the report


def normalise(text: str) -> Optional[str]:
    """owner/name from `Owner/Name`, a GitHub URL (https, ssh, scp-like) or a path; None if none."""
    text = text.strip().rstrip("/")
    if not text:
        return None
    if text.endswith(".git"):
        text = text[:-4]
    text = re.sub(r"^[a-z+]+://", "", text, flags=re.I)  # https://, ssh://, file://
    text = re.sub(r"^[^@/]+@", "", text)  # git@
    text = text.replace(":", "/")
    parts = [p for p in text.split("/") if p]
    if len(parts) < 2:
        return None
    name = f"{parts[-2]}/{parts[-1]}".lower()
    return name if _OWNER_NAME.match(name) else None


def _read_pin(root: str) -> Optional[str]:
    try:
        with open(os.path.join(root, PIN_FILE), encoding="utf-8") as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if line:
                    return normalise(line)
    except OSError:
        return None
    return None


def _git(root: str, *args: str) -> Optional[str]:
    try:
        done = subprocess.run(["git", "-C", root, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", errors="replace").strip() if done.returncode == 0 else None


def _origin(root: str) -> Optional[str]:
    """The origin remote of the checkout whose top is `root` (not of a repository around it)."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None or os.path.realpath(top) != os.path.realpath(root):
        return None
    url = _git(root, "remote", "get-url", "origin")
    return normalise(url) if url else None


def pinned(root: str) -> bool:
    """True in the reference edition (it has grader/quiz-identity)."""
    return _read_pin(root) is not None


def derive(root: str, override: Optional[str] = None, from_file: Optional[str] = None) -> Optional[Identity]:
    """The identity (see the module's text), or None when nothing gives one."""
    candidates = [
        (override, "--identity"),
        (os.environ.get(ENV), ENV),
        (None, PIN_FILE),
        (os.environ.get("GITHUB_REPOSITORY"), "GITHUB_REPOSITORY"),
        (None, "git remote origin"),
        (from_file, "the identity line of the answer file"),
    ]
    for value, source in candidates:
        if source == PIN_FILE:
            name = _read_pin(root)
        elif source == "git remote origin":
            name = _origin(root)
        else:
            name = normalise(value) if value else None
        if name:
            return Identity(name, source)
    return None
