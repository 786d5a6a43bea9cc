"""Running a program in its own process group with a timeout, capturing its output.

stdout and stderr are captured together (in the order the program writes them).
On a timeout or an interrupt the whole process group is killed, so a test
program that forked or hangs leaves nothing behind.
"""
from __future__ import annotations

import collections
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from typing import Callable, Deque, Dict, List, Optional, Sequence

HEAD_BYTES = 4 << 20  # output kept from the start
TAIL_LINES = 2000  # and from the end, once the head is full


@dataclass
class Completed:
    returncode: Optional[int]  # negative: killed by that signal; None: could not start
    output: str
    timed_out: bool = False
    seconds: float = 0.0
    dropped_lines: int = 0
    error: str = ""  # why the program could not start

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
    def __init__(self, stream, on_line: Optional[Callable[[str], None]]):
        super().__init__(daemon=True)
        self.stream = stream
        self.on_line = on_line
        self.head: List[str] = []
        self.head_bytes = 0
        self.tail: Deque[str] = collections.deque(maxlen=TAIL_LINES)
        self.dropped = 0

    def run(self) -> None:
        for raw in iter(self.stream.readline, b""):
            line = raw.decode("utf-8", errors="replace")
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
        self.stream.close()

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
        timeout: Optional[float] = None, on_line: Optional[Callable[[str], None]] = None) -> Completed:
    """Runs cmd; returns its exit status and output. Re-raises KeyboardInterrupt after killing it."""
    start = time.monotonic()
    try:
        proc = subprocess.Popen(list(cmd), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env, cwd=cwd, start_new_session=True)
    except OSError as e:
        return Completed(returncode=None, output="", error=f"cannot run {cmd[0]}: {e.strerror or e}")
    reader = _Reader(proc.stdout, on_line)
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
        proc.wait()
        reader.join(timeout=2)
        raise
    reader.join(timeout=2)
    if reader.is_alive():
        # The program exited but something it started still holds the output
        # open: the group still exists (that process is in it), kill it.
        _kill_group(proc.pid)
        reader.join(timeout=5)
    return Completed(returncode=proc.returncode, output=reader.text(), timed_out=timed_out,
                     seconds=time.monotonic() - start, dropped_lines=reader.dropped)
