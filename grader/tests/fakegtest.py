"""A fake GoogleTest program, for testing the grader without compiling C++.

write_program(path, tests) writes an executable Python script that behaves
like a gtest + RapidCheck test program: `--gtest_list_tests`, `--gtest_filter`
(`Suite.*` or `Suite.Name`), `--gtest_output=json:FILE` (written only when the
program reaches its end), the console format of GoogleTest 1.12, and
RapidCheck's reproduce line at exit. Each test is (suite, name, behaviour):

    pass | fail:<message> | skip:<message> | notimpl:<task> | rcfail | rcnotimpl:<task>
    segv | abort | hang | exit:<status> | print-then-segv
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
    if failure is not None:
        status = "fail"
        print(failure.replace("\n", ": Failure\n", 1), flush=True)
        print("[  FAILED  ] %s (0 ms)" % full, flush=True)
    elif status == "skip":
        print("[  SKIPPED ] %s (0 ms)" % full, flush=True)
    else:
        print("[       OK ] %s (0 ms)" % full, flush=True)
    results[full] = (suite, name, status, failure)
if out:
    suites = {}
    for full, (suite, name, status, failure) in results.items():
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


def write_program(path: str, tests: Sequence[Tuple[str, str, str]]) -> str:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = _SCRIPT.replace("__PYTHON__", sys.executable).replace("__TESTS__", repr([tuple(t) for t in tests]))
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
