"""End-to-end tests of grader/grade, scripts/make-handout and scripts/check-handout.

They run the real commands on a small fake course: a CMake project with no
compiler (`project(x NONE)`) whose test "programs" are generated Python
scripts (fakegtest.py) that fail with NotImplemented wherever the source
holds a stub. Skipped when cmake is not installed.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

B, E = "// BEGIN SOLUTION", "// END SOLUTION"
HAVE_CMAKE = shutil.which("cmake") is not None
HAVE_GIT = shutil.which("git") is not None

TOP = textwrap.dedent("""\
    cmake_minimum_required(VERSION 3.16)
    project(fake NONE)
    set(MINITORCH_MODULE 1 CACHE STRING "modules 0..N")
    add_custom_target(all_tests)
    foreach(m RANGE 0 ${MINITORCH_MODULE})
      if(EXISTS ${CMAKE_SOURCE_DIR}/module${m}/CMakeLists.txt)
        add_subdirectory(module${m})
      endif()
    endforeach()
    """)

# module/CMakeLists.txt: bin/<program> is generated from the module's sources.
MODULE = textwrap.dedent("""\
    set(prog ${CMAKE_BINARY_DIR}/bin/test_module@M@)
    file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.h)
    add_custom_command(OUTPUT ${prog}
      COMMAND "@PYTHON@" ${CMAKE_SOURCE_DIR}/gen.py ${prog} ${CMAKE_CURRENT_SOURCE_DIR}/tests.txt
      DEPENDS ${srcs} ${CMAKE_CURRENT_SOURCE_DIR}/tests.txt ${CMAKE_SOURCE_DIR}/gen.py)
    add_custom_target(test_module@M@ DEPENDS ${prog})
    add_dependencies(all_tests test_module@M@)
    """)

# gen.py PROGRAM TESTS.TXT: each line of tests.txt is `Suite.Name behaviour [file]`; a test whose
# file holds its task's stub fails with NotImplemented; `error` in a source file breaks the build.
GEN = textwrap.dedent("""\
    import os, sys
    sys.path.insert(0, @TESTS_DIR@)
    import fakegtest
    out, spec = sys.argv[1], sys.argv[2]
    here = os.path.dirname(spec)
    tests = []
    for line in open(spec):
        if not line.strip():
            continue
        name, what, *files = line.split()
        suite, test = name.split(".")
        task = suite[4:].replace("_", ".")
        for f in files:
            text = open(os.path.join(here, f)).read()
            if "SLOW_BUILD" in text:  # a compiler that never finishes
                import time
                time.sleep(120)
            if "COMPILE_ERROR" in text:
                print(os.path.join(here, f) + ":1:1: error: expected ';' before '}' token")
                sys.exit(1)
            if 'MT_TODO("%s")' % task in text:
                what = "notimpl:" + task
        tests.append((suite, test, what))
    fakegtest.write_program(out, tests)
    """)

TASKS = {"course": "Fake course", "rapidcheck_seed": 11, "tasks": [
    {"id": "0.1", "module": 0, "title": "Operators", "points": 10, "kind": "tests", "suite": "Task0_1",
     "binary": "test_module0", "timeout": 30, "files": ["module0/ops.h"]},
    {"id": "0.2", "module": 0, "title": "Functional", "points": 10, "kind": "tests", "suite": "Task0_2",
     "binary": "test_module0", "timeout": 30, "files": ["module0/fun.h"]},
    {"id": "0.3", "module": 0, "title": "Essay", "points": 5, "kind": "manual", "files": []},
    {"id": "1.1", "module": 1, "title": "Autodiff", "points": 10, "kind": "tests", "suite": "Task1_1",
     "binary": "test_module1", "timeout": 30, "files": ["module1/auto.h"]},
]}


def region(task, body, indent="  "):
    return f"{indent}{B} {task}\n{indent}{body}\n{indent}{E}\n"


def make_course(root):
    files = {
        "CMakeLists.txt": TOP,
        "gen.py": GEN.replace("@TESTS_DIR@", repr(_path.TESTS)),
        ".gitignore": "/build/\n__pycache__/\n",
        "grader/tasks.json": json.dumps(TASKS, indent=1),
        "module0/CMakeLists.txt": MODULE.replace("@M@", "0").replace("@PYTHON@", sys.executable),
        "module0/ops.h": "double mul(double x, double y) {\n" + region("0.1", "return x * y;  // the product") + "}\n",
        "module0/fun.h": "double neg(double x) {\n" + region("0.2", "return -1.0 * x;  // negation") + "}\n",
        "module0/tests.txt": "Task0_1.Mul pass ops.h\nTask0_1.Prop pass ops.h\nTask0_2.Neg pass fun.h\n",
        "module1/CMakeLists.txt": MODULE.replace("@M@", "1").replace("@PYTHON@", sys.executable),
        "module1/auto.h": "struct V {\n" + region("1.1", "double grad_of_value = 0.0;") + "};\n",
        "module1/tests.txt": "Task1_1.Grad pass auto.h\nTask1_1.Chain pass auto.h\n",
        "scripts/handout/README.student.md.in": "# {{course}}\n\n{{task_table}}\n",
    }
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
    # The commands under test, and their library.
    for name in ("grade", "grade.py", "autograde.py"):
        shutil.copy2(os.path.join(_path.GRADER, name), os.path.join(root, "grader", name))
    shutil.copytree(os.path.join(_path.GRADER, "gradelib"), os.path.join(root, "grader", "gradelib"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    for script in ("make-handout", "check-handout", "make-autograder"):
        shutil.copy2(os.path.join(_path.ROOT, "scripts", script), os.path.join(root, "scripts", script))
    if HAVE_GIT:
        git = lambda *a: subprocess.run(["git", "-C", root, *a], check=True, stdout=subprocess.DEVNULL)  # noqa: E731
        git("init", "-q")
        git("add", "-A")
        git("-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", "commit", "-qm", "ref")


def _running_programs():
    """The command lines of the running processes (to wait for a test program)."""
    found = []
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                found.append(" ".join(a.decode(errors="replace") for a in f.read().split(b"\0")))
        except OSError:
            pass
    return found


def run(root, *args, env=None):
    full_env = dict(os.environ)
    full_env.pop("CMAKE_GENERATOR", None)
    full_env["MINITORCH_GRADER_USER"] = ""  # the fake programs' python may not be readable by another user
    full_env.update(env or {})
    done = subprocess.run([os.path.join(root, *args[0].split("/")), *args[1:]], cwd=root, env=full_env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    return done.returncode, done.stdout.decode("utf-8", errors="replace")


@unittest.skipUnless(HAVE_CMAKE, "cmake not installed")
class GradeCommandTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="grade-cli-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.root = os.path.join(self.tmp, "course")
        make_course(self.root)

    def edit(self, path, old, new):
        full = os.path.join(self.root, path)
        with open(full) as f:
            text = f.read()
        with open(full, "w") as f:
            f.write(text.replace(old, new))

    def test_pass_fail_results_files_and_last_line(self):
        self.edit("module0/tests.txt", "Task0_1.Prop pass", "Task0_1.Prop rcfail")
        js, gs = os.path.join(self.tmp, "r.json"), os.path.join(self.tmp, "gs.json")
        code, out = run(self.root, "grader/grade", "0", "--json", js, "--gradescope", gs, "--jobs", "1")
        self.assertEqual(code, 1, out)
        lines = out.rstrip("\n").splitlines()
        self.assertEqual(lines[-1], "1 passed, 1 failed")
        self.assertIn("Fake course grader: module 0", lines[0])
        self.assertRegex(out, r"0\.1\s+Operators\s+1/2\s+0/10\s+FAIL")
        self.assertRegex(out, r"0\.2\s+Functional\s+1/1\s+10/10\s+PASS")
        self.assertRegex(out, r"0\.3\s+Essay\s+-\s+-/5\s+TO HAND IN")
        self.assertIn("Falsifiable after 3 tests and 2 shrinks", out)
        self.assertIn('RC_PARAMS="reproduce=BYBVhN3aFAKE" build/grade/bin/test_module0 --gtest_filter=Task0_1.Prop', out)
        self.assertRegex(out, r"Time: build [\d.]+ s, tests [\d.]+ s, total [\d.]+ s")
        self.assertNotIn("\033[", out)  # no colour when not a terminal
        with open(js) as f:
            report = json.load(f)
        self.assertEqual((report["seed"], report["modules"], report["passed"], report["failed"]), (11, [0], 1, 1))
        with open(gs) as f:
            grades = json.load(f)
        self.assertEqual(grades["score"], 10)
        self.assertEqual([t["name"] for t in grades["tests"]],
                         ["Build: module 0", "Task 0.1: Operators", "Task 0.2: Functional", "Task 0.3: Essay"])

        # Another seed, one task, the same build directory (nothing to configure again).
        code, out = run(self.root, "grader/grade", "--task", "0.2", "--seed", "5", "--json", js)
        self.assertEqual(code, 0, out)
        self.assertEqual(out.rstrip("\n").splitlines()[-1], "1 passed, 0 failed")
        with open(js) as f:
            self.assertEqual(json.load(f)["seed"], 5)

    def test_all_builds_every_module_once(self):
        code, out = run(self.root, "grader/grade", "all", "--verbose")
        self.assertEqual(code, 0, out)
        self.assertIn("builds modules 0..1", out)
        self.assertEqual(out.rstrip("\n").splitlines()[-1], "3 passed, 0 failed")
        # module 0 again: the one build directory is reconfigured with MINITORCH_MODULE=0
        code, out = run(self.root, "grader/grade", "0")
        self.assertEqual((code, out.rstrip("\n").splitlines()[-1]), (0, "2 passed, 0 failed"))
        with open(os.path.join(self.root, "build", "grade", "CMakeCache.txt")) as f:
            cache = f.read()
        self.assertIn("MINITORCH_MODULE:STRING=0", cache)

    def test_crash_and_timeout_are_reported_against_their_task(self):
        self.edit("module0/tests.txt", "Task0_1.Mul pass", "Task0_1.Mul segv")
        with open(os.path.join(self.root, "grader", "tasks.json")) as f:
            data = json.load(f)
        data["tasks"][1]["timeout"] = 1
        with open(os.path.join(self.root, "grader", "tasks.json"), "w") as f:
            json.dump(data, f)
        self.edit("module0/tests.txt", "Task0_2.Neg pass", "Task0_2.Neg hang")
        code, out = run(self.root, "grader/grade", "all")
        self.assertEqual(code, 1, out)
        self.assertIn("test_module0 crashed with SIGSEGV in test Task0_1.Mul", out)
        self.assertIn("timed out after 1 s in test Task0_2.Neg", out)
        self.assertRegex(out, r"1\.1\s+Autodiff\s+2/2\s+10/10\s+PASS")
        self.assertEqual(out.rstrip("\n").splitlines()[-1], "1 passed, 2 failed")

    def test_hostile_programs_still_get_results_files(self):
        self.edit("module0/tests.txt", "Task0_1.Mul pass", "Task0_1.Mul flood")
        self.edit("module0/tests.txt", "Task0_2.Neg pass", "Task0_2.Neg forkloop")
        self.edit("module1/tests.txt", "Task1_1.Grad pass", "Task1_1.Grad fakeok")
        with open(os.path.join(self.root, "grader", "tasks.json")) as f:
            data = json.load(f)
        data["tasks"][1]["timeout"] = 1
        with open(os.path.join(self.root, "grader", "tasks.json"), "w") as f:
            json.dump(data, f)
        js, gs = os.path.join(self.tmp, "r.json"), os.path.join(self.tmp, "gs.json")
        code, out = run(self.root, "grader/grade", "all", "--json", js, "--gradescope", gs,
                        env={"MINITORCH_GRADER_OUTPUT_MB": "2"})
        self.assertEqual(code, 1, out)
        self.assertIn("killed for writing more than its output limit (the limit is 2 MiB) in test Task0_1.Mul", out)
        self.assertIn("timed out after 1 s in test Task0_2.Neg", out)
        self.assertIn("test_module1 exited with status 0 after test Task1_1.Grad without writing its test report", out)
        self.assertEqual(out.rstrip("\n").splitlines()[-1], "0 passed, 3 failed")
        self.assertLess(len(out), 200_000)
        with open(js) as f:
            self.assertEqual(json.load(f)["score"], 0)
        with open(gs) as f:
            grades = json.load(f)
        self.assertEqual(grades["score"], 0)
        self.assertIn("Task0_1.Mul", grades["tests"][1]["output"])

    def test_sigterm_still_writes_the_results(self):
        import signal
        import time
        self.edit("module0/tests.txt", "Task0_2.Neg pass", "Task0_2.Neg hang")
        gs = os.path.join(self.tmp, "gs.json")
        env = dict(os.environ, MINITORCH_GRADER_USER="")
        env.pop("CMAKE_GENERATOR", None)
        child = subprocess.Popen([os.path.join(self.root, "grader", "grade"), "0", "--gradescope", gs], cwd=self.root,
                                 env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        hanging = "--gtest_filter=Task0_2.* --gtest_output"  # the run of 0.2, not its listing
        while time.monotonic() < deadline and not any(hanging in p for p in _running_programs()):
            time.sleep(0.1)
        time.sleep(0.3)
        child.send_signal(signal.SIGTERM)
        out = child.communicate(timeout=60)[0].decode()
        self.assertEqual(child.returncode, 130, out)
        self.assertIn("Interrupted.", out)
        with open(gs) as f:
            grades = json.load(f)
        self.assertEqual(grades["score"], 10)  # 0.1 passed before the signal
        self.assertEqual(grades["tests"][2]["status"], "failed")  # 0.2: interrupted

    def test_build_failure(self):
        self.edit("module1/auto.h", "struct V", "COMPILE_ERROR struct V")
        js, gs = os.path.join(self.tmp, "r.json"), os.path.join(self.tmp, "gs.json")
        code, out = run(self.root, "grader/grade", "1", "--json", js, "--gradescope", gs)
        self.assertEqual(code, 1, out)
        self.assertIn("Build: FAILED", out)
        self.assertIn("auto.h:1:1: error: expected ';' before '}' token", out)
        self.assertRegex(out, r"1\.1\s+Autodiff\s+0/0\s+0/10\s+FAIL\s+\(build failed\)")
        self.assertEqual(out.rstrip("\n").splitlines()[-1], "0 passed, 1 failed")
        with open(js) as f:
            report = json.load(f)
        self.assertFalse(report["build"]["ok"])
        self.assertEqual(report["tasks"][0]["reason"], "build failed")
        with open(gs) as f:
            grades = json.load(f)
        self.assertEqual(grades["tests"][0]["name"], "Build: module 1")
        self.assertEqual(grades["tests"][0]["status"], "failed")
        self.assertIn("error: expected ';'", grades["tests"][0]["output"])
        self.assertEqual(grades["score"], 0)

    def test_build_timeout(self):
        self.edit("module1/auto.h", "struct V", "SLOW_BUILD struct V")
        gs = os.path.join(self.tmp, "gs.json")
        code, out = run(self.root, "grader/grade", "1", "--gradescope", gs,
                        env={"MINITORCH_GRADER_BUILD_TIMEOUT": "2"})
        self.assertEqual(code, 1, out)
        self.assertIn("Build: FAILED", out)
        self.assertIn("error: the build took longer than 2 s and was stopped", out)
        with open(gs) as f:
            grades = json.load(f)
        self.assertEqual((grades["score"], grades["tests"][0]["status"]), (0, "failed"))
        self.assertFalse([p for p in _running_programs() if self.root + "/gen.py" in p],
                         "the stopped build left a compiler running")

    def test_usage_errors(self):
        for args in (("7",), ("--task", "9.9"), ("0", "--task", "0.1"), ("--jobs", "0")):
            code, out = run(self.root, "grader/grade", *args)
            self.assertEqual(code, 2, (args, out))


@unittest.skipUnless(HAVE_CMAKE, "cmake not installed")
class AutograderTest(unittest.TestCase):
    """scripts/make-autograder, then its run_autograder on submissions, as Gradescope would."""

    def setUp(self):
        import zipfile
        self.tmp = tempfile.mkdtemp(prefix="autograder-cli-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.root = os.path.join(self.tmp, "course")
        make_course(self.root)
        zip_path = os.path.join(self.tmp, "autograder.zip")
        code, out = run(self.root, "scripts/make-autograder", zip_path)
        self.assertEqual(code, 0, out)
        self.source = os.path.join(self.tmp, "source")
        with zipfile.ZipFile(zip_path) as zf:
            names = zf.namelist()
            for info in zf.infolist():
                target = os.path.join(self.source, info.filename)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as f:
                    f.write(zf.read(info))
                os.chmod(target, ((info.external_attr >> 16) & 0o777) or 0o644)
        self.assertIn("setup.sh", names)
        self.assertIn("run_autograder", names)
        self.assertIn("minitorch/grader/tasks.json", names)
        with zipfile.ZipFile(zip_path) as zf:
            leaked = [n for n in names if b"the product" in zf.read(n)]
        self.assertEqual(leaked, [])  # the handout's stubs, no solution

    def grade(self, name, files):
        ag = os.path.join(self.tmp, name)
        for path, text in files.items():
            full = os.path.join(ag, "submission", path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(text)
        os.makedirs(os.path.join(ag, "results"), exist_ok=True)
        done = subprocess.run([os.path.join(self.source, "run_autograder")], cwd=ag,
                              env=dict(os.environ, MINITORCH_AUTOGRADER_ROOT=ag, MINITORCH_GRADER_USER=""),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        out = done.stdout.decode("utf-8", errors="replace")
        self.assertEqual(done.returncode, 0, out)
        with open(os.path.join(ag, "results", "results.json")) as f:
            return json.load(f), out

    def reference(self, path):
        with open(os.path.join(self.root, path)) as f:
            return f.read()

    def test_edited_tests_and_grader_files_count_for_nothing(self):
        # (A submission without solutions: InstallTest in test_autograder.py; the real course's
        # reference, handout and edited submissions: scripts/test-autograder.)
        solution = {p: self.reference(p) for p in ("module0/ops.h", "module0/fun.h", "module1/auto.h")}
        # The reference's solution files with edited tests and grader files: those count for nothing.
        edited = dict(solution)
        edited["module0/tests.txt"] = "Task0_1.Mul fail:edited ops.h\n"
        edited["grader/tasks.json"] = "{}"
        edited["CMakeLists.txt"] = "syntax error("
        results, out = self.grade("edited", edited)
        self.assertEqual(results["score"], 30, out)
        self.assertIn("Taken from your submission (submission): 3 solution files", results["output"])


@unittest.skipUnless(HAVE_CMAKE, "cmake not installed")
class HandoutCommandsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="handout-cli-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.root = os.path.join(self.tmp, "course")
        make_course(self.root)

    def test_make_handout_then_grade_it(self):
        out_dir = os.path.join(self.tmp, "student")
        code, out = run(self.root, "scripts/make-handout", out_dir)
        self.assertEqual(code, 0, out)
        self.assertIn("3 solution regions stripped in 3 files", out)
        code, out = run(out_dir, "grader/grade")
        self.assertEqual(code, 1, out)
        self.assertIn("Task 0.1 not implemented", out)
        self.assertEqual(out.rstrip("\n").splitlines()[-1], "0 passed, 3 failed")

    def test_make_handout_marker_error(self):
        with open(os.path.join(self.root, "module0", "ops.h"), "a") as f:
            f.write(f"  {E}\n")
        code, out = run(self.root, "scripts/make-handout", os.path.join(self.tmp, "student"))
        self.assertEqual(code, 1)
        self.assertRegex(out, r"module0/ops\.h:6: error: END SOLUTION without a BEGIN SOLUTION")
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "student")))

    def test_check_handout_per_task(self):
        code, out = run(self.root, "scripts/check-handout", "--per-task", "--jobs", "1")
        self.assertEqual(code, 0, out)
        for name in ("make-handout", "leak check", "handout build", "handout stub 0.1", "handout stub 1.1",
                     "reference tree: every task passes", "per-task 0.1", "per-task 0.2", "per-task 1.1",
                     "reference tree restored: every task passes again"):
            self.assertRegex(out, r"\[ok  \] " + name, name)
        self.assertEqual(out.rstrip("\n").splitlines()[-1], "12 passed, 0 failed")
        self.assertFalse(os.path.exists(os.path.join(self.root, "build", "check-handout", "pertask")))

    def test_check_handout_catches_a_test_that_passes_on_a_stub(self):
        with open(os.path.join(self.root, "module0", "tests.txt"), "a") as f:
            f.write("Task0_2.Trivial pass\n")  # depends on no source: passes on the stub
        code, out = run(self.root, "scripts/check-handout", "--per-task", "--jobs", "1")
        self.assertEqual(code, 1, out)
        self.assertRegex(out, r"\[FAIL\] handout stub 0\.2: 1 test\(s\) pass on the stub .*Task0_2\.Trivial")
        self.assertRegex(out, r"\[FAIL\] per-task 0\.2: .*Task0_2\.Trivial")
        self.assertRegex(out.rstrip("\n").splitlines()[-1], r"^\d+ passed, 2 failed$")
        self.assertTrue(os.path.exists(os.path.join(self.root, "build", "check-handout", "logs")))


if __name__ == "__main__":
    unittest.main()
