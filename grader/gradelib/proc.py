"""Running a program in its own process group with a timeout, capturing its output.

stdout and stderr are captured together (in the order the program writes them).
What is kept is capped: the first HEAD_BYTES, then the last TAIL_LINES lines,
each line at most MAX_LINE characters. With a sandbox (sandbox.py) the program
runs under its resource limits and account, and one that writes more than the
output limit is killed. When the program ends, times out or is interrupted, the
whole process group is killed (and, with a token, every process that carries
it), so a test program that forked or hangs leaves nothing behind.
"""
from __future__ import annotations

import collections
import os
import signal
import stat
import subprocess
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Deque, Dict, List, Optional, Sequence

from .sandbox import sweep

if TYPE_CHECKING:
    from .sandbox import Sandbox

HEAD_BYTES = 4 << 20  # output kept from the start
TAIL_LINES = 2000  # and from the end, once the head is full
MAX_LINE = 16 << 10  # characters kept of one line


@dataclass
class Completed:
    returncode: Optional[int]  # negative: killed by that signal; None: could not start
    output: str
    timed_out: bool = False
    seconds: float = 0.0
    dropped_lines: int = 0
    error: str = ""  # why the program could not start
    output_bytes: int = 0  # everything it wrote, kept or not
    output_exceeded: bool = False  # killed for writing more than the output limit

    @property
    def signal_name(self) -> Optional[str]:
        if self.returncode is None or self.returncode >= 0:
            return None
        return signal_name(-self.returncode)


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class _Reader(threading.Thread):
    """Reads the program's output in chunks: bounded memory whatever it writes."""

    def __init__(self, stream, on_line: Optional[Callable[[str], None]], limit: int = 0,
                 on_limit: Optional[Callable[[], None]] = None):
        super().__init__(daemon=True)
        self.stream = stream
        self.on_line = on_line
        self.head: List[str] = []
        self.head_bytes = 0
        self.tail: Deque[str] = collections.deque(maxlen=TAIL_LINES)
        self.dropped = 0
        self.total = 0
        self.limit = limit
        self.on_limit = on_limit
        self.exceeded = False
        self._partial = bytearray()
        self._cut = 0  # bytes left out of the current line

    def run(self) -> None:
        fd = self.stream.fileno()
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            self.total += len(chunk)
            if self.limit and self.total > self.limit and not self.exceeded:
                self.exceeded = True
                if self.on_limit is not None:
                    self.on_limit()
            parts = chunk.split(b"\n")
            for i, body in enumerate(parts):
                room = max(0, MAX_LINE - len(self._partial))
                if len(body) > room:
                    self._cut += len(body) - room
                    body = body[:room]
                self._partial += body
                if i < len(parts) - 1:  # a newline ended it
                    self._line(bytes(self._partial) + b"\n")
                    self._partial.clear()
        if self._partial:
            self._line(bytes(self._partial))
        self.stream.close()

    def _line(self, raw: bytes) -> None:
        line = raw.decode("utf-8", errors="replace")
        if self._cut:
            line = line.rstrip("\r\n") + f" [... {self._cut} characters of this line left out]\n"
            self._cut = 0
        if self.on_line is not None:
            try:
                self.on_line(line.rstrip("\r\n"))
            except Exception:  # a display problem must not stop the capture
                self.on_line = None
        if self.head_bytes < HEAD_BYTES:
            self.head.append(line)
            self.head_bytes += len(raw)
        else:
            if len(self.tail) == self.tail.maxlen:
                self.dropped += 1
            self.tail.append(line)

    def text(self) -> str:
        parts = list(self.head)
        if self.dropped:
            parts.append(f"\n[... {self.dropped} lines of output left out ...]\n")
        parts.extend(self.tail)
        return "".join(parts)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run(cmd: Sequence[str], *, env: Optional[Dict[str, str]] = None, cwd: Optional[str] = None,
        timeout: Optional[float] = None, on_line: Optional[Callable[[str], None]] = None,
        sandbox: Optional["Sandbox"] = None, token: Optional[str] = None) -> Completed:
    """Runs cmd; returns its exit status and output. Re-raises KeyboardInterrupt after killing it.

    With a sandbox: its limits and account; with a token (put in env by the
    caller, sandbox.TOKEN_VAR): every process carrying it is killed at the end.
    """
    start = time.monotonic()
    extra = {}
    if sandbox is not None:
        extra["preexec_fn"] = sandbox.preexec()
        if sandbox.account is not None:
            extra.update(user=sandbox.account.uid, group=sandbox.account.gid, extra_groups=[])
    try:
        proc = subprocess.Popen(list(cmd), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True, **extra)
    except (OSError, subprocess.SubprocessError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        who = f" as user {sandbox.account.name}" if sandbox is not None and sandbox.account is not None else ""
        return Completed(returncode=None, output="", error=f"cannot run {cmd[0]}{who}: {why}")
    limit = sandbox.limits.output if sandbox is not None else 0
    reader = _Reader(proc.stdout, on_line, limit, lambda: _kill_group(proc.pid))
    reader.start()
    timed_out = False
    try:
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(proc.pid)
            proc.wait()
    except BaseException:  # KeyboardInterrupt, SystemExit: leave no process behind
        _kill_group(proc.pid)
        if token:
            sweep(token)
        proc.wait()
        reader.join(timeout=2)
        raise
    if sandbox is not None or token:
        # Whatever the program started and left running dies with it.
        _kill_group(proc.pid)
        if token:
            sweep(token)
    reader.join(timeout=2)
    if reader.is_alive():
        # The program exited but something it started still holds the output
        # open: the group still exists (that process is in it), kill it.
        _kill_group(proc.pid)
        if token:
            sweep(token)
        reader.join(timeout=5)
    return Completed(returncode=proc.returncode, output=reader.text(), timed_out=timed_out,
                     seconds=time.monotonic() - start, dropped_lines=reader.dropped,
                     output_bytes=reader.total, output_exceeded=reader.exceeded)


def read_plain_file(path: str, limit: int) -> Optional[bytes]:
    """The bytes of a file an untrusted program or submission left: a plain file
    (not a link, a FIFO or a device), at most `limit` bytes; None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
    finally:
        os.close(fd)
    return data if len(data) <= limit else None
