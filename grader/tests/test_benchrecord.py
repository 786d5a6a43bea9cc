"""scripts/bench's parsing (gradelib/benchrecord.py) on the programs' real output forms."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

from gradelib import benchrecord  # noqa: E402

TIMING = """Matrix multiply timing: batch 2 of n x n @ n x n, float64, best of 5 (after a warm-up)
peak (AVX2 FMA loop): 50.4 GFLOP/s on 1 thread, 50.4 on one; 'peak' columns: share of the first
bench op=peak backend=fma_loop n=1 seconds=0 rate=0 gflops=50.4 core_gflops=50.4 loop=AVX2_FMA
bench op=matmul backend=simple n=64 seconds=0.0019 rate=33684.2 batch=2 gflops=0.55 peak_share=0.011
bench op=matmul backend=fast n=64 seconds=2.5e-05 rate=2.56e+06 batch=2 gflops=41.9 peak_share=0.832
bench op=matmul backend=openblas_1_threads n=64 seconds=3e-05 rate=2.1e+06 batch=2 gflops=34.9 peak_share=0.693
bench op=matmul backend=openblas_2_threads n=64 seconds=2e-05 rate=3.2e+06 batch=2 gflops=52.4 peak_share=1.04
bench op=matmul backend=fast n=1024 seconds=0.1 rate=10240 batch=2 gflops=42.9 peak_share=0.851

wrote /tmp/timing.svg
"""

CONV = """bench op=conv1d_(10,50,60) backend=loop n=60000 seconds=0.02 rate=3e+06 pass=forward
bench op=conv1d_(10,50,60) backend=fast n=60000 seconds=0.001 rate=6e+07 threads=1 pass=forward
bench op=conv1d_(10,50,60) backend=fast n=60000 seconds=0.004 rate=1.5e+07 threads=1 pass=backward
bench op=conv1d_(10,50,60) backend=torch n=60000 seconds=0.002 rate=3e+07 threads=1 pass=forward
"""

MNIST = """Training the LeNet-like network on Fashion-MNIST: 5000 training images
Epoch 1/3  loss 1.2499  train acc  53.6% (2681/5000)  valid acc  67.2% (672/1000)  time per epoch 2.012 s
Epoch 2/3  loss 0.8  train acc  70.0% (3500/5000)  valid acc  71.0% (710/1000)  time per epoch 1.5 s
Epoch 3/3  loss 0.7  train acc  75.0% (3750/5000)  valid acc  74.0% (740/1000)  time per epoch 1.7 s
Trained model: 740/1000 correct after epoch 3; time per epoch: mean 1.737 s, median 1.700 s
"""

TORCH_MNIST = """time per epoch (5000 images, batch 16, 1 threads):
                                    median          best     median / fastest median
  PyTorch (CPU, float64)             0.712 s       0.690 s     1.00x
"""

TORCH_FAST = """median time per epoch (split, 50 points, hidden 100, batch 10, 1 threads):
  minitorch fast              0.400 ms      1.0x the fastest
  PyTorch (CPU, float64)      0.850 ms      2.1x the fastest
