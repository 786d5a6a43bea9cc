"""Makes gradelib (grader/) and the test helpers (grader/tests/) importable."""
import os
import sys

TESTS = os.path.dirname(os.path.abspath(__file__))
GRADER = os.path.dirname(TESTS)
ROOT = os.path.dirname(GRADER)
for path in (GRADER, TESTS):
    if path not in sys.path:
        sys.path.insert(0, path)
