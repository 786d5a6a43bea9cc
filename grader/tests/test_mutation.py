"""Mutation grading (gradelib/mutation.py) with fake test programs, and the
agreement of tasks.json with the wrong implementations in grader/mutants."""
import os
import re
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

import fakegtest  # noqa: E402
from gradelib import grading, mutation  # noqa: E402
from gradelib.tasks import ManifestError, Task, load, parse  # noqa: E402

MUTANTS = {"sig": "a wrong sigmoid", "lt": "a wrong lt", "mul": "a wrong mul"}

# A mutation program: runs the fake gtest program variants/<MINITORCH_MUTANT>
# (variants/default when there is none for the name) and logs what it saw.
# A shell script: one Python start-up per run is enough.
_DISPATCH = r'''#!/bin/sh
here=$(dirname "$0")
printf '%s|%s|%s\n' "$MINITORCH_MUTANT" "$RC_PARAMS" "$*" >> "$here/seen.log"
name=$(printf '%s' "$MINITORCH_MUTANT" | tr -d ' ')
[ -n "$name" ] || name=none
program="$here/variants/$name"
[ -e "$program" ] || program="$here/variants/default"
exec "$program" "$@"
'''


def make_task(mutants=None, suite="Task0_2", binary="test_module0"):
    spec = mutation.Spec(binary="test_mutants", suite="Task0_2", tests="your Task0_2 property tests",
                         mutants=[mutation.Mutant(n, w) for n, w in (mutants or MUTANTS).items()])
    return Task(id="0.2", module=0, title="Tests", points=10, kind="tests", suite=suite, binary=binary,
                timeout=30, files=["t.cpp"], mutation=spec)


