"""Shared code of the MiniTorch C++ grader and the handout tools.

Python 3 standard library only (3.9+). The commands that use it are
grader/grade, scripts/make-handout and scripts/check-handout; each adds the
repository's grader/ directory to sys.path and imports gradelib.
"""
