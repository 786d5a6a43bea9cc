import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

from gradelib import build, tasks  # noqa: E402


def task(**kw):
    base = {"id": "0.1", "module": 0, "title": "Operators", "points": 10, "kind": "tests",
            "suite": "Task0_1", "binary": "test_module0", "timeout": 120, "files": ["a.h"]}
    base.update(kw)
    return base


class ManifestTest(unittest.TestCase):
    def test_load_the_repository_manifest(self):
        man = tasks.load(os.path.join(_path.ROOT, "grader", "tasks.json"))
        self.assertTrue(man.tasks)
        self.assertEqual(len(set(man.ids)), len(man.ids))
        for t in man.tasks:
            if t.graded:
                self.assertTrue(t.suite.startswith("Task"), t.suite)

    def test_parse_and_helpers(self):
        man = tasks.parse({"course": "C", "rapidcheck_seed": 7, "tasks": [
            task(), task(id="1.2", module=1, suite="Task1_2", binary="test_module1"),
            task(id="4.4b", module=4, kind="manual", suite="", binary="", timeout=10)]})
        self.assertEqual((man.course, man.seed, man.modules), ("C", 7, [0, 1, 4]))
        self.assertEqual([t.id for t in man.of_module(1)], ["1.2"])
        self.assertEqual(man.by_id("4.4b").kind, "manual")
        self.assertIsNone(man.by_id("9.9"))
        self.assertEqual(man.by_id("0.1").display_name, "Task 0.1: Operators")

    def test_extra_credit(self):
        man = tasks.parse({"tasks": [task(), task(id="4.4b", module=4, suite="Task4_4b", binary="test_module4",
                                                  extra_credit=True)]})
        self.assertFalse(man.by_id("0.1").extra_credit)
        self.assertTrue(man.by_id("4.4b").extra_credit)
        self.assertTrue(man.by_id("4.4b").display_name.endswith("(extra credit)"))
        with self.assertRaises(tasks.ManifestError):
            tasks.parse({"tasks": [task(extra_credit="yes")]})

    def test_build_targets(self):
        """One task builds its own program (and its mutation program), never every module's tests."""
        man = tasks.load(os.path.join(_path.ROOT, "grader", "tasks.json"))
        self.assertEqual(build.targets_for([man.by_id("0.1")]), ["test_module0"])
        self.assertEqual(build.targets_for([man.by_id("0.2")]), ["test_module0", "test_module0_mutants"])
        self.assertEqual(build.targets_for([man.by_id("4.4")]), ["test_module4"])
        self.assertEqual(build.targets_for(man.of_module(0)), ["test_module0", "test_module0_mutants"])
        self.assertEqual(build.targets_for([man.by_id("0.5h")]), [build.TARGET])
        every = build.targets_for(man.tasks)
        self.assertEqual(len(every), len(set(every)))
        self.assertIn("test_module3", every)

    def test_step_ids(self):
        self.assertEqual(tasks.step_id("0.1"), "task-0-1")
        self.assertEqual(tasks.step_id("4.4b"), "task-4-4b")
        self.assertEqual(tasks.step_id("10.12"), "task-10-12")

    def test_format_points(self):
        self.assertEqual(tasks.format_points(10), "10")
        self.assertEqual(tasks.format_points(10.0), "10")
        self.assertEqual(tasks.format_points(2.5), "2.5")

    def test_errors(self):
        bad = [
            {"tasks": "x"},
            {"rapidcheck_seed": -1, "tasks": []},
            {"tasks": [task(), task()]},  # duplicate id
            {"tasks": [task(id="x")]},
            {"tasks": [task(kind="other")]},
            {"tasks": [task(suite="Task 0.1")]},
            {"tasks": [task(binary="")]},
            {"tasks": [task(points=-1)]},
            {"tasks": [task(timeout=0)]},
            {"tasks": [task(files=["/abs/a.h"])]},
            {"tasks": [task(files=["../a.h"])]},
            {"tasks": [task(module="0")]},
            {"tasks": [task(title="")]},
        ]
        for data in bad:
            with self.subTest(data=data):
                with self.assertRaises(tasks.ManifestError):
                    tasks.parse(data)

    def test_manual_needs_no_suite(self):
        man = tasks.parse({"tasks": [task(kind="manual", suite="", binary="")]})
        self.assertFalse(man.tasks[0].graded)

    def test_manual_hand_in(self):
        man = tasks.parse({"tasks": [task(id="0.5h", kind="manual", suite="", binary="", points=0,
                                          hand_in=" The picture. ")]})
        self.assertEqual(man.tasks[0].hand_in, "The picture.")
        with self.assertRaises(tasks.ManifestError):
            tasks.parse({"tasks": [task(kind="manual", hand_in=3)]})

    def test_repository_manual_rows(self):
        # What the original grades by hand from the README: listed, never in the total.
        man = tasks.load(os.path.join(_path.ROOT, "grader", "tasks.json"))
        manual = [t for t in man.tasks if t.kind == "manual"]
        self.assertEqual([t.id for t in manual], ["0.5h", "1.5h", "2.5h", "3.1h", "3.4h", "3.5h", "4.5h"])
        for t in manual:
            self.assertEqual(t.points, 0, t.id)
            self.assertTrue(t.hand_in, t.id)
            self.assertIsNotNone(man.by_id(t.id[:-1]), t.id)
        self.assertIn("parallel_check", man.by_id("3.1h").hand_in)

    def test_load_errors_and_id_line(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "tasks.json")
            with self.assertRaises(tasks.ManifestError):
                tasks.load(path)
            with open(path, "w") as f:
                f.write("{ not json")
            with self.assertRaisesRegex(tasks.ManifestError, r"tasks\.json:1: invalid JSON"):
                tasks.load(path)
            with open(path, "w") as f:
                f.write('{"tasks": [\n  {"id": "0.1", "module": 0, "title": "A", "suite": "Task0_1",'
                        ' "binary": "t", "files": []},\n  {"id": "0.2", "module": 0, "title": "B",'
                        ' "suite": "Task0_2", "binary": "t"}\n]}\n')
            man = tasks.load(path)
            self.assertEqual(man.line_of("0.2"), 3)
            self.assertEqual(man.tasks[0].timeout, tasks.DEFAULT_TIMEOUT)


if __name__ == "__main__":
    unittest.main()
