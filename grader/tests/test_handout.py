import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

from gradelib import classroom, handout, leaks, tasks  # noqa: E402

B, E = "// BEGIN SOLUTION", "// END SOLUTION"
HAVE_GIT = shutil.which("git") is not None

TASKS = {"course": "Mini", "rapidcheck_seed": 3, "tasks": [
    {"id": "0.1", "module": 0, "title": "Operators", "points": 10, "kind": "tests", "suite": "Task0_1",
     "binary": "test_module0", "timeout": 120, "files": ["module0/ops.h"]},
    {"id": "0.2", "module": 0, "title": 'Your "property" tests: part 1', "points": 2.5, "kind": "tests",
     "suite": "Task0_2", "binary": "test_module0", "timeout": 900, "files": ["module0/tests/t.cpp"]},
    {"id": "0.3", "module": 0, "title": "Write-up", "points": 5, "kind": "manual", "files": []},
    {"id": "4.4b", "module": 4, "title": "CUDA conv", "points": 5, "kind": "tests", "suite": "Task4_4b",
     "binary": "test_module4", "timeout": 60, "files": ["module4/conv.cu"]},
]}

OPS = (f"#pragma once\ninline double mul(double x, double y) {{\n  {B} 0.1\n  const double product_of_both = x * y;\n"
       f"  return product_of_both;\n  {E}\n}}\ninline double shared_helper_line(double v) {{ return v; }}\n"
       f"inline double id(double v) {{\n  {B} 0.1\n  inline double shared_helper_line(double v) {{ return v; }}\n"
       f"  {E}\n}}\n")
TEST = (f"TEST(Task0_2, Sym) {{\n  {B} 0.2\n  // STUB: MT_TODO(\"0.2\");  // write the property\n"
        f"  RC_ASSERT(mul(first_value, second_value) == mul(second_value, first_value));\n  {E}\n}}\n")
CONV = f"__global__ void conv() {{\n  {B} 4.4b\n  do_the_convolution_here();\n  {E}\n}}\n"
TEMPLATE = "# {{course}}\n\nStart with task {{first_task}} ({{total_points}} points).\n\n{{task_table}}\n"

FILES = {
    "grader/tasks.json": json.dumps(TASKS, indent=1),
    "grader/grade": "#!/usr/bin/env python3\nprint('grade')\n",
    "grader/gradelib/__init__.py": "",
    "grader/tests/test_x.py": "secret tests\n",
    "scripts/make-handout": "#!/bin/sh\n",
    "scripts/check-handout": "#!/bin/sh\n",
    "scripts/test": "#!/bin/sh\n",
    "scripts/setup": "#!/bin/sh\necho setup\n",
    "scripts/handout/README.student.md.in": TEMPLATE,
    ".ci/run": "#!/bin/sh\n",
    ".github/workflows/ci.yml": "name: CI\n",
    ".gitignore": "/build/\n",
    "README.md": "instructor readme\n",
    "CMakeLists.txt": "project(x)\n",
    "module0/ops.h": OPS,
    "module0/tests/t.cpp": TEST,
    "module0/README.md": "Example:\n\n    // BEGIN SOLUTION 0.1\n",  # docs may show markers
    "module4/conv.cu": CONV,
}
EXECUTABLE = {"grader/grade", "scripts/setup", "scripts/make-handout", "scripts/check-handout", "scripts/test", ".ci/run"}