class MutationGradeTest(unittest.TestCase):
    def setUp(self):
        self.build = tempfile.mkdtemp(prefix="grade-mutation-test-")
        self.addCleanup(shutil.rmtree, self.build)
        self.bin = os.path.join(self.build, "bin")
        os.makedirs(os.path.join(self.bin, "variants"))
        path = os.path.join(self.bin, "test_mutants")
        with open(path, "w") as f:
            f.write(_DISPATCH)
        os.chmod(path, 0o755)

    def program(self, name, spec):
        """The fake program for the run MINITORCH_MUTANT=name ("default": any other name)."""
        fakegtest.write_program(os.path.join(self.bin, "variants", name), fakegtest.tests_of(spec))

    def grade(self, own="Task0_2.A=pass Task0_2.B=pass", task=None):
        fakegtest.write_program(os.path.join(self.bin, "test_module0"), fakegtest.tests_of(own))
        return mutation.grade_task(task or make_task(), self.build, seed=42)

    def seen(self):
        with open(os.path.join(self.bin, "seen.log")) as f:
            return [tuple(line.rstrip("\n").split("|", 2)) for line in f]

    def test_every_mutant_caught(self):
        self.program("none", "Task0_2.A=pass Task0_2.B=pass Other.X=fail:y")
        self.program("default", "Task0_2.A=fail:caught Task0_2.B=pass")
        r = self.grade()
        self.assertEqual((r.status, r.reason, r.passed, r.total, r.score), (grading.PASS, "", 6, 6, 10))
        names = [t.name for t in r.tests]
        self.assertEqual(names, ["Task0_2.A", "Task0_2.B", "mutant:none", "mutant:sig", "mutant:lt", "mutant:mul"])
        self.assertEqual(r.tests[3].message, "caught by Task0_2.A")
        # One run on the right implementation, then one per mutant (each listed and run).
        runs = [(value.strip(), params) for value, params, args in self.seen() if "--gtest_list_tests" not in args]
        self.assertEqual(runs, [("none", "seed=42"), ("sig", "seed=42 noshrink=1"), ("lt", "seed=42 noshrink=1"),
                                ("mul", "seed=42 noshrink=1")])
        # Every value has the same length: a test cannot tell the runs apart by it.
        self.assertEqual({len(value) for value, _, _ in self.seen()}, {mutation.VALUE_WIDTH})
        self.assertTrue(all("--gtest_filter=Task0_2.*" in args for _, _, args in self.seen()))

    def test_survivors_are_named(self):
        self.program("none", "Task0_2.A=pass Task0_2.B=pass")
        self.program("sig", "Task0_2.A=rcfail Task0_2.B=pass")
        self.program("default", "Task0_2.A=pass Task0_2.B=pass")
        r = self.grade()
        self.assertEqual((r.status, r.score, r.passed, r.total), (grading.FAIL, 0, 4, 6))
        self.assertEqual(r.reason, "2 of 3 wrong implementations survived your Task0_2 property tests: lt, mul")
        self.assertEqual([t.name for t in r.failed_tests], ["mutant:lt", "mutant:mul"])
        self.assertIn("Survived: a wrong lt; every test passed on it.", r.failed_tests[0].message)
        self.assertEqual(r.command_for("mutant:lt", "build/grade/bin/test_module0"),
                         'MINITORCH_MUTANT=lt RC_PARAMS="seed=42" build/grade/bin/test_mutants '
                         '--gtest_filter=Task0_2.*')
        self.assertEqual(r.command_for("Task0_2.A", "bin/test_module0"),
                         'RC_PARAMS="seed=42" bin/test_module0 --gtest_filter=Task0_2.A')

    def test_a_crash_catches_a_skip_does_not(self):
        self.program("none", "Task0_2.A=pass")
        self.program("sig", "Task0_2.A=segv")
        self.program("lt", "Task0_2.A=skip:no_device")
        self.program("mul", "Task0_2.A=exit:3")
        r = self.grade(own="Task0_2.A=pass")
        self.assertEqual(r.status, grading.FAIL)
        self.assertEqual([t.name for t in r.failed_tests], ["mutant:lt"])
        self.assertIn("no test failed on it", r.failed_tests[0].message)
        self.assertIn("SIGSEGV", next(t.message for t in r.tests if t.name == "mutant:sig"))

    def test_a_hang_catches_within_a_shorter_timeout(self):
        self.program("none", "Task0_2.A=pass")
        self.program("default", "Task0_2.A=fail:x")
        self.program("lt", "Task0_2.A=hang")
        base, factor = mutation.TIMEOUT_BASE, mutation.TIMEOUT_FACTOR
        mutation.TIMEOUT_BASE, mutation.TIMEOUT_FACTOR = 1.0, 0.0
        try:
            r = self.grade(own="Task0_2.A=pass")
        finally:
            mutation.TIMEOUT_BASE, mutation.TIMEOUT_FACTOR = base, factor
        self.assertEqual(r.status, grading.PASS)
        self.assertIn("timed out after 1 s", next(t.message for t in r.tests if t.name == "mutant:lt"))

    def test_failing_on_the_right_implementation_stops(self):
        self.program("none", "Task0_2.A=pass Task0_2.B=fail:only_here")
        self.program("default", "Task0_2.A=fail:x")
        r = self.grade()
        self.assertEqual((r.status, r.score), (grading.FAIL, 0))
        self.assertIn("fail in the mutation program test_mutants on the right implementation", r.reason)
        self.assertEqual([t.name for t in r.failed_tests], ["mutant:none"])
        self.assertIn("only_here", r.failed_tests[0].message)
        self.assertEqual(len([1 for _, _, args in self.seen() if "--gtest_list_tests" not in args]), 1)

    def test_not_run_when_the_own_tests_fail(self):
        self.program("default", "Task0_2.A=pass")
        r = self.grade(own="Task0_2.A=notimpl:0.2 Task0_2.B=pass")
        self.assertEqual((r.status, r.passed, r.total), (grading.FAIL, 1, 2))
        self.assertFalse(any(t.name.startswith("mutant:") for t in r.tests))
        self.assertFalse(os.path.exists(os.path.join(self.bin, "seen.log")))

    def test_missing_program(self):
        os.remove(os.path.join(self.bin, "test_mutants"))
        r = self.grade()
        self.assertEqual(r.status, grading.FAIL)
        self.assertIn("test_mutants was not built", r.failed_tests[0].message)

    def test_unknown_mutant_is_a_grader_error(self):
        self.program("none", "Task0_2.A=pass")
        self.program("default", "Task0_2.A=pass")
        unknown = os.path.join(self.bin, "variants", "lt")
        with open(unknown, "w") as f:
            f.write(f"#!{sys.executable}\nimport sys\nprint('{mutation.UNKNOWN_MARKER}: unknown mutant lt', "
                    f"file=sys.stderr)\nsys.exit(86)\n")
        os.chmod(unknown, 0o755)
        r = self.grade(own="Task0_2.A=pass")
        self.assertEqual(r.status, grading.FAIL)
        self.assertTrue(r.reason.startswith("grader error: test_mutants does not know the mutant 'lt'"), r.reason)

    def test_task_without_mutation_is_unchanged(self):
        fakegtest.write_program(os.path.join(self.bin, "test_module0"), fakegtest.tests_of("Task0_2.A=pass"))
        task = make_task()
        task.mutation = None
        r = mutation.grade_task(task, self.build, seed=42)
        self.assertEqual((r.status, r.total), (grading.PASS, 1))


