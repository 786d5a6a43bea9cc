"""The quizzes: identities, per-student numbers, answer files, grading and the commands."""
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

from gradelib import classroom, handout, tasks  # noqa: E402
from gradelib.quiz import answers, check, cli, forms, identity  # noqa: E402

ALICE, BOB = "alice/minitorch", "bob/minitorch"
CLEAN_ENV = {identity.ENV: "", "GITHUB_REPOSITORY": ""}


def manifest(explain=False):
    return tasks.parse({"quiz_explain": explain, "tasks": [
        {"id": f"Q{m}", "module": m, "title": f"Quiz {m}", "points": 10, "kind": "quiz",
         "files": [f"module{m}/quiz-answers.txt"]} for m in range(5)]})


def run_grade(root, *args, man=None):
    out = io.StringIO()
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), mock.patch.dict(os.environ, CLEAN_ENV):
        code = cli.main_grade(list(args), root, man or manifest())
    return code, out.getvalue() + err.getvalue()


class Course(unittest.TestCase):
    """A temporary course root with answer files."""

    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="quiz-")
        self.addCleanup(shutil.rmtree, self.root)
        self.bank = cli.quizzes()

    def write(self, module, text):
        path = os.path.join(self.root, f"module{module}", "quiz-answers.txt")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def answers_for(self, module, who):
        quiz = self.bank[module]
        return answers.template(quiz, who, check.reference_answers(quiz, who))


class IdentityTest(Course):
    def test_normalise(self):
        for text in ("Octo/Repo", "https://github.com/Octo/Repo.git", "git@github.com:octo/repo.git",
                     "ssh://git@github.com/octo/repo", "/home/me/src/octo/repo/", "https://x:tok@github.com/octo/repo"):
            self.assertEqual(identity.normalise(text), "octo/repo", text)
        for text in ("", "repo", "a b/c"):
            self.assertIsNone(identity.normalise(text), text)

    def test_order_of_sources(self):
        with mock.patch.dict(os.environ, CLEAN_ENV):
            self.assertIsNone(identity.derive(self.root))
            self.assertEqual(identity.derive(self.root, from_file="f/g").source, "the identity line of the answer file")
            with mock.patch.dict(os.environ, {"GITHUB_REPOSITORY": "Org/Student-Repo"}):
                found = identity.derive(self.root, from_file="f/g")
                self.assertEqual((found.name, found.source), ("org/student-repo", "GITHUB_REPOSITORY"))
                os.makedirs(os.path.join(self.root, "grader"))
                with open(os.path.join(self.root, identity.PIN_FILE), "w") as f:
                    f.write("# pinned\nmini/reference  # comment\n")
                self.assertEqual(identity.derive(self.root).name, "mini/reference")
                self.assertTrue(identity.pinned(self.root))
                with mock.patch.dict(os.environ, {identity.ENV: "ta/view"}):
                    self.assertEqual(identity.derive(self.root).name, "ta/view")
                    self.assertEqual(identity.derive(self.root, "Inst/Other").name, "inst/other")

    @unittest.skipUnless(shutil.which("git"), "git not installed")
    def test_origin_remote(self):
        subprocess.run(["git", "init", "-q", self.root], check=True)
        subprocess.run(["git", "-C", self.root, "remote", "add", "origin", "git@github.com:Org/Alice-MT.git"],
                       check=True)
        with mock.patch.dict(os.environ, CLEAN_ENV):
            found = identity.derive(self.root)
            self.assertEqual((found.name, found.source), ("org/alice-mt", "git remote origin"))
            sub = os.path.join(self.root, "sub")
            os.makedirs(sub)
            self.assertIsNone(identity.derive(sub))  # not the top of the checkout


