import os
import shutil
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

import fakegtest  # noqa: E402
from gradelib import grading, gtest, proc, report, sandbox  # noqa: E402
from gradelib.tasks import Task  # noqa: E402

MiB = 1 << 20


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
        # A's `[ OK ]` line is not confirmed by a report: never counted as a pass.
        self.assertEqual(statuses, {"Task0_1.A": gtest.NOTRUN, "Task0_1.B": gtest.FAIL, "Task0_1.C": gtest.NOTRUN})
        self.assertEqual((r.passed, r.total), (0, 3))
        self.assertIn("not counted", r.tests[0].message)

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


class HostileTest(unittest.TestCase):
    """Broken and hostile test programs (issue 11, section 3): never a pass, always a message."""

    def setUp(self):
        self.build = tempfile.mkdtemp(prefix="grade-test-")
        self.addCleanup(shutil.rmtree, self.build)
        self.box = sandbox.Sandbox(limits=sandbox.Limits(memory=1024 * MiB, file_size=1 * MiB, output=4 * MiB,
                                                         processes=256))

    def grade(self, spec, env=None, box=None, python="", **kw):
        fakegtest.write_program(os.path.join(self.build, "bin", "test_module0"), fakegtest.tests_of(spec), python)
        saved = {k: os.environ.get(k) for k in (env or {})}
        os.environ.update(env or {})
        try:
            return grading.run_task(make_task(**kw), self.build, seed=42, sandbox=box or self.box)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    def assert_no_pass(self, r, *tests):
        self.assertEqual((r.status, r.score), (grading.FAIL, 0))
        passed = [t.name for t in r.tests if t.status == gtest.PASS]
        for name in tests:
            self.assertNotIn(name, passed)

    def details(self, r):
        return "\n".join(report.task_details(r, "bin/test_module0"))

    def test_exit_0_halfway(self):
        r = self.grade("Task0_1.A=pass Task0_1.B=exit:0 Task0_1.C=pass")
        self.assert_no_pass(r, "Task0_1.A", "Task0_1.B", "Task0_1.C")
        self.assertIn("exited with status 0 in test Task0_1.B without writing its test report", r.reason)

    def test_abort_and_segfault_fail_every_unfinished_test(self):
        for what, sig in (("abort", "SIGABRT"), ("segv", "SIGSEGV")):
            r = self.grade(f"Task0_1.A=pass Task0_1.B={what} Task0_1.C=pass")
            self.assert_no_pass(r, "Task0_1.B", "Task0_1.C")
            self.assertEqual(r.passed, 0)
            text = self.details(r)
            for needed in ("Task 0.1: Operators", "Task0_1.B", sig):
                self.assertIn(needed, text)

    def test_fake_ok_line_then_exit(self):
        r = self.grade("Task0_1.A=pass Task0_1.B=fakeok Task0_1.C=pass")
        self.assert_no_pass(r, "Task0_1.B", "Task0_1.C")
        self.assertEqual(r.passed, 0)

    def test_fake_ok_line_then_a_failure(self):
        r = self.grade("Task0_1.A=pass Task0_1.B=fakeok-fail")
        self.assert_no_pass(r, "Task0_1.B")
        self.assertIn("disagree on Task0_1.B", r.reason)

    def test_forged_report(self):
        # The report says every test passed, the console and the exit status say otherwise.
        r = self.grade("Task0_1.A=pass Task0_1.B=fail:wrong", env={"FAKE_REPORT": "allpass"})
        self.assert_no_pass(r, "Task0_1.B")
        self.assertIn("no test is counted as passed", r.reason)
        # The exit status alone contradicting the report.
        r = self.grade("Task0_1.A=pass Task0_1.B=fail:wrong", env={"FAKE_EXIT_STATUS": "0"})
        self.assert_no_pass(r, "Task0_1.B")
        self.assertIn("exited with status 0 although its test report says Task0_1.B failed", r.reason)

    def test_report_must_list_exactly_the_listed_tests(self):
        r = self.grade("Task0_1.A=pass Task0_1.B=pass", env={"FAKE_REPORT": "missing"})
        self.assertEqual(r.status, grading.FAIL)
        self.assertIn("lacks 1 of the 2 listed tests (Task0_1.B)", r.reason)
        r = self.grade("Task0_1.A=pass Task0_1.B=pass", env={"FAKE_REPORT": "dup"})
        self.assertEqual(r.status, grading.FAIL)
        self.assertIn("lists Task0_1.A twice", r.reason)

    def test_forged_rapidcheck_line(self):
        r = self.grade("Task0_1.A=fakerc Task0_1.B=fail:x")
        self.assertIsNone(r.reproduce)
        self.assertNotIn("touch", self.details(r))

    # An infinite loop: RunTaskTest.test_timeout_kills_and_reports.

    def test_10_gb_allocation_fails_with_a_message(self):
        r = self.grade("Task0_1.A=alloc")
        self.assert_no_pass(r, "Task0_1.A")
        self.assertIn("std::bad_alloc", r.tests[0].message)
        self.assertIn("memory limit of 1 GiB", r.tests[0].message)

    def test_fork_loop_leaves_nothing_behind(self):
        pids_file = os.path.join(self.build, "pids")
        start = time.monotonic()
        r = self.grade("Task0_1.A=forkloop", env={"FAKE_PIDS": pids_file}, timeout=2)
        self.assertLess(time.monotonic() - start, 30)
        self.assert_no_pass(r, "Task0_1.A")
        self.assertIn("timed out after 2 s in test Task0_1.A", r.reason)
        with open(pids_file) as f:
            pids = [int(p) for p in f.read().split()]
        self.assertTrue(pids)
        time.sleep(0.2)
        alive = []
        for pid in pids:
            try:
                with open(f"/proc/{pid}/stat") as f:
                    if f.read().split(") ", 1)[1][0] != "Z":
                        alive.append(pid)
            except OSError:
                pass
        self.assertEqual(alive, [], "children that left the process group are still running")

    def test_gigabytes_of_output_are_cut_off(self):
        start = time.monotonic()
        r = self.grade("Task0_1.A=flood Task0_1.B=pass", timeout=60)
        self.assertLess(time.monotonic() - start, 30)
        self.assert_no_pass(r, "Task0_1.A", "Task0_1.B")
        self.assertIn("was killed for writing more than its output limit (the limit is 4 MiB) in test Task0_1.A",
                      r.reason)
        self.assertLess(len(r.output), proc.HEAD_BYTES + proc.TAIL_LINES * 1100 + 1000)

    def test_a_long_line_is_cut(self):
        r = self.grade("Task0_1.A=longline")
        self.assertEqual(r.status, grading.FAIL)
        self.assertLess(len(r.output), 100_000)
        self.assertIn("characters of this line left out", r.output)

    def test_file_size_limit(self):
        r = self.grade("Task0_1.A=bigfile")
        self.assert_no_pass(r, "Task0_1.A")

    def test_limits_and_working_directory(self):
        r = self.grade("Task0_1.A=limits")
        message = r.tests[0].message
        self.assertIn(f"data={1024 * MiB} fsize={1 * MiB}", message)
        self.assertIn("core=0", message)
        cwd = message.split("cwd=")[1].split()[0]
        self.assertIn("minitorch-grade-", cwd)
        self.assertIn(f"tmpdir={cwd} home={cwd}", message)
        self.assertFalse(os.path.exists(cwd), "the run's directory is removed")

    @unittest.skipUnless(os.geteuid() == 0 and os.path.exists("/usr/bin/python3"),
                         "runs test programs as another user only as root (and needs a python3 it can run)")
    def test_runs_as_an_unprivileged_user(self):
        import pwd
        nobody = pwd.getpwnam("nobody")
        os.chmod(self.build, 0o755)
        box = sandbox.Sandbox(limits=self.box.limits,
                              account=sandbox.Account("nobody", nobody.pw_uid, nobody.pw_gid))
        r = self.grade("Task0_1.A=limits Task0_1.B=pass", box=box, python="/usr/bin/python3")
        self.assertTrue(sandbox.can_run(box.account, os.path.join(self.build, "bin", "test_module0")))
        message = r.tests[0].message
        self.assertIn(f"uid={nobody.pw_uid} ", message)
        self.assertIn("nproc=256", message)
        self.assertEqual(r.tests[1].status, gtest.PASS, r.output)
        os.chmod(self.build, 0o700)
        self.assertFalse(sandbox.can_run(box.account, os.path.join(self.build, "bin", "test_module0")))


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
