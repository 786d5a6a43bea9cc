"""The course's quizzes: one per module, numbers drawn per student, graded offline.

draw.py (the per-student numbers), identity.py (whose quiz), forms.py (how an
answer is written and compared), bank.py (questions), bank_m0.py .. bank_m4.py
(the questions of each module), answers.py (the answer files), check.py
(grading one quiz), render.py (the quiz as Markdown and the report), cli.py
(`grader/quiz show N`, `grader/grade quiz N|all`).
"""
