import os
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

import fakegtest  # noqa: E402
from gradelib import grading, gtest, proc  # noqa: E402
from gradelib.tasks import Task  # noqa: E402


def make_task(suite="Task0_1", timeout=30, binary="test_module0"):
    return Task(id="0.1", module=0, title="Operators", points=10, kind="tests", suite=suite,
                binary=binary, timeout=timeout, files=["a.h"])


class RunTaskTest(unittest.TestCase):
    def setUp(self):
        self.build = tempfile.mkdtemp(prefix="grade-test-")
        self.addCleanup(shutil.rmtree, self.build)

    def grade(self, spec, **kw):
        fakegtest.write_program(os.path.join(self.build, "bin", "test_module0"), fakegtest.tests_of(spec))
        return grading.run_task(make_task(**kw), self.build, seed=42)

    def test_all_pass(self):
        r = self.grade("Task0_1.A=pass Task0_1.B=pass Other.C=fail:x")
        self.assertEqual((r.status, r.passed, r.total, r.score, r.reason), (grading.PASS, 2, 2, 10, ""))

    def test_failure_counts_and_messages(self):
        r = self.grade("Task0_1.A=pass Task0_1.B=fail:Expected_equality")
        self.assertEqual((r.status, r.passed, r.total, r.score), (grading.FAIL, 1, 2, 0))
        self.assertEqual([t.name for t in r.failed_tests], ["Task0_1.B"])
        self.assertIn("Expected_equality", r.failed_tests[0].message)
        self.assertEqual(r.command_for("Task0_1.B", "build/grade/bin/test_module0"),
                         'RC_PARAMS="seed=42" build/grade/bin/test_module0 --gtest_filter=Task0_1.B')

    def test_not_implemented(self):
        r = self.grade("Task0_1.Relu=notimpl:0.1 Task0_1.Sigmoid=rcnotimpl:0.1")
        self.assertEqual((r.status, r.passed), (grading.FAIL, 0))
        self.assertTrue(r.mentions_not_implemented())
        found = r.not_implemented()
        self.assertEqual(len(found), 2)
        self.assertTrue(all(s.startswith("Task 0.1 not implemented: double minitorch::") for s in found))

    def test_rapidcheck_reproduce(self):
        r = self.grade("Task0_1.Prop=rcfail Task0_1.Plain=fail:no")
        self.assertEqual(r.reproduce, 'RC_PARAMS="reproduce=BYBVhN3aFAKE"')
        self.assertEqual(r.command_for("Task0_1.Prop", "bin/t"),
                         'RC_PARAMS="reproduce=BYBVhN3aFAKE" bin/t --gtest_filter=Task0_1.Prop')
        self.assertEqual(r.command_for("Task0_1.Plain", "bin/t"), 'RC_PARAMS="seed=42" bin/t --gtest_filter=Task0_1.Plain')
        self.assertIn("Falsifiable after 3 tests and 2 shrinks", r.failed_tests[0].message)

    def test_segfault_names_signal_and_test(self):
        r = self.grade("Task0_1.A=pass Task0_1.B=segv Task0_1.C=pass")
        self.assertEqual(r.status, grading.FAIL)
        self.assertIn("SIGSEGV", r.reason)
        self.assertIn("Task0_1.B", r.reason)
        statuses = {t.name: t.status for t in r.tests}
        self.assertEqual(statuses, {"Task0_1.A": gtest.PASS, "Task0_1.B": gtest.FAIL, "Task0_1.C": gtest.NOTRUN})
        self.assertEqual((r.passed, r.total), (1, 3))

    def test_crash_keeps_what_the_test_printed(self):
        r = self.grade("Task0_1.A=print-then-segv")
        self.assertIn("AddressSanitizer", r.failed_tests[0].message)

    def test_abort(self):
        r = self.grade("Task0_1.A=abort")
        self.assertIn("SIGABRT", r.reason)

    def test_exit_without_report(self):
        r = self.grade("Task0_1.A=pass Task0_1.B=exit:3")
        self.assertEqual(r.status, grading.FAIL)
        self.assertIn("exited with status 3 in test Task0_1.B", r.reason)

    def test_timeout_kills_and_reports(self):
        start = time.monotonic()
        r = self.grade("Task0_1.A=pass Task0_1.B=hang", timeout=1.5)
        self.assertLess(time.monotonic() - start, 20)
        self.assertEqual(r.status, grading.FAIL)
        self.assertIn("timed out after 1.5 s in test Task0_1.B", r.reason)

    def test_all_skipped_is_skip(self):
        r = self.grade("Task0_1.A=skip:no_CUDA_device Task0_1.B=skip:no_CUDA_device")
        self.assertEqual((r.status, r.reason, r.score), (grading.SKIP, "no_CUDA_device", 0))

    def test_skip_and_pass_is_skip(self):
        r = self.grade("Task0_1.A=pass Task0_1.B=skip:no_GPU")
        self.assertEqual(r.status, grading.SKIP)
        self.assertIn("1 of 2 tests skipped: no_GPU", r.reason)

    def test_skip_and_fail_is_fail(self):
        r = self.grade("Task0_1.A=fail:x Task0_1.B=skip:no_GPU")
        self.assertEqual(r.status, grading.FAIL)

    def test_no_tests(self):
        r = self.grade("Other.A=pass")
        self.assertEqual(r.status, grading.FAIL)
        self.assertIn("no tests named Task0_1.*", r.reason)

    def test_missing_program(self):
        r = grading.run_task(make_task(binary="test_module9"), self.build, seed=1)
        self.assertEqual(r.status, grading.FAIL)
        self.assertIn("was not built", r.reason)

    def test_crash_after_report(self):
        os.environ["FAKE_EXIT_STATUS"] = "134"
        try:
            r = self.grade("Task0_1.A=pass")
        finally:
            del os.environ["FAKE_EXIT_STATUS"]
        self.assertEqual(r.status, grading.FAIL)
        self.assertIn("after writing its test report", r.reason)

    def test_manual_and_failed(self):
        t = make_task()
        self.assertEqual(grading.manual(t).status, grading.MANUAL)
        self.assertEqual(grading.failed(t, "build failed").reason, "build failed")


class ProcTest(unittest.TestCase):
    def test_output_and_status(self):
        done = proc.run([sys.executable, "-c", "import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)"])
        self.assertEqual(done.returncode, 3)
        self.assertIn("out", done.output)
        self.assertIn("err", done.output)

    def test_timeout_kills_the_group(self):
        code = ("import subprocess, sys, time; "
                "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); time.sleep(60)")
        start = time.monotonic()
        done = proc.run([sys.executable, "-c", code], timeout=1)
        self.assertTrue(done.timed_out)
        self.assertLess(time.monotonic() - start, 15)

    def test_signal_name(self):
        done = proc.run([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"])
        self.assertEqual(done.signal_name, "SIGSEGV")

    def test_cannot_start(self):
        done = proc.run(["/nonexistent/program"])
        self.assertIsNone(done.returncode)
        self.assertIn("cannot run", done.error)


if __name__ == "__main__":
    unittest.main()
