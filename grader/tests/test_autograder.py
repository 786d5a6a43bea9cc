"""The Gradescope autograder's handling of a submission (gradelib/autograder.py)."""
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

from gradelib import autograder  # noqa: E402
from gradelib.tasks import parse  # noqa: E402

B, E = "// BEGIN SOLUTION", "// END SOLUTION"

REFERENCE = f"""#include "ops.h"

TEST(Task0_1, Relu) {{
  EXPECT_EQ(relu(-1.0), 0.0);
  EXPECT_EQ(relu(2.0), 2.0);
}}

// Your property of sigmoid.
RC_GTEST_PROP(Task0_2, Sigmoid, ()) {{
  {B} 0.2
  const double x = *gen();
  RC_ASSERT(sigmoid(x) >= 0.0);
  {E}
}}

RC_GTEST_PROP(Task0_2, Symmetric, ()) {{
  {B} 0.2
  RC_ASSERT(mul(2.0, 3.0) == mul(3.0, 2.0));
  {E}
}}

TEST(Task0_3, Sum) {{
  EXPECT_EQ(sum({{1.0, 2.0}}), 3.0);
}}
"""


class SpliceTest(unittest.TestCase):
    def setUp(self):
        self.seg = autograder.segments(REFERENCE, "module0/tests/t.cpp")
        self.handout = self.seg["fixed"][0]
        for stub, fixed in zip(self.seg["stubs"], self.seg["fixed"][1:]):
            self.handout += "\n" + stub + "\n" + fixed

    def test_segments(self):
        self.assertEqual(len(self.seg["stubs"]), 2)
        self.assertEqual(self.seg["stubs"][0].strip(), 'MT_TODO("0.2");')
        self.assertNotIn("sigmoid(x) >= 0.0", self.handout)

    def test_the_students_regions_and_the_reference_tests(self):
        student = (self.handout
                   .replace('MT_TODO("0.2");', "RC_ASSERT(my_property());", 1)
                   .replace('MT_TODO("0.2");', "RC_ASSERT(other());\n  RC_ASSERT(third());", 1)
                   # weakening a graded test outside the regions changes nothing
                   .replace("EXPECT_EQ(relu(-1.0), 0.0);", "// gone")
                   .replace("EXPECT_EQ(sum({1.0, 2.0}), 3.0);", "SUCCEED();"))
        text, notes = autograder.splice(student, self.seg)
        self.assertEqual(notes, [])
        self.assertIn("RC_ASSERT(my_property());", text)
        self.assertIn("RC_ASSERT(other());\n  RC_ASSERT(third());", text)
        self.assertIn("EXPECT_EQ(relu(-1.0), 0.0);", text)
        self.assertIn("EXPECT_EQ(sum({1.0, 2.0}), 3.0);", text)
        self.assertNotIn("// gone", text)
        self.assertNotIn("SUCCEED", text)
        self.assertNotIn("MT_TODO", text)

    def test_reindented_file(self):
        student = "\n".join("    " + l if l.strip() else l for l in self.handout.split("\n"))
        student = student.replace('MT_TODO("0.2");', "RC_ASSERT(true && yes());")
        text, notes = autograder.splice(student, self.seg)
        self.assertEqual(notes, [])
        self.assertEqual(text.count("RC_ASSERT(true && yes());"), 2)

    def test_the_reference_file_itself(self):
        text, notes = autograder.splice(REFERENCE, self.seg)
        self.assertEqual(notes, [])
        self.assertIn("RC_ASSERT(sigmoid(x) >= 0.0);", text)

    def test_a_lost_anchor_keeps_the_stub(self):
        student = self.handout.replace("RC_GTEST_PROP(Task0_2, Symmetric, ()) {", "RC_GTEST_PROP(Mine, X, ()) {")
        student = student.replace('MT_TODO("0.2");', "RC_ASSERT(mine());")
        text, notes = autograder.splice(student, self.seg, "t.cpp")
        self.assertEqual(len(notes), 1)
        self.assertIn("t.cpp: solution region 2", notes[0])
        self.assertIn("RC_GTEST_PROP(Task0_2, Symmetric, ()) {", text)
        self.assertIn('MT_TODO("0.2");', text)


class InstallTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="autograder-test-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.work = os.path.join(self.tmp, "work")
        self.sub = os.path.join(self.tmp, "submission")
        self.manifest = parse({"tasks": [
            {"id": "0.1", "module": 0, "title": "Ops", "points": 10, "suite": "Task0_1", "binary": "t",
             "files": ["module0/ops.h"]},
            {"id": "0.2", "module": 0, "title": "Tests", "points": 10, "suite": "Task0_2", "binary": "t",
             "files": ["module0/tests/t.cpp"]},
            {"id": "0.3", "module": 0, "title": "More", "points": 10, "suite": "Task0_3", "binary": "t",
             "files": ["module0/more.h"]}]})
        self.seg = autograder.segments(REFERENCE, "module0/tests/t.cpp")
        self.write(self.work, "module0/ops.h", 'MT_TODO("0.1");\n')
        self.write(self.work, "module0/more.h", 'MT_TODO("0.3");\n')
        self.write(self.work, "module0/tests/t.cpp", "handout\n")
        self.write(self.work, "module0/tests/other.cpp", "TEST(Task0_1, Reference) {}\n")

    def write(self, base, path, text):
        full = os.path.join(base, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)

    def read(self, path):
        with open(os.path.join(self.work, path)) as f:
            return f.read()

    def test_install(self):
        repo = os.path.join(self.sub, "minitorch-student-main")  # a repository one level down
        self.write(repo, "module0/ops.h", "double relu(double x) { return x > 0 ? x : 0; }\n")
        self.write(repo, "module0/tests/t.cpp", REFERENCE.replace("EXPECT_EQ(relu(2.0), 2.0);", ""))
        self.write(repo, "module0/tests/other.cpp", "// the student's edit of a reference test file\n")
        os.symlink("/etc/passwd", os.path.join(repo, "module0", "more.h"))
        done = autograder.install(self.work, self.sub, self.manifest, {"module0/tests/t.cpp": self.seg})
        self.assertEqual(done.root, repo)
        self.assertEqual(done.copied, ["module0/ops.h"])
        self.assertEqual(done.spliced, ["module0/tests/t.cpp"])
        self.assertEqual(done.missing, ["module0/more.h"])
        self.assertIn("module0/more.h: not a plain file", done.notes[0])
        self.assertIn("return x > 0", self.read("module0/ops.h"))
        self.assertEqual(self.read("module0/more.h"), 'MT_TODO("0.3");\n')
        self.assertEqual(self.read("module0/tests/other.cpp"), "TEST(Task0_1, Reference) {}\n")
        spliced = self.read("module0/tests/t.cpp")
        self.assertIn("EXPECT_EQ(relu(2.0), 2.0);", spliced)
        self.assertIn("RC_ASSERT(sigmoid(x) >= 0.0);", spliced)

    def test_empty_submission(self):
        os.makedirs(self.sub)
        done = autograder.install(self.work, self.sub, self.manifest, {"module0/tests/t.cpp": self.seg})
        self.assertEqual(sorted(done.missing), ["module0/more.h", "module0/ops.h", "module0/tests/t.cpp"])
        self.assertEqual(self.read("module0/ops.h"), 'MT_TODO("0.1");\n')


if __name__ == "__main__":
    unittest.main()
