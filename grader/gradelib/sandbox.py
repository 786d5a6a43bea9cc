"""Limits and an unprivileged account for the test programs the grader runs.

A test program is the student's code linked with the tests: it may loop
forever, allocate 10 GB, fork in a loop, write gigabytes, or lie about its
results. What the grader does about it:

- resource limits set in the child before exec (setrlimit): RLIMIT_DATA, the
  memory it may allocate (default 4 GiB; RLIMIT_DATA rather than RLIMIT_AS,
  which breaks the CUDA driver's address-space reservations and OpenMP's
  per-thread malloc arenas); RLIMIT_FSIZE, the largest file it may write
  (default 1 GiB); RLIMIT_CORE 0 (no core dumps); and RLIMIT_NPROC (default
  1024 processes and threads) when it runs as the grader's own account (for a
  person's own account the count would include their browser and editor, and
  root ignores the limit);
- its console output is read with a cap: a program that writes more than the
  output limit (default 64 MiB) is killed, and only the head and the tail of
  what it wrote is kept (proc.py);
- each run gets a token in its environment; when the run ends (exit, crash or
  timeout) its process group is killed and so is every process that still
  carries the token (a child that left the group with setsid()), so nothing
  it started stays behind;
- as root (Gradescope, CI containers) the test programs run as an unprivileged
  account, `minitorch-grader`, created with useradd where it is missing, as
  Gradescope advises; where that is impossible the grader says so and runs
  them as root.

On a machine with an NVIDIA GPU the memory limit is off unless set (how the
CUDA driver's mappings fare under RLIMIT_DATA has not been tried on a GPU).
The limits come from the environment: MINITORCH_GRADER_MEMORY_MB,
MINITORCH_GRADER_FILE_MB, MINITORCH_GRADER_OUTPUT_MB, MINITORCH_GRADER_NPROC
(0 turns one off) and MINITORCH_GRADER_USER (the account; empty: none).

What this does not defend against: the student's code runs in the same
process as the tests, so it can do anything the test program can (a full
sandbox, with namespaces or a container, is the platform's job: Gradescope
and CI run each submission in a throw-away container). A child that clears
its environment and leaves the process group escapes the sweep (the NPROC
limit and the container bound it). The build itself (the compiler on the
student's sources) runs without these limits. How the grader decides which
test results to trust is described in grading.py.
"""
from __future__ import annotations

import os
import pwd
import resource
import secrets
import signal
import subprocess
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

MiB = 1 << 20
DEFAULT_USER = "minitorch-grader"
TOKEN_VAR = "MINITORCH_GRADER_RUN"


@dataclass
class Account:
    name: str
    uid: int
    gid: int


@dataclass
class Limits:
    memory: int = 4096 * MiB  # RLIMIT_DATA, bytes; 0: none
    file_size: int = 1024 * MiB  # RLIMIT_FSIZE, bytes; 0: none
    output: int = 64 * MiB  # console output before the program is killed; 0: none
    processes: int = 1024  # RLIMIT_NPROC, applied only with an account of its own; 0: none

    def describe(self) -> str:
        parts = []
        if self.memory:
            parts.append(f"memory {size(self.memory)}")
        if self.file_size:
            parts.append(f"files {size(self.file_size)}")
        if self.output:
            parts.append(f"output {size(self.output)}")
        return ", ".join(parts) or "none"


@dataclass
class Sandbox:
    """How to run a test program: its limits and the account it runs as (None: the grader's)."""
    limits: Limits = field(default_factory=Limits)
    account: Optional[Account] = None
    notes: List[str] = field(default_factory=list)  # what the grader should tell the user once

    def preexec(self) -> Callable[[], None]:
        limits = self.limits
        nproc = limits.processes if self.account is not None else 0

        def apply() -> None:  # runs in the child, between fork and exec
            _lower(resource.RLIMIT_CORE, 0)
            for what, value in ((resource.RLIMIT_DATA, limits.memory), (resource.RLIMIT_FSIZE, limits.file_size),
                                (resource.RLIMIT_NPROC, nproc)):
                if value:
                    _lower(what, value)
            # A write past RLIMIT_FSIZE then kills the program with SIGXFSZ (the default).
            signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
        return apply

    def env(self, base: Dict[str, str], token: str, home: Optional[str]) -> Dict[str, str]:
        env = dict(base)
        env[TOKEN_VAR] = token
        if home:
            env["HOME"] = home
            env["TMPDIR"] = home
        if self.account is not None:
            env["USER"] = env["LOGNAME"] = self.account.name
        return env


