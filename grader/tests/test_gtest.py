import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

from gradelib import gtest  # noqa: E402

NOT_IMPL = ("Task 0.1 not implemented: double minitorch::sigmoid(double) "
            "(module0/include/minitorch/operators.h:42). Replace the MT_TODO line with your solution.")


class ListTest(unittest.TestCase):
    def test_parse_list(self):
        out = ("Running main() from ./googletest/src/gtest_main.cc\n"
               "Task0_1.\n  Relu\n  Sigmoid\n  DISABLED_Slow\n"
               "Task0_1_Param/Sizes.  # TypeParam = int\n  Works/0  # GetParam() = 3\n"
               "DISABLED_Task0_1.\n  Other\n")
        self.assertEqual(gtest.parse_list(out),
                         ["Task0_1.Relu", "Task0_1.Sigmoid", "Task0_1_Param/Sizes.Works/0"])

    def test_empty(self):
        self.assertEqual(gtest.parse_list("Running main() from x\n"), [])


class ConsoleTest(unittest.TestCase):
    def test_crash_in_running_test_and_reproduce(self):
        out = ("[ RUN      ] Task1_1.A\n[       OK ] Task1_1.A (0 ms)\n"
               "[ RUN      ] Task1_1.B\nx.cpp:3: Failure\nExpected 1\n[  FAILED  ] Task1_1.B (1 ms)\n"
               "[ RUN      ] Task1_1.C\nx.cpp:4: Skipped\nno CUDA device\n[  SKIPPED ] Task1_1.C (0 ms)\n"
               "[ RUN      ] Task1_1.D\n==1==ERROR: AddressSanitizer\n"
               'RC_PARAMS="reproduce=ABC="\n')
        c = gtest.parse_console(out)
        self.assertEqual(c.order, ["Task1_1.A", "Task1_1.B", "Task1_1.C", "Task1_1.D"])
        self.assertEqual(c.results["Task1_1.A"].status, gtest.PASS)
        self.assertEqual(c.results["Task1_1.B"].status, gtest.FAIL)
        self.assertIn("Expected 1", c.results["Task1_1.B"].message)
        self.assertEqual((c.results["Task1_1.C"].status, c.results["Task1_1.C"].message), (gtest.SKIP, "no CUDA device"))
        self.assertEqual(c.running, "Task1_1.D")
        self.assertEqual(c.reproduce, 'RC_PARAMS="reproduce=ABC="')

    def test_nothing_running_after_the_end(self):
        c = gtest.parse_console("[ RUN      ] A.B\n[       OK ] A.B (0 ms)\n")
        self.assertIsNone(c.running)


class ReportTest(unittest.TestCase):
    def test_parse_report(self):
        data = {"tests": 4, "testsuites": [{"name": "Task0_1", "testsuite": [
            {"name": "Pass", "status": "RUN", "result": "COMPLETED"},
            {"name": "Fail", "status": "RUN", "result": "COMPLETED",
             "failures": [{"failure": "a.cpp:1\nExpected x\n", "type": ""}, {"failure": "second", "type": ""}]},
            {"name": "Skip", "status": "RUN", "result": "SKIPPED"},
            {"name": "Skip2", "status": "RUN", "result": "SKIPPED", "skipped": [{"message": "a.cpp:2: Skipped\nno GPU"}]},
            {"name": "Off", "status": "NOTRUN", "result": "SUPPRESSED"}]}]}
        r = gtest.parse_report(json.dumps(data))
        self.assertEqual(r["Task0_1.Pass"].status, gtest.PASS)
        self.assertEqual(r["Task0_1.Fail"].status, gtest.FAIL)
        self.assertEqual(r["Task0_1.Fail"].message, "a.cpp:1\nExpected x\n\nsecond")
        self.assertEqual(r["Task0_1.Skip"].status, gtest.SKIP)
        self.assertEqual(r["Task0_1.Skip2"].message, "no GPU")
        self.assertEqual(r["Task0_1.Off"].status, gtest.NOTRUN)

    def test_not_a_report(self):
        with self.assertRaises(ValueError):
            gtest.parse_report("[]")
        with self.assertRaises(ValueError):
            gtest.parse_report("{")


class MessageTest(unittest.TestCase):
    def test_not_implemented_from_gtest_exception(self):
        msg = f'unknown file\nC++ exception with description "{NOT_IMPL}" thrown in the test body.'
        self.assertEqual(gtest.not_implemented(msg), NOT_IMPL)

    def test_not_implemented_from_rapidcheck(self):
        msg = ("/usr/include/rapidcheck/gtest.h:29\nFailed\nFalsifiable after 1 tests\n\ndouble:\n-100\n\n"
               f"Exception thrown with message:\n{NOT_IMPL}\n")
        self.assertEqual(gtest.not_implemented(msg), NOT_IMPL)
        self.assertTrue(gtest.is_rapidcheck_failure(msg))

    def test_not_implemented_other_wording(self):
        self.assertEqual(gtest.not_implemented("x\nfoo not implemented yet\n"), "foo not implemented yet")
        self.assertIsNone(gtest.not_implemented("Expected equality"))


if __name__ == "__main__":
    unittest.main()
