"""Configuring and building the cumulative build (modules 0..N) that the grader runs.

    cmake -S <root> -B <builddir> -DMINITORCH_MODULE=N -DCMAKE_BUILD_TYPE=Grade \
          -DMINITORCH_CUDA=AUTO|OFF [-G Ninja]
    cmake --build <builddir> --target <programs> --parallel J

<programs> are the test programs the graded tasks run (targets_for): one
task's rebuild after an edit compiles only what its own program needs, not
every module's tests (`all_tests`, the default when none is named).

The GPU (nvcc) backend is built only where a GPU is present (AUTO): elsewhere
the CUDA tasks are graded on the simulator, and compiling the kernels with
nvcc as well would only slow a student's rebuild down.

One build directory serves every module: grading module 1 after module 0
reconfigures it with another MINITORCH_MODULE and reuses module 0's objects.
Configure is skipped when the directory was last configured by the grader for
the same root, module and set of module directories (`cmake --build` re-runs
CMake by itself when a CMakeLists.txt changes).

The compiler runs on the student's sources, so the build has limits too: a
timeout (MINITORCH_GRADER_BUILD_TIMEOUT seconds, default 3600) and a memory
limit per process (MINITORCH_GRADER_BUILD_MEMORY_MB, default 8192; 0: none),
after which it fails with a message, and its output is kept capped (proc.py).
It runs as the grader's user, not sandbox.py's account: an `#include` of a
file that user can read shows in the compiler's errors.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, List, Optional, Sequence

from . import proc
from .sandbox import TOKEN_VAR, Limits, Sandbox, new_token

BUILD_TYPE = "Grade"  # -O2, no debug information: fast rebuilds (CMakeLists.txt)
TARGET = "all_tests"
STAMP = ".minitorch-grade.json"
_ERROR_RE = re.compile(r"(\berror\b:|\bError\b:|CMake Error|undefined reference to|"
                       r"No rule to make target|ninja: error|make(\[\d+\])?: \*\*\*|fatal error)")


@dataclass
class BuildResult:
    ok: bool
    module: int
    output: str = ""
    stage: str = ""  # "configure" or "build": where it failed
    seconds: float = 0.0
    configured: bool = False  # configure ran this time
    commands: List[List[str]] = field(default_factory=list)

    root: str = ""

    @property
    def kind(self) -> str:
        """"CMake" when CMake failed (also when `cmake --build` re-ran it), else "compile"."""
        return "CMake" if self.stage == "configure" or "CMake Error" in self.output else "compile"

    @property
    def errors(self) -> List[str]:
        return first_errors(self.output, root=self.root or None)


def module_dirs(root: str) -> List[str]:
    return sorted(d for d in os.listdir(root)
                  if re.match(r"^module\d+$", d) and os.path.isfile(os.path.join(root, d, "CMakeLists.txt")))


def cache_value(builddir: str, key: str) -> Optional[str]:
    try:
        with open(os.path.join(builddir, "CMakeCache.txt"), encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return line.split("=", 1)[1].rstrip("\n") if "=" in line else ""
    except OSError:
        return None
    return None


def gpu_present() -> bool:
    """True when an NVIDIA GPU answers `nvidia-smi -L` (MINITORCH_GRADE_GPU=0/1 overrides)."""
    forced = os.environ.get("MINITORCH_GRADE_GPU")
    if forced in ("0", "1"):
        return forced == "1"
    if not shutil.which("nvidia-smi"):
        return False
    done = proc.run(["nvidia-smi", "-L"], timeout=30)
    return done.returncode == 0 and "GPU" in (done.output or "")


def cuda_mode() -> str:
    """MINITORCH_CUDA for the grader's build: AUTO with a GPU, else OFF."""
    return "AUTO" if gpu_present() else "OFF"


def _stamp(root: str, module: int) -> dict:
    return {"root": os.path.realpath(root), "module": module, "modules": module_dirs(root), "build_type": BUILD_TYPE}