class DrawTest(Course):
    def test_same_identity_same_numbers_other_identity_other_numbers(self):
        for module, quiz in self.bank.items():
            texts = {who: [quiz.draw(who, q).text for q in quiz.questions] for who in (ALICE, BOB)}
            self.assertEqual(texts[ALICE], [quiz.draw(ALICE, q).text for q in quiz.questions])
            self.assertNotEqual(texts[ALICE], texts[BOB], module)
            differing = sum(a != b for a, b in zip(texts[ALICE], texts[BOB]))
            self.assertGreaterEqual(differing, len(quiz.questions) // 2, module)

    def test_a_question_has_many_draws(self):
        quiz = self.bank[2]
        texts = {quiz.draw(f"student/{i}", quiz.questions[1]).text for i in range(20)}
        self.assertGreater(len(texts), 15)

    def test_each_identitys_answers_pass_and_the_others_fail(self):
        for module, quiz in self.bank.items():
            self.write(module, self.answers_for(module, ALICE))
        code, out = run_grade(self.root, "all", "--identity", ALICE)
        self.assertEqual(code, 0, out)
        self.assertTrue(out.rstrip().endswith("42 passed, 0 failed") or " 0 failed" in out.splitlines()[-1], out)
        code, out = run_grade(self.root, "all", "--identity", BOB)
        self.assertEqual(code, 1, out)
        for module, quiz in self.bank.items():
            file = answers.read(self.root, f"module{module}/quiz-answers.txt", quiz)
            mine = check.grade(None, quiz, ALICE, "test", file)
            other = check.grade(None, quiz, BOB, "test", file)
            self.assertEqual(mine.right, mine.total, module)
            self.assertLess(other.right, other.total - 2, module)
            for r in other.results:  # a numeric or shape answer drawn differently is wrong for the other
                if r.status == check.RIGHT and r.drawn.text != quiz.draw(ALICE, r.question).text:
                    self.assertIsInstance(r.drawn.form, (forms.Choice, forms.Order, forms.Tuple_, forms.Number))


class AnswerFileTest(Course):
    def test_malformed_answers_are_reported_by_question_and_line(self):
        quiz = self.bank[2]
        text = answers.template(quiz, ALICE).replace("q2 =", "q2 = twelve").replace("q1 =", "q1 = (2; 3)")
        text = text.replace("q5 =", "q5 = (2,,3)").replace("q9 =\n", "")  # q9 missing
        text += "q3 = (1, 2, 3)\nq3 = (3, 2, 1)\nq12 = 4\nthis line has no equals sign\n"
        self.write(2, text)
        lines = text.splitlines()
        code, out = run_grade(self.root, "2", "--identity", ALICE)
        self.assertEqual(code, 1)
        self.assertNotIn("Traceback", out)
        for key, answer in (("q1", "(2; 3)"), ("q2", "twelve"), ("q5", "(2,,3)")):
            line = lines.index(f"{key} = {answer}") + 1
            self.assertIn(f"module2/quiz-answers.txt:{line}: {key}: ", out)
        self.assertIn("'twelve' is not a number", out)
        self.assertIn("no line `q9 = ...`", out)
        self.assertIn("q3 is answered twice", out)
        self.assertIn(f"module2/quiz-answers.txt:{len(lines) - 1}: q12: quiz 2 has no question q12", out)
        self.assertIn(f"module2/quiz-answers.txt:{len(lines)}: expected `qN = answer`", out)
        self.assertIn("MALFORMED", out)

    def test_unreadable_files(self):
        quiz = self.bank[0]
        self.assertIn("no answer file", answers.read(self.root, "module0/quiz-answers.txt", quiz).problems[0].message)
        path = os.path.join(self.root, "module0", "quiz-answers.txt")
        os.makedirs(os.path.dirname(path))
        with open(path, "wb") as f:
            f.write(b"q1 = \xff\xfe\n")
        self.assertIn("not UTF-8", answers.read(self.root, "module0/quiz-answers.txt", quiz).problems[0].message)
        code, out = run_grade(self.root, "0", "--identity", ALICE)
        self.assertEqual(code, 1)
        self.assertIn("not UTF-8", out)
        self.assertNotIn("Traceback", out)

    def test_forms(self):
        shape = forms.Tuple_(none_ok=True)
        self.assertEqual(shape.parse("(5,)"), (5,))
        self.assertEqual(shape.parse(" 2, 3 "), (2, 3))
        self.assertEqual(shape.parse("()"), ())
        self.assertIsNone(shape.parse("None"))
        for bad in ("(2; 3)", "(2,,3)", "((2, 3))", "(2.5, 3)", "[2, 3"):
            with self.assertRaises(forms.AnswerError, msg=bad):
                shape.parse(bad)
        with self.assertRaises(forms.AnswerError):
            forms.Tuple_().parse("none")
        self.assertTrue(forms.Tuple_(ordered=False).right((2, 0), (0, 2)))
        number = forms.Number(1e-4)
        self.assertAlmostEqual(number.parse("1/3"), 1 / 3)
        self.assertTrue(number.right(0.33335, 1 / 3))
        self.assertFalse(number.right(0.334, 1 / 3))
        for bad in ("1/0", "nan", "inf", "1,5", ""):
            with self.assertRaises(forms.AnswerError, msg=bad):
                number.parse(bad)
        choice = forms.Choice(several=True)
        self.assertEqual(choice.parse("c, A"), ("a", "c"))
        self.assertEqual(choice.parse("none"), ())
        for bad in ("e", "a, a"):
            with self.assertRaises(forms.AnswerError):
                choice.parse(bad)
        with self.assertRaises(forms.AnswerError):
            forms.Choice().parse("a, b")
        order = forms.Order(("out", "a", "x"))
        self.assertEqual(order.parse("OUT, a x"), ("out", "a", "x"))
        for bad, why in (("out, a", "x is missing"), ("out, a, b, x", "'b' is not one of"), ("out, a, a, x", "twice")):
            with self.assertRaisesRegex(forms.AnswerError, why):
                order.parse(bad)


class GradeTest(Course):
    def test_empty_answers_score_zero_all_unanswered(self):
        for module, quiz in self.bank.items():
            self.write(module, answers.template(quiz))
        json_path = os.path.join(self.root, "r.json")
        code, out = run_grade(self.root, "all", "--identity", ALICE, "--json", json_path)
        self.assertEqual(code, 1)
        with open(json_path) as f:
            data = json.load(f)
        self.assertEqual(data["score"], 0)
        self.assertEqual(data["max_score"], 50)
        for q in data["quizzes"]:
            self.assertEqual(q["problems"], [])
            self.assertTrue(all(x["status"] == "unanswered" for x in q["questions"]))
        self.assertIn("Unanswered: q1, q2", out)

    def test_wrong_answer_says_form_section_and_working_when_allowed(self):
        quiz = self.bank[2]
        right = check.reference_answers(quiz, ALICE)
        wrong = dict(right, q2=str(int(right["q2"]) + 1))
        self.write(2, answers.template(quiz, ALICE, wrong))
        code, out = run_grade(self.root, "2", "--identity", ALICE)  # a handout: no working
        self.assertIn("expected a whole number, like 12", out)
        self.assertIn("Reread: module2/README.md § Task 2.1 — Tensor data: indexing", out)
        self.assertNotIn("The working", out)
        code, out = run_grade(self.root, "2", "--identity", ALICE, "--explain")
        self.assertEqual(code, 2)
        self.assertIn("turned the working off", out)
        code, out = run_grade(self.root, "2", "--identity", ALICE, man=manifest(explain=True))
        self.assertIn("The working, for your numbers:", out)
        self.assertIn(f"Answer: {right['q2']}", out)
        self.assertIn("8/9 right", out)

    def test_partial_score_and_gradescope(self):
        quiz = self.bank[0]
        right = check.reference_answers(quiz, ALICE)
        self.write(0, answers.template(quiz, ALICE, {k: v for k, v in right.items() if k in ("q1", "q2")}))
        path = os.path.join(self.root, "gs.json")
        run_grade(self.root, "0", "--identity", ALICE, "--gradescope", path)
        with open(path) as f:
            data = json.load(f)
        self.assertEqual(data["tests"][0]["score"], 2.5)
        self.assertEqual(data["tests"][0]["max_score"], 10)
        self.assertIn("quiz", data["tests"][0]["tags"])

    def test_identity_line_of_the_file_is_the_last_resort(self):
        quiz = self.bank[1]
        self.write(1, self.answers_for(1, BOB))
        code, out = run_grade(self.root, "1")
        self.assertEqual(code, 0, out)
        self.assertIn("the identity line of the answer file", out)
        code, out = run_grade(self.root, "1", "--identity", ALICE)
        self.assertEqual(code, 1)
        self.assertIn("its identity line says bob/minitorch", out)
        self.write(1, answers.template(quiz).replace("q2 =", "q2 = 3"))
        code, out = run_grade(self.root, "1")
        self.assertEqual(code, 2)
        self.assertIn("cannot tell whose quiz this is", out)
        self.write(1, answers.template(quiz))  # nothing answered: graded (0) without an identity
        code, out = run_grade(self.root, "1")
        self.assertEqual(code, 1)
        self.assertIn("0/8 right", out)
        self.assertIn("nothing is answered yet", out)

    def test_usage_errors(self):
        for args in (("7",), ("0", "--identity", "not an identity"), ("all", "--question", "q1")):
            code, out = run_grade(self.root, *args)
            self.assertEqual(code, 2, (args, out))

    def test_show_writes_the_quiz_and_the_answer_file(self):
        with mock.patch.dict(os.environ, CLEAN_ENV), contextlib.redirect_stdout(io.StringIO()):
            self.assertEqual(cli.main_show(["3", "--identity", ALICE], self.root, manifest()), 0)
        with open(os.path.join(self.root, "module3", "quiz.md")) as f:
            text = f.read()
        self.assertIn("alice/minitorch", text)
        self.assertIn(self.bank[3].draw(ALICE, self.bank[3].questions[0]).text, text)
        file = answers.read(self.root, "module3/quiz-answers.txt", self.bank[3])
        self.assertEqual((file.identity, file.problems), (ALICE, []))
        self.write(3, "q1 = 5\n")
        with mock.patch.dict(os.environ, CLEAN_ENV), contextlib.redirect_stdout(io.StringIO()):
            cli.main_show(["3", "--identity", BOB], self.root, manifest())
        file = answers.read(self.root, "module3/quiz-answers.txt", self.bank[3])
        self.assertEqual((file.identity, file.entries["q1"].text, file.problems), (BOB, "5", []))


class RepositoryTest(unittest.TestCase):
    """The reference edition: its answers score 100%; its handout's score 0; the manifest's consumers."""

    def test_reference_answers_score_full_marks(self):
        man = tasks.load(os.path.join(_path.ROOT, "grader", "tasks.json"))
        self.assertEqual([t.id for t in man.quizzes], ["Q0", "Q1", "Q2", "Q3", "Q4"])
        code, out = run_grade(_path.ROOT, "all", man=man)
        self.assertEqual(code, 0, out)
        self.assertIn("from grader/quiz-identity", out)

    def test_the_commands(self):
        env = dict(os.environ, **CLEAN_ENV)
        grade = os.path.join(_path.ROOT, "grader", "grade")
        done = subprocess.run([grade, "quiz", "all"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=env)
        self.assertEqual(done.returncode, 0, done.stdout)
        self.assertTrue(done.stdout.rstrip().endswith("42 passed, 0 failed"), done.stdout[-300:])
        done = subprocess.run([grade, "--task", "Q1"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertEqual(done.returncode, 2)
        self.assertIn("grader/grade quiz 1", done.stdout)
        done = subprocess.run([os.path.join(_path.ROOT, "grader", "quiz"), "show", "1", "--print", "--identity",
                               ALICE], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.assertEqual(done.returncode, 0, done.stdout)
        self.assertIn("# Quiz 1: Autodiff", done.stdout)
        self.assertIn("**alice/minitorch**", done.stdout)

    def test_gradescope_adds_the_quizzes_of_a_submission(self):
        import importlib.util
        work = tempfile.mkdtemp(prefix="quiz-gradescope-")
        self.addCleanup(shutil.rmtree, work)
        shutil.copytree(os.path.join(_path.ROOT, "grader"), os.path.join(work, "grader"),
                        ignore=shutil.ignore_patterns("tests", "quiz-identity", "__pycache__", "mutants"))
        for m in range(5):  # the reference's answer files, as a submission's: their identity line counts
            os.makedirs(os.path.join(work, f"module{m}"))
            shutil.copy(os.path.join(_path.ROOT, f"module{m}", "quiz-answers.txt"), os.path.join(work, f"module{m}"))
        results = os.path.join(work, "results", "results.json")
        os.makedirs(os.path.dirname(results))
        with open(results, "w") as f:
            json.dump({"score": 250, "output": "", "tests": [{"name": "Task 0.1", "score": 10, "max_score": 10}]}, f)
        spec = importlib.util.spec_from_file_location("autograde", os.path.join(_path.GRADER, "autograde.py"))
        autograde = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(autograde)
        with mock.patch.dict(os.environ, CLEAN_ENV):
            autograde.add_quizzes(work, results, tasks.load(os.path.join(work, "grader", "tasks.json")))
        with open(results) as f:
            data = json.load(f)
        quizzes = [t for t in data["tests"] if "quiz" in t.get("tags", [])]
        self.assertEqual([(t["number"], t["score"], t["status"]) for t in quizzes],
                         [(f"Q{m}", 10.0, "passed") for m in range(5)])
        self.assertEqual(data["score"], 300)
        self.assertIn("identity line of the answer file", quizzes[0]["output"])

    def test_grade_all_leaves_quizzes_out(self):
        man = tasks.load(os.path.join(_path.ROOT, "grader", "tasks.json"))
        self.assertTrue(all(not t.is_quiz for t in man.coding_tasks))
        self.assertEqual(sum(t.points for t in man.coding_tasks if t.graded and not t.extra_credit), 250)
        table = handout.task_table(man)
        self.assertIn("| | **Total** | **260** | | |", table)  # 250 and the 4.4b extra credit, as before
        self.assertIn("| Q2 | Quiz: Tensors | 10 | `module2/quiz-answers.txt` |", table)
        self.assertEqual(handout.quiz_templates(man)["module0/quiz-answers.txt"], answers.template(cli.quizzes()[0]))
        self.assertIn("grader/quiz-identity", handout.EXCLUDED_FILES)

    def test_classroom_quiz_steps_come_after_the_tasks(self):
        man = tasks.load(os.path.join(_path.ROOT, "grader", "tasks.json"))
        text = classroom.workflow(man)
        self.assertLess(text.index("id: task-4-5"), text.index("id: task-q0"))
        self.assertLess(text.index("id: task-q4"), text.index("Autograding Reporter"))
        self.assertIn('command: "grader/grade quiz 2"', text)
        self.assertIn("TASK-Q3_RESULTS", text)
        self.assertTrue(text.rstrip().endswith(",task-q0,task-q1,task-q2,task-q3,task-q4"))

    def test_manifest_rules_for_quizzes(self):
        good = {"id": "Q1", "module": 1, "title": "Quiz", "points": 5, "kind": "quiz", "files": ["module1/a.txt"]}
        self.assertTrue(tasks.parse({"tasks": [good]}).tasks[0].is_quiz)
        for bad in (dict(good, id="Q2"), dict(good, files=[]), dict(good, extra_credit=True),
                    {"id": "Q1", "module": 1, "title": "T", "kind": "tests", "suite": "S", "binary": "b"}):
            with self.assertRaises(tasks.ManifestError):
                tasks.parse({"tasks": [bad]})
        with self.assertRaises(tasks.ManifestError):
            tasks.parse({"quiz_explain": "yes", "tasks": [good]})


if __name__ == "__main__":
    unittest.main()