"""


class ParseCases(unittest.TestCase):
    def test_reads_bench_lines_only_with_numbers(self):
        cases = benchrecord.parse_cases(TIMING)
        self.assertEqual(len(cases), 6)
        self.assertEqual(cases[0]["op"], "peak")
        self.assertEqual(cases[0]["loop"], "AVX2_FMA")
        fast = cases[2]
        self.assertEqual(fast["n"], 64)
        self.assertIsInstance(fast["n"], int)
        self.assertAlmostEqual(fast["seconds"], 2.5e-05)
        self.assertAlmostEqual(fast["peak_share"], 0.832)

    def test_a_line_without_seconds_is_no_case(self):
        self.assertEqual(benchrecord.parse_cases("bench op=x backend=y\nbenchmark op=x backend=y seconds=1\n"), [])


class Rows(unittest.TestCase):
    def test_timing_rows_pair_fast_with_openblas_of_the_same_threads(self):
        rows = benchrecord.timing_rows(benchrecord.parse_cases(TIMING), 1)
        self.assertEqual([r["case"] for r in rows],
                         ["matmul n=64 batch=2 threads=1", "matmul n=1024 batch=2 threads=1"])
        self.assertAlmostEqual(rows[0]["ratio"], 2.5e-05 / 3e-05)
        self.assertIn("83% of peak", rows[0]["note"])
        self.assertIn("peak 50.4 GFLOP/s", rows[0]["note"])
        self.assertIsNone(rows[1]["ratio"])  # no OpenBLAS at n = 1024
        self.assertEqual(rows[1]["reference_s"], None)

    def test_conv_rows_prefer_pytorch_and_fall_back_to_the_loop(self):
        rows = benchrecord.bench_conv_rows(benchrecord.parse_cases(CONV))
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[0]["reference"], "PyTorch")
        self.assertAlmostEqual(rows[0]["ratio"], 0.5)
        self.assertEqual(rows[1]["reference"], "plain loop")
        self.assertIsNone(rows[1]["ratio"])  # the loop has no backward pass

    def test_bench_ops_rows(self):
        text = ("bench op=map_neg backend=fast n=1000 seconds=2e-07 rate=5e9\n"
                "bench op=map_neg backend=plain_loop n=1000 seconds=4e-07 rate=2.5e9\n")
        (only,) = benchrecord.bench_ops_rows(benchrecord.parse_cases(text), 2)
        self.assertEqual(only["case"], "map_neg n=1000 threads=2")
        self.assertAlmostEqual(only["ratio"], 0.5)


class BestOf(unittest.TestCase):
    def test_least_of_each_side_and_the_ratio_of_those(self):
        first = [benchrecord.row("timing", "n=64", "fast", 2.0, "OpenBLAS", 1.0, "first"),
                 benchrecord.row("train_fast", "t", "fast", 3.0, "PyTorch", None)]
        second = [benchrecord.row("timing", "n=64", "fast", 1.5, "OpenBLAS", 1.2, "second"),
                  benchrecord.row("train_fast", "t", "fast", 4.0, "PyTorch", None),
                  benchrecord.row("bench_ops", "new", "fast", 1.0, "plain loop", 2.0)]
        merged = benchrecord.best_of([first, second])
        self.assertEqual([m["case"] for m in merged], ["n=64", "t", "new"])
        # The note of the run that gave the least of ours: its numbers match.
        self.assertEqual((merged[0]["ours_s"], merged[0]["reference_s"], merged[0]["note"]), (1.5, 1.0, "second"))
        self.assertAlmostEqual(merged[0]["ratio"], 1.5)
        self.assertEqual(merged[1]["ours_s"], 3.0)
        self.assertIsNone(merged[1]["ratio"])
        self.assertEqual(first[0]["ours_s"], 2.0)  # the runs are not changed


class Training(unittest.TestCase):
    def test_mnist_median_and_best_epoch(self):
        median, best = benchrecord.epoch_seconds(MNIST)
        self.assertAlmostEqual(median, 1.7)
        self.assertAlmostEqual(best, 1.5)
        self.assertIsNone(benchrecord.epoch_seconds("Epoch 1/1 crashed"))

    def test_torch_rows_in_seconds_and_milliseconds(self):
        self.assertAlmostEqual(benchrecord.torch_seconds(TORCH_MNIST), 0.712)
        self.assertAlmostEqual(benchrecord.torch_seconds(TORCH_FAST), 0.85e-3)
        self.assertIsNone(benchrecord.torch_seconds("PyTorch is not installed: no PyTorch column"))

    def test_training_report(self):
        report = {"result": {"median_seconds_per_epoch": 0.0004, "seconds_per_epoch": 0.0005},
                  "epochs": [{"epoch": 50, "loss": 3.25, "correct": 49, "total": 50, "seconds": 0.0004}]}
        seconds, note = benchrecord.training_report_seconds(report)
        self.assertAlmostEqual(seconds, 0.0004)
        self.assertEqual(note, "epoch 50: loss 3.25, 49/50 correct")


class Markdown(unittest.TestCase):
    def test_table_with_and_without_an_earlier_record(self):
        now = [benchrecord.row("timing", "n=64", "fast", 0.5e-3, "OpenBLAS", 1e-3, "x")]
        table = benchrecord.markdown(now)
        self.assertIn("| timing | n=64 | fast 0.500 ms | OpenBLAS 1.000 ms | 0.50 | x |", table)
        before = [benchrecord.row("timing", "n=64", "fast", 1e-3, "OpenBLAS", 1e-3)]
        compared = benchrecord.markdown(now, before)
        self.assertIn("| 0.50 | 1.00 | 0.50 | x |", compared)
        missing = benchrecord.markdown([benchrecord.row("train_mnist", "c", "fast", 2.0, "PyTorch", None)], [])
        self.assertIn("| fast 2.000 s | PyTorch - | - | - | - |", missing)


if __name__ == "__main__":
    unittest.main()
