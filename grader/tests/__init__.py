"""Unit tests of the grader and the handout tools: python3 -m unittest discover -s grader/tests"""