def write_tree(root, files=FILES, git=True):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)
        if path in EXECUTABLE:
            os.chmod(full, 0o755)
    with open(os.path.join(root, "module0", "logo.png"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n\0\0" + bytes(range(256)))
    if git and HAVE_GIT:
        run = lambda *a: subprocess.run(["git", "-C", root, *a], check=True, stdout=subprocess.DEVNULL)  # noqa: E731
        run("init", "-q")
        run("add", "-A")
        run("-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", "commit", "-qm", "ref")
        # a developer's new file (untracked, not ignored) and a build output (ignored)
    with open(os.path.join(root, "module0", "new.h"), "w") as f:
        f.write("// new file\n")
    os.makedirs(os.path.join(root, "build"), exist_ok=True)
    with open(os.path.join(root, "build", "junk.o"), "w") as f:
        f.write("object\n")


class HandoutTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="handout-test-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.root = os.path.join(self.tmp, "ref")
        self.out = os.path.join(self.tmp, "out")
        write_tree(self.root)
        self.man = tasks.load(os.path.join(self.root, "grader", "tasks.json"))

    def read(self, path):
        with open(os.path.join(self.out, path), encoding="utf-8") as f:
            return f.read()

    def test_make(self):
        made = handout.make(self.root, self.out, self.man, git=False)
        listed = sorted(os.path.relpath(os.path.join(d, f), self.out)
                        for d, _, fs in os.walk(self.out) for f in fs)
        self.assertEqual(listed, made.files)
        for gone in ("grader/tests/test_x.py", "scripts/make-handout", "scripts/check-handout", "scripts/test",
                     "scripts/handout/README.student.md.in", ".ci/run", ".github/workflows/ci.yml",
                     "build/junk.o"):
            self.assertNotIn(gone, listed)
        for kept in ("grader/grade", "grader/tasks.json", "grader/gradelib/__init__.py", "scripts/setup",
                     ".gitignore", "CMakeLists.txt", "module0/README.md", "module0/logo.png",
                     ".github/workflows/classroom.yml", "README.md"):
            self.assertIn(kept, listed)
        if HAVE_GIT:
            self.assertIn("module0/new.h", listed)  # untracked but not ignored
        self.assertEqual(self.read("module0/ops.h"),
                         '#pragma once\ninline double mul(double x, double y) {\n  MT_TODO("0.1");\n}\n'
                         'inline double shared_helper_line(double v) { return v; }\n'
                         'inline double id(double v) {\n  MT_TODO("0.1");\n}\n')
        self.assertEqual(self.read("module0/tests/t.cpp"),
                         'TEST(Task0_2, Sym) {\n  MT_TODO("0.2");  // write the property\n}\n')
        self.assertEqual(self.read("module0/README.md"), FILES["module0/README.md"])  # byte for byte
        with open(os.path.join(self.out, "module0/logo.png"), "rb") as f, \
                open(os.path.join(self.root, "module0/logo.png"), "rb") as g:
            self.assertEqual(f.read(), g.read())
        for path in ("grader/grade", "scripts/setup"):
            self.assertTrue(os.stat(os.path.join(self.out, path)).st_mode & stat.S_IXUSR, path)
        self.assertFalse(os.stat(os.path.join(self.out, "module0/ops.h")).st_mode & stat.S_IXUSR)
        readme = self.read("README.md")
        self.assertTrue(readme.startswith("# Mini\n\nStart with task 0.1 (22.5 points)."))
        self.assertIn("| 0.2 | Your \"property\" tests: part 1 | 2.5 | `module0/tests/t.cpp` | "
                      "`grader/grade --task 0.2` |", readme)
        self.assertIn("| 0.3 | Write-up | 5 | - | hand (to hand in, below) |", readme)
        self.assertIn("- **0.3** Write-up: ask your instructor.", readme)
        self.assertEqual(self.read(".github/workflows/classroom.yml"), classroom.workflow(self.man))
        self.assertEqual(made.stripped, {"0.1": 2, "0.2": 1, "4.4b": 1})
        self.assertFalse(os.path.exists(os.path.join(self.out, ".git")))

    @unittest.skipUnless(HAVE_GIT, "git not installed")
    def test_git_single_commit(self):
        made = handout.make(self.root, self.out, self.man, git=True)
        self.assertTrue(made.committed)
        log = subprocess.run(["git", "-C", self.out, "log", "--format=%s|%an"], stdout=subprocess.PIPE).stdout.decode()
        self.assertEqual(log.strip(), "MiniTorch C++ student handout|MiniTorch")
        status = subprocess.run(["git", "-C", self.out, "status", "--porcelain"], stdout=subprocess.PIPE).stdout
        self.assertEqual(status, b"")

    def test_refusals(self):
        os.makedirs(self.out)
        with open(os.path.join(self.out, "keep.txt"), "w") as f:
            f.write("x")
        with self.assertRaisesRegex(handout.HandoutError, "not empty"):
            handout.make(self.root, self.out, self.man, git=False)
        self.assertTrue(os.path.exists(os.path.join(self.out, "keep.txt")))
        for bad in (self.root, self.tmp, "/", os.path.join(self.root, "module0"), os.path.join(self.root, "grader")):
            with self.assertRaises(handout.HandoutError):
                handout.make(self.root, bad, self.man, force=True, git=False)
        self.assertTrue(os.path.exists(os.path.join(self.root, "module0", "ops.h")))
        handout.make(self.root, self.out, self.man, force=True, git=False)
        self.assertFalse(os.path.exists(os.path.join(self.out, "keep.txt")))

    def test_marker_errors_write_nothing(self):
        with open(os.path.join(self.root, "module0", "ops.h"), "a") as f:
            f.write(f"{B} 0.1\nunterminated();\n")
        with self.assertRaisesRegex(handout.HandoutError, r"module0/ops\.h:\d+: error: BEGIN SOLUTION 0\.1 has no END"):
            handout.make(self.root, self.out, self.man, git=False)
        self.assertFalse(os.path.exists(self.out))

    def test_output_inside_the_tree_is_not_copied_into_itself(self):
        inside = os.path.join(self.root, "student")
        handout.make(self.root, inside, self.man, git=False)
        handout.make(self.root, inside, self.man, force=True, git=False)
        self.assertFalse(os.path.exists(os.path.join(inside, "student")))

    def test_without_git_walks_the_tree(self):
        plain = os.path.join(self.tmp, "plain")
        write_tree(plain, git=False)
        sources, used_git = handout.handout_sources(plain)
        self.assertFalse(used_git)
        self.assertIn("module0/new.h", sources)
        self.assertNotIn("build/junk.o", sources)
        self.assertNotIn("README.md", sources)

    def test_unknown_placeholder(self):
        with self.assertRaisesRegex(handout.HandoutError, "unknown placeholder"):
            handout.render_readme("{{nope}}", self.man)


class LeakTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="leak-test-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.root = os.path.join(self.tmp, "ref")
        self.out = os.path.join(self.tmp, "out")
        write_tree(self.root)
        self.man = tasks.load(os.path.join(self.root, "grader", "tasks.json"))
        handout.make(self.root, self.out, self.man, git=False)
        _, _, self.scan = handout.scan_reference(self.root, self.man)

    def append(self, path, text):
        with open(os.path.join(self.out, path), "a", encoding="utf-8") as f:
            f.write(text)

    def test_clean_handout(self):
        rep = leaks.check(self.out, self.scan)
        self.assertEqual(rep.violations, [])
        secret = leaks.solution_lines(self.scan)
        self.assertIn("const double product_of_both = x * y;", secret)
        self.assertIn("return product_of_both;", secret)
        self.assertNotIn("inline double shared_helper_line(double v) { return v; }", secret)  # also outside
        self.assertNotIn("}", secret)  # too short

    def test_leak_reported_with_both_places(self):
        self.append("module0/extra.h", "\n  const double product_of_both = x * y;\n")
        rep = leaks.check(self.out, self.scan)
        self.assertEqual(rep.leaks, ["handout/module0/extra.h:2: leaked solution line from ref/module0/ops.h:4"])

    def test_markers_left_and_git(self):
        self.append("module0/ops.h", f"  {E}\n")
        os.makedirs(os.path.join(self.out, ".git"))
        rep = leaks.check(self.out, self.scan)
        self.assertTrue(any(v.startswith("handout/module0/ops.h:") and "marker line" in v for v in rep.markers_left))
        self.assertTrue(rep.git)

    def test_docs_repeating_a_solution_leak_it(self):
        with open(os.path.join(self.root, "module0", "README.md"), "a") as f:
            f.write("    const double product_of_both = x * y;\n")
        _, _, scan = handout.scan_reference(self.root, self.man)
        self.assertIn("const double product_of_both = x * y;", leaks.solution_lines(scan))

    def test_reference_stub_warning(self):
        with open(os.path.join(self.root, "module0", "ops.h"), "a") as f:
            f.write('inline void todo() {\n  MT_TODO("0.1");\n}\n')
        _, _, scan = handout.scan_reference(self.root, self.man)
        self.assertEqual(len(leaks.reference_stubs(scan)), 1)


class ClassroomTest(unittest.TestCase):
    def setUp(self):
        self.man = tasks.parse(TASKS)
        self.text = classroom.workflow(self.man)
        self.lines = self.text.splitlines()

    def test_fixed_parts(self):
        for line in ("name: Autograding Tests", "on: [push, workflow_dispatch, repository_dispatch]",
                     "permissions:", "  checks: write", "  actions: read", "  contents: read",
                     "    runs-on: ubuntu-latest", "    container: debian:12",
                     "    if: github.actor != 'github-classroom[bot]'",
                     "        uses: actions/checkout@v4", "          scripts/setup",
                     "        uses: actions/cache/restore@v4", "        uses: actions/cache/save@v4",
                     "        uses: classroom-resources/autograding-grading-reporter@v1"):
            self.assertIn(line, self.lines)

    def test_one_step_per_graded_task(self):
        self.assertEqual(self.text.count("uses: classroom-resources/autograding-command-grader@v1"), 3)
        self.assertIn("        id: task-4-4b", self.lines)
        self.assertIn('          command: "grader/grade --task 4.4b"', self.lines)
        self.assertNotIn("task-0-3", self.text)  # manual
        self.assertIn('          test-name: "Task 0.2: Your \\"property\\" tests: part 1"', self.lines)
        self.assertIn("          max-score: 2.5", self.lines)
        timeouts = [int(l.split(":")[1]) for l in self.lines if l.strip().startswith("timeout:")]
        self.assertEqual(len(timeouts), 3)
        self.assertTrue(all(t >= 10 for t in timeouts))
        self.assertEqual(timeouts[1], 15 + classroom.BUILD_ALLOWANCE_MINUTES)  # 900 s

    def test_reporter_env_and_runners(self):
        self.assertIn('          TASK-0-1_RESULTS: "${{steps.task-0-1.outputs.result}}"', self.lines)
        self.assertIn('          TASK-4-4B_RESULTS: "${{steps.task-4-4b.outputs.result}}"', self.lines)
        self.assertEqual(self.lines[-1], "          runners: task-0-1,task-0-2,task-4-4b")

    def test_yaml_well_formed(self):
        for line in self.lines:
            if not line or line.lstrip().startswith("#"):
                continue
            indent = len(line) - len(line.lstrip(" "))
            self.assertEqual(indent % 2, 0, line)
            self.assertNotIn("\t", line)
            key, sep, value = line.strip().lstrip("- ").partition(": ")
            if value.startswith('"'):
                self.assertIsInstance(json.loads(value), str)  # a JSON string is a YAML double-quoted scalar
        ids = re.findall(r"^        id: (\S+)$", self.text, re.M)
        self.assertTrue(all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids))


if __name__ == "__main__":
    unittest.main()


class RepositoryHandoutTest(unittest.TestCase):
    """What the real repository's handout holds (the list of files, without writing it)."""

    def test_devcontainer_in_and_maintainer_tools_out(self):
        import json
        sources, _ = handout.handout_sources(_path.ROOT)
        self.assertIn(".devcontainer/devcontainer.json", sources)
        for tool in ("scripts/make-autograder", "scripts/test-autograder", "scripts/test", "scripts/make-handout"):
            self.assertNotIn(tool, sources)
        self.assertIn("scripts/setup", sources)
        with open(os.path.join(_path.ROOT, ".devcontainer", "devcontainer.json"), encoding="utf-8") as f:
            config = json.loads("\n".join(l for l in f.read().split("\n") if not l.strip().startswith("//")))
        self.assertEqual(config["image"], "debian:12")
        self.assertEqual(config["postCreateCommand"], "scripts/setup")
