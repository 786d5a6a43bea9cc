#!/usr/bin/env python3
"""torch_compare.py's reading of train_fast: runs the real program (the
binary in $TRAIN_FAST; CTest passes build/.../bin/train_fast) for a few
epochs and checks the figures it reads from the program's --json report
against that report. PyTorch is not needed.

    TRAIN_FAST=build/ci/bin/train_fast python3 module3/apps/test_torch_compare.py
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_compare  # noqa: E402

BINARY = os.environ.get("TRAIN_FAST", "")


def options(**changes) -> argparse.Namespace:
    base = dict(binary=BINARY, dataset="simple", pts=20, hidden=3, rate=0.5, epochs=3, batch=10, seed=0, threads=1)
    base.update(changes)
    return argparse.Namespace(**base)


@unittest.skipUnless(BINARY and os.path.isfile(BINARY), "set TRAIN_FAST to the train_fast program")
class ReadsTrainFast(unittest.TestCase):
    def real_report(self) -> dict:
        """The --json report of the same run torch_compare makes."""
        with tempfile.TemporaryDirectory() as out:
            path = os.path.join(out, "run.json")
            args = options()
            subprocess.run([BINARY, "--backend", "fast", "--dataset", args.dataset, "--pts", str(args.pts),
                            "--hidden", str(args.hidden), "--rate", str(args.rate), "--epochs", str(args.epochs),
                            "--batch", str(args.batch), "--seed", "0", "--threads", "1", "--out", out, "--json",
                            path], check=True, stdout=subprocess.DEVNULL)
            with open(path, encoding="utf-8") as f:
                return json.load(f)

    def test_summary_of_a_real_report(self):
        report = self.real_report()
        seconds, last = torch_compare.report_summary(report)
        times = sorted(e["seconds"] for e in report["epochs"])
        self.assertEqual(len(times), 3)
        self.assertGreaterEqual(seconds, times[0])
        self.assertLessEqual(seconds, times[-1])
        self.assertTrue(last.startswith("Epoch 3: loss "), last)

    def test_run_binary_gives_the_median_in_seconds(self):
        printed = io.StringIO()
        with redirect_stdout(printed):
            seconds = torch_compare.run_binary(options(), "fast")
        self.assertIsNotNone(seconds, printed.getvalue())
        # A 3-unit model on 20 points: well under a second per epoch (the
        # prose figure in milliseconds, read as seconds, was 1000 times off).
        self.assertGreater(seconds, 0.0)
        self.assertLess(seconds, 1.0)
        self.assertIn("train_fast --backend fast: Epoch 3: loss", printed.getvalue())

    def test_a_failing_program_is_reported_not_raised(self):
        printed = io.StringIO()
        with redirect_stdout(printed):
            seconds = torch_compare.run_binary(options(), "no-such-backend")
        self.assertIsNone(seconds)
        self.assertIn("failed", printed.getvalue())


class ReadsAReport(unittest.TestCase):
    def test_median_and_last_epoch(self):
        report = {"epochs": [{"epoch": 1, "loss": 2.5, "correct": 10, "total": 20, "seconds": 0.004},
                             {"epoch": 2, "loss": 1.25, "correct": 15, "total": 20, "seconds": 0.002}],
                  "result": {"median_seconds_per_epoch": 0.003}}
        seconds, last = torch_compare.report_summary(report)
        self.assertEqual(seconds, 0.003)
        self.assertEqual(last, "Epoch 2: loss 1.2500, correct 15/20, 2.000 ms")


if __name__ == "__main__":
    unittest.main()
