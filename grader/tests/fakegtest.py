"""A fake GoogleTest program, for testing the grader without compiling C++.

write_program(path, tests) writes an executable Python script that behaves
like a gtest + RapidCheck test program: `--gtest_list_tests`, `--gtest_filter`
(`Suite.*` or `Suite.Name`), `--gtest_output=json:FILE` (written only when the
program reaches its end), the console format of GoogleTest 1.12, and
RapidCheck's reproduce line at exit. Each test is (suite, name, behaviour):

    pass | fail:<message> | skip:<message> | notimpl:<task> | rcfail | rcnotimpl:<task>
    segv | abort | hang | exit:<status> | print-then-segv

and the hostile ones, each harmless even without the grader's limits:

    fakeok        prints its own `[       OK ]` line, then _exit(0)
    fakeok-fail   prints a fake `[       OK ]` line, then fails
    fakerc        prints a forged RapidCheck reproduce line (with shell code), passes
    alloc         maps 10 GB (private, never touched: no memory is used) and fails
                  with std::bad_alloc when it cannot; passes when it can
    forkloop      forks up to 40 children that leave the process group (setsid) and
                  sleep, writing their pids to $FAKE_PIDS, then hangs
    flood         writes output without end (1000-character lines)
    longline      writes 1 MB without a newline, then fails
    bigfile       writes a 4 MB file in its working directory; fails if it cannot
    limits        fails with a message of its uid, limits and working directory

FAKE_EXIT_STATUS overrides the exit status; FAKE_REPORT=missing|dup|allpass
makes the report lack the last test, list the first twice, or say every test
passed.
"""
from __future__ import annotations

import os
import stat
import sys
from typing import List, Sequence, Tuple