def _lower(what: int, value: int) -> None:
    soft, hard = resource.getrlimit(what)
    if hard != resource.RLIM_INFINITY and value > hard:
        value = hard
    try:
        resource.setrlimit(what, (value, hard))
    except (ValueError, OSError):
        pass


def size(n: int) -> str:
    if n % (1 << 30) == 0:
        return f"{n >> 30} GiB"
    return f"{n / MiB:g} MiB"


def new_token() -> str:
    return secrets.token_hex(12)


def _env_int(name: str, default: int) -> int:
    text = os.environ.get(name)
    if text is None or text.strip() == "":
        return default
    try:
        value = int(text)
    except ValueError:
        return default
    return max(0, value)


def limits_from_env() -> Limits:
    base = Limits()
    return Limits(memory=_env_int("MINITORCH_GRADER_MEMORY_MB", base.memory // MiB) * MiB,
                  file_size=_env_int("MINITORCH_GRADER_FILE_MB", base.file_size // MiB) * MiB,
                  output=_env_int("MINITORCH_GRADER_OUTPUT_MB", base.output // MiB) * MiB,
                  processes=_env_int("MINITORCH_GRADER_NPROC", base.processes))


def _lookup(name: str) -> Optional[Account]:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return None
    return Account(name=name, uid=entry.pw_uid, gid=entry.pw_gid)


def account(create: bool = True) -> Tuple[Optional[Account], List[str]]:
    """The account to run test programs as, and notes for the user. None unless running as root."""
    if os.geteuid() != 0:
        return None, []
    name = os.environ.get("MINITORCH_GRADER_USER", DEFAULT_USER).strip()
    if not name or name == "root":
        return None, []
    found = _lookup(name)
    if found is None and create:
        try:
            done = subprocess.run(["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                                   "--shell", "/usr/sbin/nologin", "--user-group", name],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
            why = done.stdout.decode("utf-8", "replace").strip() or f"status {done.returncode}"
        except (OSError, subprocess.TimeoutExpired) as e:
            why = str(e)
        found = _lookup(name)
        if found is None:
            return None, [f"grader: cannot create the user {name} to run the test programs "
                          f"({why}): running them as root"]
    if found is None:
        return None, [f"grader: no user {name}: running the test programs as root"]
    if found.uid == 0:
        return None, []
    return found, []


def can_run(acct: Account, path: str) -> bool:
    """Whether `acct` can reach and execute `path` (the permission bits along the way)."""
    path = os.path.abspath(path)
    parts = path.split(os.sep)
    for i in range(1, len(parts) + 1):
        sub = os.sep.join(parts[:i]) or os.sep
        need = 0o5 if i == len(parts) else 0o1  # the program: read and execute; directories: search
        try:
            st = os.stat(sub)
        except OSError:
            return False
        if st.st_uid == acct.uid:
            mode = (st.st_mode >> 6) & 0o7
        elif st.st_gid == acct.gid:
            mode = (st.st_mode >> 3) & 0o7
        else:
            mode = st.st_mode & 0o7
        if mode & need != need:
            return False
    return True


def make(with_account: bool = True, gpu: bool = False) -> Sandbox:
    """The sandbox of this grader run: limits from the environment, the account as root.

    With a GPU (gpu=True) there is no memory limit unless MINITORCH_GRADER_MEMORY_MB
    sets one: the CUDA driver's mappings under RLIMIT_DATA are untested.
    """
    box = Sandbox(limits=limits_from_env())
    if gpu and not os.environ.get("MINITORCH_GRADER_MEMORY_MB", "").strip():
        box.limits.memory = 0
    if with_account:
        box.account, box.notes = account()
    return box


def sweep(token: str, rounds: int = 20) -> int:
    """Kills every process whose environment carries `token`; returns how many were killed."""
    needle = f"{TOKEN_VAR}={token}".encode()
    me = os.getpid()
    killed = 0
    for _ in range(rounds):
        found = []
        try:
            pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
        except OSError:
            return killed
        for pid in pids:
            if pid == me:
                continue
            try:
                with open(f"/proc/{pid}/environ", "rb") as f:
                    data = f.read()
            except OSError:
                continue
            if needle in data.split(b"\0"):
                found.append(pid)
        if not found:
            return killed
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
        time.sleep(0.02)
    return killed
