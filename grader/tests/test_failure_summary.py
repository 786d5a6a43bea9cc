"""The failure summary on real outputs of failing tests (tests/data/failures: each file says which mistake
was planted in the reference and how it was graded; the messages are the GoogleTest report's, verbatim)."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

from gradelib import failure_summary, gtest, report  # noqa: E402
from gradelib.grading import FAIL, TESTS_FAILED, TaskResult  # noqa: E402
from gradelib.tasks import Task  # noqa: E402

DATA = os.path.join(os.path.dirname(__file__), "data", "failures")


def saved(name: str) -> dict:
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)["failures"]


def log_lines(message: str) -> list:
    lines = message.splitlines()
    return [l for l in lines[lines.index("Log:") + 1:] if l.strip()] if "Log:" in lines else []


class PropertySummary(unittest.TestCase):
    def every_saved(self):
        for name in sorted(os.listdir(DATA)):
            for test, message in saved(name).items():
                yield f"{name}: {test}", message

    def test_the_log_comes_right_after_the_falsifiable_line(self):
        for where, message in self.every_saved():
            log = log_lines(message)
            if not gtest.is_rapidcheck_failure(message) or not log:
                continue
            with self.subTest(where):
                summary = failure_summary.summarize(message)
                self.assertTrue(summary[0].startswith("Falsifiable after"), summary)
                self.assertEqual(summary[1:1 + len(log)], log)

    def test_what_restates_the_source_is_dropped(self):
        for where, message in self.every_saved():
            if not gtest.is_rapidcheck_failure(message):
                continue
            with self.subTest(where):
                text = "\n".join(failure_summary.summarize(message))
                self.assertNotIn("Expands to:\nfalse", text)
                self.assertNotIn("Expands to: false", text)
                self.assertNotIn("rapidcheck_once.cpp", text)  # the GoogleTest glue's place, not the test's
                self.assertNotIn("rapidcheck/gtest.h", text)
                if log_lines(message):
                    self.assertNotIn("RC_ASSERT(", text)  # the log explains; the source only restates

    def test_without_a_log_the_assertion_and_its_expansion_explain(self):
        message = saved("permute_backward_not_inverted.json")["Task2_4.PermuteTimesTensor"]
        summary = failure_summary.summarize(message)
        self.assertEqual(summary[0], "Falsifiable after 64 tests and 22 shrinks")
        self.assertEqual(summary[1], "at module2/tests/test_tensor_reference.cpp:111: "
                                     "RC_ASSERT(t::element(*a.grad(), i) == t::element(c, j))")
        self.assertEqual(summary[2], "Expands to: -0.01 == 0")
        self.assertIn("  std::vector<int>: [1, 2, 0]", summary)

    def test_a_gradient_check_shows_received_and_expected(self):
        summary = failure_summary.summarize(saved("permute_backward_not_inverted.json")["Task2_4.Permute"])
        self.assertTrue(summary[1].startswith("Gradient check error."), summary)
        self.assertIn("Received derivative -0.55", summary[2])
        self.assertIn("Counterexample:", summary)

    def test_the_counterexample_is_kept_whole_when_it_fits(self):
        message = saved("reduce_skips_last.json")["Task2_3.KernelsWriteNonContiguousOut"]
        summary = failure_summary.summarize(message)
        self.assertEqual(summary[1], "t::element(reduced, i): got 0, expected -0.01")
        self.assertEqual(summary[-5:], ["  minitorch::TensorData: <???>", "  minitorch::TensorData: <???>",
                                        "  std::vector<int>: [1]", "  int: 0", "  std::vector<int>: [1]"])
        self.assertFalse(any("more lines" in l for l in summary))

    def test_a_long_failure_is_cut_with_a_note(self):
        message = saved("reduce_skips_last.json")["Task2_3.KernelsWriteNonContiguousOut"]
        summary = failure_summary.summarize(message, limit=4)
        self.assertEqual(len(summary), 5)
        self.assertEqual(summary[1], "t::element(reduced, i): got 0, expected -0.01")
        self.assertIn("more lines; --verbose shows all", summary[-1])


class RaceSummary(unittest.TestCase):
    """A missing __syncthreads(): the simulator's race message is what a student reads first."""

    def test_a_property_shows_the_race_right_after_the_falsifiable_line(self):
        for name in ("race_no_barrier_in_reduce_tree.json", "race_no_barrier_after_practice_copy.json"):
            for test, message in saved(name).items():
                if not gtest.is_rapidcheck_failure(message):
                    continue
                with self.subTest(test):
                    summary = failure_summary.summarize(message)
                    self.assertIn("no __syncthreads() between them?", summary[1])
                    self.assertIn("the __shared__ array cache at [", summary[1])

    def test_an_escaped_exception_is_shown_without_the_unknown_place(self):
        failures = saved("race_no_barrier_in_reduce_tree.json")
        message = next(m for m in failures.values() if "C++ exception with description" in m)
        self.assertNotIn("unknown file", failures_summary_text(message))
        self.assertTrue(failure_summary.headline(message).startswith(
            "cudasim: kernel minitorch::sim::reduce_kernel<minitorch::elementwise::Add>, block (0,0,0): "
            "thread (1,0,0) writes the __shared__ array cache at [1], which thread (0,0,0) read since the "
            "__syncthreads() at module3/include/minitorch/cuda_kernels.cuh:131:16: no __syncthreads() between them?"))

    def test_the_copy_race_names_the_kernel_start(self):
        headline = failure_summary.headline(next(iter(saved("race_no_barrier_after_practice_copy.json").values())))
        self.assertIn("sum_practice_kernel", headline)
        self.assertIn("since the kernel began: no __syncthreads() between them?", headline)


