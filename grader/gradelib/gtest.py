"""Reading what a GoogleTest (+ RapidCheck) program says about its tests.

Three sources, from the most to the least structured:
- `--gtest_list_tests` output: which tests a filter selects (the total);
- the `--gtest_output=json:FILE` report: status and failure messages, written
  only when the program reaches its end (absent after a crash or a timeout);
- the console output (stdout and stderr together): the `[ RUN      ]` /
  `[       OK ]` / `[  FAILED  ]` / `[  SKIPPED ]` lines (the test that was
  running when the program died), skip messages (not in the JSON report of
  GoogleTest 1.12) and RapidCheck's `RC_PARAMS="reproduce=..."` line, which it
  prints at exit and never puts in the report.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

PASS, FAIL, SKIP, NOTRUN = "PASS", "FAIL", "SKIP", "NOTRUN"
LINE_WIDTH = 600  # characters of a line a summary shows

_RUN_RE = re.compile(r"^\[ RUN      \] (\S+)")
_END_RE = re.compile(r"^\[ +(OK|FAILED|SKIPPED) +\] (\S+)(?: \((\d+) ms\))?")
# RapidCheck's reproduce string is base64 in its own alphabet: nothing else is taken.
_REPRODUCE_RE = re.compile(r'RC_PARAMS="reproduce=[A-Za-z0-9_+/=-]*"')
_NOT_IMPLEMENTED_RE = re.compile(r"(Task \S+ not implemented: .*?(?:Replace the MT_TODO line with your solution\.|$))", re.MULTILINE)


@dataclass
class TestResult:
    name: str  # Suite.Test
    status: str = NOTRUN  # PASS | FAIL | SKIP | NOTRUN
    message: str = ""


def parse_list(output: str) -> List[str]:
    """Test names (Suite.Test) from `--gtest_list_tests` output; DISABLED_ tests are left out."""
    names: List[str] = []
    suite = None
    for raw in output.splitlines():
        line = raw.split("#", 1)[0].rstrip()  # `  Name  # GetParam() = 3`
        if not line.strip():
            continue
        if not raw.startswith(" "):
            suite = line.strip()[:-1] if line.strip().endswith(".") else None
            continue
        if suite is None:
            continue
        name = line.strip()
        if suite.startswith("DISABLED_") or name.startswith("DISABLED_"):
            continue
        names.append(f"{suite}.{name}")
    return names


@dataclass
class Console:
    """What the console output says."""
    order: List[str] = field(default_factory=list)  # tests in the order they started
    results: Dict[str, TestResult] = field(default_factory=dict)
    running: Optional[str] = None  # started and never finished (the program died in it)
    reproduce: Optional[str] = None  # RC_PARAMS="reproduce=..."


def parse_console(output: str) -> Console:
    console = Console()
    body: List[str] = []
    for line in output.splitlines():
        run = _RUN_RE.match(line)
        if run:
            name = run.group(1)
            console.order.append(name)
            console.results[name] = TestResult(name)
            console.running = name
            body = []
            continue
        end = _END_RE.match(line)
        if end and console.running is not None and end.group(2) == console.running:
            kind = end.group(1)
            status = {"OK": PASS, "FAILED": FAIL, "SKIPPED": SKIP}[kind]
            message = "\n".join(body).strip("\n")
            if status == SKIP:
                message = skip_message(message)
            console.results[console.running] = TestResult(console.running, status, message if status != PASS else "")
            console.running = None
            body = []
            continue
        reproduce = _REPRODUCE_RE.search(line)
        if reproduce:
            console.reproduce = reproduce.group(0)
        if console.running is not None:
            body.append(line)
    if console.running is not None:  # what the test printed before the program died
        console.results[console.running].message = "\n".join(body).strip("\n")
    return console


def skip_message(text: str) -> str:
    """`file:line: Skipped\\nno CUDA device` -> `no CUDA device`."""
    lines = [l for l in text.splitlines() if l.strip()]
    kept = [l for l in lines if not re.search(r":\d+: Skipped$", l) and l.strip() != "Skipped"]
    return "\n".join(kept).strip()


def parse_report(text: str) -> Dict[str, TestResult]:
    """Results from a `--gtest_output=json` report. Raises ValueError when it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("testsuites"), list):
        raise ValueError("not a GoogleTest JSON report")
    results: Dict[str, TestResult] = {}
    for suite in data["testsuites"]:
        for test in suite.get("testsuite", []):
            name = f"{suite.get('name', '')}.{test.get('name', '')}"
            if name in results:
                raise ValueError(f"it lists {name} twice")
            failures = [f.get("failure", "") for f in test.get("failures", []) if isinstance(f, dict)]
            status_field = test.get("status", "RUN")
            result_field = test.get("result", "COMPLETED")
            if failures:
                status = FAIL
            elif status_field == "NOTRUN" or result_field == "SUPPRESSED":
                status = NOTRUN
            elif result_field == "SKIPPED":
                status = SKIP
            else:
                status = PASS
            message = "\n\n".join(f.rstrip("\n") for f in failures)
            if status == SKIP:
                skipped = test.get("skipped")
                if isinstance(skipped, list):  # newer GoogleTest versions
                    message = "\n".join(s.get("message", "") for s in skipped if isinstance(s, dict)).strip()
                message = skip_message(message)
            results[name] = TestResult(name, status, message)
    return results


def not_implemented(message: str) -> Optional[str]:
    """The NotImplemented sentence of a failure message, or None."""
    if "not implemented" not in message:
        return None
    match = _NOT_IMPLEMENTED_RE.search(message)
    if match:
        sentence = match.group(1).strip()
        for tail in ('" thrown in the test body.', '" thrown in SetUp().', '" thrown in TearDown().'):
            if sentence.endswith(tail):
                sentence = sentence[: -len(tail)]
        return sentence
    for line in message.splitlines():
        if "not implemented" in line:
            return line.strip()
    return None


def is_rapidcheck_failure(message: str) -> bool:
    return "Falsifiable after" in message or "Gave up after" in message
