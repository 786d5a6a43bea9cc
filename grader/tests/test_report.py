import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

from gradelib import build, grading, gtest, report  # noqa: E402
from gradelib.tasks import Task  # noqa: E402

NOT_IMPL = ("Task 0.2 not implemented: void f() (module0/src/f.cpp:3). Replace the MT_TODO line with your solution.")


def task(tid, kind="tests", points=10, module=0):
    return Task(id=tid, module=module, title=f"Title {tid}", points=points, kind=kind,
                suite="Task" + tid.replace(".", "_"), binary=f"test_module{module}", timeout=60, files=[])


def sample_run(build_ok=True):
    b = build.BuildResult(ok=build_ok, module=1, seconds=2.5,
                          output="[1/2] x\nsrc/a.cpp:3:5: error: boom\n    3 | int x = ;\n      |         ^\n",
                          stage="" if build_ok else "build")
    results = [
        grading.TaskResult(task=task("0.1"), status=grading.PASS, passed=3, total=3),
        grading.TaskResult(task=task("0.2"), status=grading.FAIL, passed=0, total=2, tests=[
            gtest.TestResult("Task0_2.A", gtest.FAIL, f'C++ exception with description "{NOT_IMPL}" thrown in the test body.'),
            gtest.TestResult("Task0_2.B", gtest.FAIL, "Falsifiable after 2 tests\n\nint:\n3\n")],
            reproduce='RC_PARAMS="reproduce=XYZ"', binary="/r/build/grade/bin/test_module0", seed=5),
        grading.TaskResult(task=task("0.3", kind="manual", points=5), status=grading.MANUAL),
        grading.TaskResult(task=task("1.1", module=1), status=grading.SKIP, passed=0, total=2, reason="no CUDA device"),
    ]
    return report.Run(seed=5, modules=[0, 1], build_module=1, build=b, results=results, seconds=12.6)


class GradescopeTest(unittest.TestCase):
    def test_shape(self):
        run = sample_run()
        details = {"0.2": report.task_details(run.results[1], "build/grade/bin/test_module0")}
        data = report.gradescope_json(run, "summary", details)
        json.dumps(data)  # serialisable
        self.assertEqual(set(data), {"score", "execution_time", "output", "stdout_visibility", "tests"})
        self.assertEqual((data["score"], data["execution_time"], data["stdout_visibility"]), (10, 13, "visible"))
        tests = data["tests"]
        self.assertEqual(tests[0], {"name": "Build: module 1", "status": "passed",
                                    "output": "Built modules 0..1 in 2.5 s.", "visibility": "visible"})
        self.assertNotIn("score", tests[0])
        t01, t02, t03, t11 = tests[1:]
        self.assertEqual(t01, {"name": "Task 0.1: Title 0.1", "number": "0.1", "score": 10, "max_score": 10,
                               "status": "passed", "output": "All 3 tests passed.", "tags": ["module0"],
                               "visibility": "visible"})
        self.assertEqual((t02["score"], t02["max_score"], t02["status"]), (0, 10, "failed"))
        self.assertIn("not implemented", t02["output"])
        self.assertIn("Falsifiable after 2 tests", t02["output"])
        self.assertIn('RC_PARAMS="reproduce=XYZ" build/grade/bin/test_module0 --gtest_filter=Task0_2.B', t02["output"])
        self.assertNotIn("score", t03)  # manual: informational
        self.assertNotIn("max_score", t03)
        self.assertEqual((t11["score"], t11["status"], t11["tags"]), (0, "failed", ["module1"]))
        self.assertIn("no CUDA device", t11["output"])
        for t in tests:
            self.assertIn(t.get("status", "passed"), ("passed", "failed"))
            self.assertEqual(t["visibility"], "visible")

    def test_build_failure_output(self):
        run = sample_run(build_ok=False)
        data = report.gradescope_json(run, "s", {})
        self.assertEqual(data["tests"][0]["status"], "failed")
        self.assertIn("src/a.cpp:3:5: error: boom", data["tests"][0]["output"])
        self.assertIn("^", data["tests"][0]["output"])