class SpecTest(unittest.TestCase):
    def manifest(self, mutation_entry, kind="tests"):
        task = {"id": "0.2", "module": 0, "title": "T", "points": 10, "kind": kind, "suite": "Task0_2",
                "binary": "test_module0", "mutation": mutation_entry}
        return parse({"tasks": [task]})

    def test_valid(self):
        m = self.manifest({"binary": "b", "suite": "S", "mutants": {"a_b": "wrong a", "c": "wrong c"}})
        spec = m.tasks[0].mutation
        self.assertEqual((spec.binary, spec.suite, spec.tests), ("b", "S", "your S tests"))
        self.assertEqual([x.name for x in spec.mutants], ["a_b", "c"])

    def test_invalid(self):
        for entry in ([], {"binary": "b", "suite": "S", "mutants": {}},
                      {"binary": "b", "suite": "S", "mutants": {"none": "x"}},
                      {"binary": "b", "suite": "S", "mutants": {"Bad-Name": "x"}},
                      {"binary": "b", "suite": "S", "mutants": {"a": ""}},
                      {"binary": "b/c", "suite": "S", "mutants": {"a": "x"}},
                      {"binary": "b", "suite": "S.*", "mutants": {"a": "x"}},
                      {"binary": "b", "suite": "S", "mutants": {"a": "x"}, "filter": "S.*"}):
            with self.subTest(entry=entry):
                with self.assertRaises(ManifestError):
                    self.manifest(entry)
        with self.assertRaises(ManifestError):
            self.manifest({"binary": "b", "suite": "S", "mutants": {"a": "x"}}, kind="manual")


class ManifestAgreesWithMutantsTest(unittest.TestCase):
    """Each mutant of tasks.json is one that grader/mutants implements, and the other way round."""

    def test_names(self):
        manifest = load(os.path.join(_path.GRADER, "tasks.json"))
        in_manifest = {m.name for t in manifest.tasks if t.mutation for m in t.mutation.mutants}
        self.assertEqual({t.id for t in manifest.tasks if t.mutation}, {"0.2", "4.4"})
        in_cpp = set()
        directory = os.path.join(_path.GRADER, "mutants")
        for name in os.listdir(directory):
            if name.endswith(".cpp"):
                with open(os.path.join(directory, name), encoding="utf-8") as f:
                    text = f.read()
                table = re.search(r"kMutants = \{(.*?)\};", text, re.S)
                self.assertIsNotNone(table, name)
                in_cpp |= set(re.findall(r'^\s*"([a-z0-9_]+)",', table.group(1), re.M))
        self.assertEqual(in_manifest, in_cpp)


if __name__ == "__main__":
    unittest.main()