def failures_summary_text(message: str) -> str:
    return "\n".join(failure_summary.summarize(message))


class GoogleTestSummary(unittest.TestCase):
    def test_a_plain_message_is_cut_at_the_limit(self):
        msg = "\n".join(f"l{i}" for i in range(30))
        lines = failure_summary.summarize(msg, 15)
        self.assertEqual(lines[:15], [f"l{i}" for i in range(15)])
        self.assertIn("15 more lines", lines[15])
        self.assertEqual(failure_summary.summarize("a\nb\n"), ["a", "b"])

    def test_the_values_of_an_equality_are_kept(self):
        message = saved("reduce_skips_last.json")["Task2_3.ReduceForwardAllDims"]
        summary = failure_summary.summarize(message)
        self.assertIn("    Which is: 20", summary)
        self.assertIn("    Which is: 27", summary)

    def test_headline(self):
        failures = saved("reduce_skips_last.json")
        self.assertEqual(failure_summary.headline(failures["Task2_3.Reduce_sum_red"]),
                         "element(got, index): got 0, expected -0.01")
        self.assertEqual(failure_summary.headline(failures["Task2_3.ReduceForwardAllDims"]),
                         "Expected equality of these values: s.item() Which is: 20 27.0 Which is: 27")
        self.assertTrue(failure_summary.headline(
            saved("permute_backward_not_inverted.json")["Task2_4.PermuteTimesTensor"]).startswith("at module2/"))


class Order(unittest.TestCase):
    def results(self):
        return [gtest.TestResult(f"Task2_3.{name}", status, message)
                for name, status, message in [("Reduce_sum_red", gtest.FAIL, "a"), ("Other", gtest.NOTRUN, "b"),
                                              ("ReduceForward", gtest.FAIL, "c"), ("Create", gtest.FAIL, "d"),
                                              ("Another", gtest.FAIL, "e")]]

    def test_by_the_first_pattern_then_failures_before_not_run_then_listing(self):
        names = [t.name.split(".")[1] for t in failure_summary.ordered(self.results(), ["Create", "Reduce*"])]
        self.assertEqual(names, ["Create", "Reduce_sum_red", "ReduceForward", "Another", "Other"])

    def test_without_an_order_failures_come_first_in_listing_order(self):
        names = [t.name.split(".")[1] for t in failure_summary.ordered(self.results(), [])]
        self.assertEqual(names, ["Reduce_sum_red", "ReduceForward", "Create", "Another", "Other"])

    def test_patterns_match_parameterized_names(self):
        tests = [gtest.TestResult("Task3_3.Compare_add_zip/cudasim_forward", gtest.FAIL, ""),
                 gtest.TestResult("Task3_3.SumPractice16/cudasim_forward", gtest.FAIL, "")]
        self.assertEqual([t.name for t in failure_summary.ordered(tests, ["SumPractice*"])][0],
                         "Task3_3.SumPractice16/cudasim_forward")


class TaskDetails(unittest.TestCase):
    def test_a_handful_whole_the_rest_one_line_each_with_a_command(self):
        failures = saved("reduce_skips_last.json")
        task = Task(id="2.3", module=2, title="Tensor operations", points=10, kind="tests", suite="Task2_3",
                    binary="test_module2", order=["ReduceForward*", "*"])
        tests = [gtest.TestResult(name, gtest.FAIL, message) for name, message in failures.items()]
        result = TaskResult(task=task, status=FAIL, passed=34, total=44, tests=tests, reason=TESTS_FAILED,
                            binary="build/grade/bin/test_module2", seed=7)
        lines = report.task_details(result, "build/grade/bin/test_module2")
        text = "\n".join(lines)
        whole = [l.strip() for l in lines if l.startswith("  FAILED") and ":" not in l]
        self.assertEqual(whole, ["FAILED Task2_3.ReduceForward", "FAILED Task2_3.ReduceForwardOneDim",
                                 "FAILED Task2_3.ReduceForwardOneDim2"])
        self.assertIn(f"  {len(tests) - 3} more failed tests (--verbose shows each whole):", lines)
        self.assertIn("  FAILED Task2_3.Reduce_sum_red: element(got, index): got 0, expected -0.01", lines)
        self.assertIn("--gtest_filter=Task2_3.ReduceForwardAllDims:Task2_3.Reduce_mean_full_red:", text)
        self.assertIn('RC_PARAMS="seed=7"', text)


if __name__ == "__main__":
    unittest.main()