class PlainJsonTest(unittest.TestCase):
    def test_shape(self):
        data = report.plain_json(sample_run())
        for key in ("seed", "modules", "build", "tasks", "passed", "failed"):
            self.assertIn(key, data)
        self.assertEqual((data["seed"], data["modules"], data["passed"], data["failed"]), (5, [0, 1], 1, 1))
        self.assertEqual(data["build"]["ok"], True)
        self.assertIn("output", data["build"])
        t = data["tasks"][1]
        for key in ("id", "title", "module", "points", "score", "status", "passed", "total", "tests", "reason"):
            self.assertIn(key, t)
        self.assertEqual(t["tests"][0]["name"], "Task0_2.A")
        self.assertEqual(set(t["tests"][0]), {"name", "status", "message"})
        self.assertEqual([x["status"] for x in data["tasks"]], ["PASS", "FAIL", "MANUAL", "SKIP"])

    def test_write_json_atomic(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "sub", "r.json")
            report.write_json(path, {"a": 1})
            with open(path) as f:
                self.assertEqual(json.load(f), {"a": 1})
            self.assertEqual(os.listdir(os.path.dirname(path)), ["r.json"])


class TextTest(unittest.TestCase):
    def test_table_and_summary(self):
        run = sample_run()
        rows = report.table(run)
        self.assertTrue(rows[0].startswith("Task"))
        self.assertEqual(len(rows), 1 + 4 + 1)
        self.assertRegex(rows[1], r"^0\.1\s+Title 0\.1\s+3/3\s+10/10\s+PASS$")
        self.assertRegex(rows[2], r"0/2\s+0/10\s+FAIL")
        self.assertRegex(rows[3], r"-\s+-/5\s+TO HAND IN")
        self.assertRegex(rows[4], r"SKIP\s+\(no CUDA device\)")
        self.assertRegex(rows[5], r"Total\s+10/30$")  # a skipped task still counts in the maximum
        self.assertEqual(report.summary_line(run), "1 passed, 1 failed")

    def test_hand_in(self):
        run = sample_run()
        run.results[2].task.hand_in = "Your README: the picture."
        lines = report.hand_in_lines(run)
        self.assertEqual(lines, ["To hand in (graded by hand, not in the total above):", "  0.3  Title 0.3",
                                 "      Your README: the picture."])
        self.assertEqual(run.max_score, 30)  # 0.1, 0.2, 1.1: the manual task's 5 points are not in it
        gs = report.gradescope_json(run, "", {})
        entry = next(t for t in gs["tests"] if t.get("number") == "0.3")
        self.assertNotIn("max_score", entry)
        self.assertIn("Your README: the picture.", entry["output"])
        self.assertEqual(report.hand_in_lines(report.Run(seed=1, modules=[0], build_module=0, build=None)), [])

    def test_details(self):
        r = sample_run().results[1]
        lines = report.task_details(r, "bin/t")
        text = "\n".join(lines)
        self.assertIn("Task 0.2 not implemented: void f()", text)
        self.assertIn("failing test: Task0_2.A", text)
        self.assertIn("FAILED Task0_2.B", text)
        self.assertIn('RC_PARAMS="reproduce=XYZ" bin/t --gtest_filter=Task0_2.B', text)
        self.assertNotIn("FAILED Task0_2.A", text)  # grouped under its NotImplemented message
        self.assertIn("FAILED Task0_2.A", "\n".join(report.task_details(r, "bin/t", verbose=True)))

    def test_colour_only_when_asked(self):
        self.assertEqual(report.no_colour("x", "fail"), "x")
        self.assertEqual(report.ansi_colour("x", "fail"), "\033[31mx\033[0m")