_SCRIPT = r'''#!__PYTHON__
import json, os, signal, sys, time
TESTS = __TESTS__
args = sys.argv[1:]
flt = "*"
out = None
listing = False
for a in args:
    if a.startswith("--gtest_filter="): flt = a.split("=", 1)[1]
    elif a.startswith("--gtest_output=json:"): out = a.split(":", 1)[1]
    elif a == "--gtest_list_tests": listing = True
def match(suite, name):
    if flt in ("*", ""): return True
    s, _, n = flt.partition(".")
    return s == suite and (n in ("*", "") or n == name)
selected = [t for t in TESTS if match(t[0], t[1])]
print("Running main() from ./googletest/src/gtest_main.cc", flush=True)
if listing:
    last = None
    for suite, name, _ in selected:
        if suite != last:
            print(suite + ".")
            last = suite
        print("  " + name)
    sys.exit(0)
def notimpl(task, fn):
    return ("Task %s not implemented: double minitorch::%s(double) (module0/include/minitorch/operators.h:42). "
            "Replace the MT_TODO line with your solution." % (task, fn))
results = {}
rc_failed = False
print("[==========] Running %d tests" % len(selected), flush=True)
for suite, name, what in selected:
    full = suite + "." + name
    print("[ RUN      ] " + full, flush=True)
    status, failure = "pass", None
    if what == "pass":
        pass
    elif what.startswith("fail:"):
        failure = "module0/tests/test.cpp:10\n" + what[5:]
    elif what.startswith("skip:"):
        status = "skip"
        print("module0/tests/test.cpp:12: Skipped\n" + what[5:], flush=True)
    elif what.startswith("notimpl:"):
        failure = ('unknown file\nC++ exception with description "%s" thrown in the test body.'
                   % notimpl(what[8:], name.lower()))
    elif what == "rcfail":
        rc_failed = True
        failure = ("/usr/include/rapidcheck/gtest.h:29\nFailed\nFalsifiable after 3 tests and 2 shrinks\n\n"
                   "std::tuple<double>:\n(-1)\n\nmodule0/tests/test.cpp:20:\nRC_ASSERT(relu(x) >= 0)\n\n"
                   "Expands to:\n-1 >= 0\n")
    elif what.startswith("rcnotimpl:"):
        rc_failed = True
        failure = ("/usr/include/rapidcheck/gtest.h:29\nFailed\nFalsifiable after 1 tests\n\ndouble:\n-100\n\n"
                   "Exception thrown with message:\n" + notimpl(what[10:], name.lower()) + "\n")
    elif what == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif what == "print-then-segv":
        print("==1234==ERROR: AddressSanitizer: heap-buffer-overflow", flush=True)
        os.kill(os.getpid(), signal.SIGSEGV)
    elif what == "abort":
        os.kill(os.getpid(), signal.SIGABRT)
    elif what == "hang":
        time.sleep(3600)
    elif what.startswith("exit:"):
        sys.stdout.flush()
        os._exit(int(what[5:]))
    elif what == "fakeok":
        print("[       OK ] %s (0 ms)" % full, flush=True)
        os._exit(0)
    elif what == "fakeok-fail":
        print("[       OK ] %s (0 ms)" % full, flush=True)
        failure = "module0/tests/test.cpp:10\nthe real failure"
    elif what == "fakerc":
        print('RC_PARAMS="reproduce=$(touch /tmp/pwned)"', flush=True)
    elif what == "alloc":
        import mmap
        try:
            m = mmap.mmap(-1, 10 << 30, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
            m.close()
        except (OSError, MemoryError, OverflowError):
            failure = 'unknown file\nC++ exception with description "std::bad_alloc" thrown in the test body.'
    elif what == "forkloop":
        pids = []
        for _ in range(40):
            try:
                pid = os.fork()
            except OSError:
                break
            if pid == 0:
                os.setsid()
                time.sleep(120)
                os._exit(0)
            pids.append(pid)
            if os.environ.get("FAKE_PIDS"):
                with open(os.environ["FAKE_PIDS"], "a") as f:
                    f.write(" %d" % pid)
        print("forked %d" % len(pids), flush=True)
        time.sleep(3600)
    elif what == "flood":
        line = ("x" * 999 + "\n") * 64
        while True:
            sys.stdout.write(line)
    elif what == "longline":
        sys.stdout.write("y" * (1 << 20))
        failure = "module0/tests/test.cpp:10\nafter a long line"
    elif what == "bigfile":
        try:
            with open("big.bin", "wb") as f:
                for _ in range(4):
                    f.write(b"z" * (1 << 20))
        except OSError as e:
            failure = "module0/tests/test.cpp:10\n" + str(e)
    elif what == "limits":
        import resource
        data = resource.getrlimit(resource.RLIMIT_DATA)[0]
        fsize = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        nproc = resource.getrlimit(resource.RLIMIT_NPROC)[0]
        core = resource.getrlimit(resource.RLIMIT_CORE)[0]
        failure = ("module0/tests/test.cpp:10\nuid=%d data=%d fsize=%d nproc=%d core=%d cwd=%s tmpdir=%s home=%s"
                   % (os.getuid(), data, fsize, nproc, core, os.getcwd(), os.environ.get("TMPDIR"),
                      os.environ.get("HOME")))
    if failure is not None:
        status = "fail"
        print(failure.replace("\n", ": Failure\n", 1), flush=True)
        print("[  FAILED  ] %s (0 ms)" % full, flush=True)
    elif status == "skip":
        print("[  SKIPPED ] %s (0 ms)" % full, flush=True)
    else:
        print("[       OK ] %s (0 ms)" % full, flush=True)
    results[full] = (suite, name, status, failure)
mode = os.environ.get("FAKE_REPORT", "")
if mode == "allpass":
    results = {k: (v[0], v[1], "pass", None) for k, v in results.items()}
items = list(results.items())
if mode == "missing":
    items = items[:-1]
elif mode == "dup":
    items = items[:1] + items
if out:
    suites = {}
    for full, (suite, name, status, failure) in items:
        entry = {"name": name, "status": "RUN", "result": "SKIPPED" if status == "skip" else "COMPLETED",
                 "classname": suite}
        if failure:
            entry["failures"] = [{"failure": failure, "type": ""}]
        suites.setdefault(suite, []).append(entry)
    with open(out, "w") as f:
        json.dump({"tests": len(results), "testsuites": [{"name": s, "testsuite": t} for s, t in suites.items()]}, f)
if rc_failed:
    print("Some of your RapidCheck properties had failures. To reproduce these, run with:", file=sys.stderr)
    print('RC_PARAMS="reproduce=BYBVhN3aFAKE"', file=sys.stderr)
failed = any(r[2] == "fail" for r in results.values())
code = int(os.environ.get("FAKE_EXIT_STATUS", "1" if failed else "0"))
sys.exit(code)
'''


def write_program(path: str, tests: Sequence[Tuple[str, str, str]], python: str = "") -> str:
    """`python`: the interpreter of the program (default: this one)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = _SCRIPT.replace("__PYTHON__", python or sys.executable).replace("__TESTS__", repr([tuple(t) for t in tests]))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def tests_of(spec: str) -> List[Tuple[str, str, str]]:
    """'Task0_1.A=pass Task0_1.B=segv' -> [("Task0_1", "A", "pass"), ("Task0_1", "B", "segv")]."""
    out = []
    for item in spec.split():
        name, _, what = item.partition("=")
        suite, _, test = name.partition(".")
        out.append((suite, test, what))
    return out