def _read_stamp(builddir: str) -> Optional[dict]:
    try:
        with open(os.path.join(builddir, STAMP), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def needs_configure(root: str, builddir: str, module: int, cuda: str = "OFF") -> bool:
    if not os.path.isfile(os.path.join(builddir, "CMakeCache.txt")):
        return True
    if not any(os.path.isfile(os.path.join(builddir, f)) for f in ("build.ninja", "Makefile")):
        return True
    # Someone may have run CMake by hand in this directory since: trust the cache, not only the stamp.
    if cache_value(builddir, "MINITORCH_MODULE") != str(module) or \
            cache_value(builddir, "CMAKE_BUILD_TYPE") != BUILD_TYPE or \
            cache_value(builddir, "MINITORCH_CUDA") != cuda:
        return True
    return _read_stamp(builddir) != _stamp(root, module)


def _env_number(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    return int(text) if text.isdigit() else default


def build_sandbox() -> Sandbox:
    memory = _env_number("MINITORCH_GRADER_BUILD_MEMORY_MB", 8192)
    return Sandbox(limits=Limits(memory=memory << 20, file_size=0, output=0, processes=0))


def targets_for(tasks: Iterable[Any]) -> List[str]:
    """The test programs that grading `tasks` runs: each graded task's program
    and its mutation program, in a stable order (all_tests when there is none)."""
    names: List[str] = []
    for task in tasks:
        if not task.graded:
            continue
        for name in (task.binary, task.mutation.binary if task.mutation else ""):
            if name and name not in names:
                names.append(name)
    return names or [TARGET]


def build(root: str, builddir: str, module: int, jobs: Optional[int] = None,
          on_line: Optional[Callable[[str], None]] = None,
          targets: Optional[Sequence[str]] = None) -> BuildResult:
    """Configures (when needed) and builds the test programs of modules 0..module
    (`targets`, default all_tests: every test program)."""
    start = time.monotonic()
    result = BuildResult(ok=False, module=module, root=root)
    outputs: List[str] = []
    os.makedirs(builddir, exist_ok=True)
    stamp_path = os.path.join(builddir, STAMP)

    home = cache_value(builddir, "CMAKE_HOME_DIRECTORY")
    if home is not None and os.path.realpath(home) != os.path.realpath(root):
        # The build directory was made for a source tree that has moved: CMake
        # refuses to reuse its cache. Start the configuration afresh.
        outputs.append(f"-- {builddir} was configured for {home}; configuring it again for {root}\n")
        os.remove(os.path.join(builddir, "CMakeCache.txt"))
        shutil.rmtree(os.path.join(builddir, "CMakeFiles"), ignore_errors=True)

    cuda = cuda_mode()
    if needs_configure(root, builddir, module, cuda):
        result.configured = True
        if os.path.exists(stamp_path):
            os.remove(stamp_path)
        cmd = ["cmake", "-S", root, "-B", builddir, f"-DMINITORCH_MODULE={module}",
               f"-DCMAKE_BUILD_TYPE={BUILD_TYPE}", f"-DMINITORCH_CUDA={cuda}"]
        if (not os.path.isfile(os.path.join(builddir, "CMakeCache.txt")) and shutil.which("ninja")
                and not os.environ.get("CMAKE_GENERATOR")):
            cmd += ["-G", "Ninja"]
        result.commands.append(cmd)
        done = proc.run(cmd, on_line=on_line)
        outputs.append(done.output or done.error)
        if done.returncode != 0:
            result.stage = "configure"
            result.output = "".join(outputs)
            result.seconds = time.monotonic() - start
            return result
        with open(stamp_path, "w", encoding="utf-8") as f:
            json.dump(_stamp(root, module), f)

    cmd = ["cmake", "--build", builddir, "--target", *(targets or [TARGET]),
           "--parallel", str(jobs or default_jobs())]
    result.commands.append(cmd)
    timeout = _env_number("MINITORCH_GRADER_BUILD_TIMEOUT", 3600)
    # Ninja starts each compiler in a process group of its own: the token finds them all.
    token = new_token()
    env = dict(os.environ, **{TOKEN_VAR: token})
    done = proc.run(cmd, on_line=on_line, timeout=timeout or None, sandbox=build_sandbox(), env=env, token=token)
    outputs.append(done.output or done.error)
    if done.timed_out:
        outputs.append(f"\nerror: the build took longer than {timeout} s and was stopped "
                       "(MINITORCH_GRADER_BUILD_TIMEOUT)\n")
    result.output = "".join(outputs)
    result.seconds = time.monotonic() - start
    if done.returncode != 0:
        result.stage = "build"
        return result
    result.ok = True
    return result


def default_jobs() -> int:
    env = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


_SOURCE_DISPLAY_RE = re.compile(r"^\s*(\d+\s*)?\|")  # GCC's `   11 |   return x;` and `      |  ^~~`


def first_errors(output: str, limit: int = 20, root: Optional[str] = None) -> List[str]:
    """The first compiler/linker/CMake errors of a build log, with a little context.

    Each error line comes with what explains it: the "In function" line before
    it, the source lines and carets GCC prints after it, the message of a CMake
    error. At most `limit` lines; paths under `root` are shown relative to it.
    """
    if root:
        output = output.replace(os.path.realpath(root).rstrip("/") + "/", "")
        output = output.replace(os.path.abspath(root).rstrip("/") + "/", "")
    lines = output.splitlines()
    picked: List[str] = []
    taken = set()
    for i, line in enumerate(lines):
        if len(picked) >= limit:
            break
        if not _ERROR_RE.search(line) or i in taken:
            continue
        # GCC's "In function" / "In file included from" lines just before an error say where it is.
        if i > 0 and (i - 1) not in taken and re.search(r"(In (member )?function|In instantiation of|"
                                                         r"In file included from|required from)", lines[i - 1]):
            picked.append(lines[i - 1])
            taken.add(i - 1)
        end = i + 1
        while end < len(lines) and end < i + 8 and _SOURCE_DISPLAY_RE.match(lines[end]):
            end += 1
        if "CMake Error" in line:
            # The message: the lines after it, up to the blank line that ends it.
            end, seen_text = i + 1, False
            while end < len(lines) and end < i + 10:
                if lines[end].strip() == "":
                    if seen_text:
                        break
                else:
                    seen_text = True
                end += 1
        for j in range(i, min(end, len(lines))):
            if j in taken:
                continue
            if j > i and _ERROR_RE.search(lines[j]):
                break
            picked.append(lines[j])
            taken.add(j)
    if not picked:
        picked = [l for l in lines if l.strip()][-limit:]
    return picked[:limit]