class BuildErrorsTest(unittest.TestCase):
    def test_gcc_errors_with_context(self):
        log = ("[1/3] Building CXX object a.o\nFAILED: a.o\n/usr/bin/c++ -c /src/m/a.cpp\n"
               "/src/m/a.cpp: In function 'int f()':\n/src/m/a.cpp:3:10: error: 'y' was not declared\n"
               "    3 |   return y;\n      |          ^\n/src/m/a.cpp:4:1: warning: meh\n"
               "/src/m/a.cpp:9:2: error: expected ';'\n    9 | }\n      |  ^\nninja: build stopped: subcommand failed.\n")
        errors = build.first_errors(log, root="/src")
        self.assertEqual(errors[:4], ["m/a.cpp: In function 'int f()':", "m/a.cpp:3:10: error: 'y' was not declared",
                                      "    3 |   return y;", "      |          ^"])
        self.assertIn("m/a.cpp:9:2: error: expected ';'", errors)
        self.assertNotIn("m/a.cpp:4:1: warning: meh", errors)

    def test_cmake_error(self):
        log = ("-- Configuring\nCMake Error at CMakeLists.txt:4 (foo):\n  Unknown CMake command \"foo\".\n\n\n"
               "-- Configuring incomplete, errors occurred!\n")
        self.assertEqual(build.first_errors(log),
                         ["CMake Error at CMakeLists.txt:4 (foo):", '  Unknown CMake command "foo".'])

    def test_linker_error_and_limit(self):
        log = "\n".join(f"a.cpp:(.text+0x{i}): undefined reference to `f{i}()'" for i in range(40))
        self.assertEqual(len(build.first_errors(log)), 20)

    def test_no_recognisable_error_gives_the_tail(self):
        self.assertEqual(build.first_errors("a\nb\n\nc\n", limit=2), ["b", "c"])


class NeedsConfigureTest(unittest.TestCase):
    def test_stamp_and_cache(self):
        with tempfile.TemporaryDirectory() as tmp:
            root, bdir = os.path.join(tmp, "src"), os.path.join(tmp, "b")
            os.makedirs(os.path.join(root, "module0"))
            open(os.path.join(root, "module0", "CMakeLists.txt"), "w").close()
            os.makedirs(bdir)
            self.assertTrue(build.needs_configure(root, bdir, 0))

            def cache(module):
                with open(os.path.join(bdir, "CMakeCache.txt"), "w") as f:
                    f.write(f"MINITORCH_MODULE:STRING={module}\nCMAKE_BUILD_TYPE:STRING={build.BUILD_TYPE}\n"
                            f"MINITORCH_CUDA:STRING=OFF\nCMAKE_HOME_DIRECTORY:INTERNAL={root}\n")
            cache(0)
            open(os.path.join(bdir, "build.ninja"), "w").close()
            self.assertTrue(build.needs_configure(root, bdir, 0))  # no stamp yet
            with open(os.path.join(bdir, build.STAMP), "w") as f:
                json.dump(build._stamp(root, 0), f)
            self.assertFalse(build.needs_configure(root, bdir, 0))
            self.assertEqual(build.cache_value(bdir, "CMAKE_HOME_DIRECTORY"), root)
            self.assertTrue(build.needs_configure(root, bdir, 1))  # another module
            self.assertTrue(build.needs_configure(root, bdir, 0, "AUTO"))  # a GPU appeared: build nvcc's backend
            cache(2)  # CMake run by hand with another module
            self.assertTrue(build.needs_configure(root, bdir, 0))
            cache(0)
            os.makedirs(os.path.join(root, "module1"))
            open(os.path.join(root, "module1", "CMakeLists.txt"), "w").close()
            self.assertTrue(build.needs_configure(root, bdir, 0))  # a new module directory


if __name__ == "__main__":
    unittest.main()


class ExtraCreditTest(unittest.TestCase):
    def test_extra_credit_is_on_top_of_the_total(self):
        extra = Task(id="4.4b", module=4, title="CUDA conv", points=10, kind="tests", suite="Task4_4b",
                     binary="test_module4", timeout=60, files=[], extra_credit=True)
        results = [grading.TaskResult(task=task("4.1", module=4), status=grading.PASS, passed=2, total=2),
                   grading.TaskResult(task=extra, status=grading.PASS, passed=3, total=3)]
        run = report.Run(seed=5, modules=[4], build_module=4, build=None, results=results, seconds=1.0)
        self.assertEqual((run.score, run.max_score), (20, 10))
        self.assertIn("(extra credit)", report.task_row(results[1], report.Columns(id=4, title=40)))
        data = report.gradescope_json(run, "summary", {})
        entry = next(t for t in data["tests"] if t.get("number") == "4.4b")
        self.assertEqual((entry["score"], entry["max_score"]), (10, 0))
