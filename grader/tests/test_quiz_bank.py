"""The quizzes' questions are right: each answer checked by an independent computation."""
import itertools
import math
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

from gradelib.quiz import bank_m0, bank_m1, bank_m2, bank_m4, cli, forms  # noqa: E402

IDENTITIES = [f"student{i}/minitorch-{i % 7}" for i in range(40)]


def headings(module):
    with open(os.path.join(_path.ROOT, f"module{module}", "README.md"), encoding="utf-8") as f:
        return {line.lstrip("#").strip() for line in f if line.startswith("#")}


class EveryQuestionTest(unittest.TestCase):
    def test_draws_round_trip_and_sizes(self):
        for module, quiz in cli.quizzes().items():
            self.assertTrue(8 <= len(quiz.questions) <= 12, module)
            for q in quiz.questions:
                for who in IDENTITIES:
                    drawn = quiz.draw(who, q)
                    self.assertTrue(drawn.text.strip() and drawn.working, (module, q.key))
                    written = drawn.form.show(drawn.expected)
                    self.assertTrue(drawn.form.right(drawn.form.parse(written), drawn.expected),
                                    (module, q.key, who, written))

    def test_many_identities_draw_without_error(self):
        # Edge cases (a division by zero, an empty range) show up only in some draws.
        for module, quiz in cli.quizzes().items():
            for q in quiz.questions:
                count = 40 if q.make is bank_m0.wrong_lt else 400
                for i in range(count):
                    drawn = quiz.draw(f"org{i % 13}/repo-{i}", q)
                    self.assertTrue(drawn.form.right(drawn.form.parse(drawn.form.show(drawn.expected)),
                                                     drawn.expected))

    def test_sections_exist_in_the_readmes(self):
        for module, quiz in cli.quizzes().items():
            known = headings(module)
            for q in quiz.questions:
                path, _, section = q.section.partition(" § ")
                self.assertEqual(path, f"module{module}/README.md")
                self.assertIn(section, known, (module, q.key))

    def test_numbers_are_not_all_the_same(self):
        for module, quiz in cli.quizzes().items():
            for q in quiz.questions:
                answers = {quiz.draw(who, q).form.show(quiz.draw(who, q).expected) for who in IDENTITIES}
                self.assertGreater(len(answers), 1, (module, q.key))


class Module0Test(unittest.TestCase):
    def test_wrong_lts_break_the_properties_listed(self):
        expected = [{"a", "c"}, {"b", "c"}, {"c", "d"}, {"a", "b", "c"}, {"c"}]
        for (body, lt), want in zip(bank_m0.WRONG_LTS, expected):
            for k in (1, 3, 5):
                self.assertEqual(set(bank_m0.broken_properties(lt, k)), want, (body, k))
        self.assertEqual(bank_m0.broken_properties(lambda x, y, k: x < y, 3), {})

    def test_reduce_folds_from_the_left_element_first(self):
        quiz = bank_m0.QUIZ
        for who in IDENTITIES[:10]:
            drawn = quiz.draw(who, quiz.questions[2])
            m = re.search(r"return (.+?); \}, (-?\d+)\)\(std::vector<int>\{(.*?)\}\)", drawn.text)
            body, start, xs = m.group(1), int(m.group(2)), [int(v) for v in m.group(3).split(",")]
            acc = start
            for x in xs:
                acc = eval(body, {}, {"x": x, "acc": acc})  # the C++ body is valid Python here
            self.assertEqual(acc, drawn.expected)


class Module1Test(unittest.TestCase):
    def test_derivatives_against_central_differences(self):
        for name, f, df in bank_m1.FUNCTIONS:
            for x in (0.5, 1.5, 3.0):
                cd = (f(x + 1e-6) - f(x - 1e-6)) / 2e-6
                self.assertAlmostEqual(cd, df(x), places=4, msg=name)
        for name, f, df, _ in bank_m1.COMPOSITES:
            for a, b, x in itertools.product((-2, 1, 3), (-1, 2), (-0.7, 0.4)):
                g = lambda t: f(a * t + b, t)  # noqa: E731
                cd = (g(x + 1e-6) - g(x - 1e-6)) / 2e-6
                self.assertAlmostEqual(cd, df(a * x + b, x, a), delta=1e-4 * max(1, abs(cd)), msg=name)

    def test_topological_orders(self):
        inputs = {"out": ["c", "y"], "c": ["b", "a"], "b": ["a", "x"], "a": ["x", "y"], "x": [], "y": []}
        self.assertTrue(bank_m1.is_topological(["out", "c", "b", "a", "x", "y"], inputs, "out"))
        self.assertTrue(bank_m1.is_topological(["out", "c", "b", "a", "y", "x"], inputs, "out"))
        self.assertFalse(bank_m1.is_topological(["out", "c", "a", "b", "x", "y"], inputs, "out"))
        self.assertFalse(bank_m1.is_topological(["c", "out", "b", "a", "x", "y"], inputs, "out"))
        self.assertFalse(bank_m1.is_topological(["out", "c", "b", "a", "x"], inputs, "out"))
        quiz = bank_m1.QUIZ
        for who in IDENTITIES:
            drawn = quiz.draw(who, quiz.questions[4])
            self.assertTrue(drawn.form.right(drawn.expected, None))
            self.assertFalse(drawn.form.right(tuple(reversed(drawn.expected)), None))


class Module2Test(unittest.TestCase):
    def test_strides_and_positions_against_enumeration(self):
        for shape in ((2, 3), (4, 1, 3), (2, 3, 4, 5)):
            strides = bank_m2.contiguous_strides(shape)
            for ordinal, index in enumerate(itertools.product(*(range(s) for s in shape))):
                self.assertEqual(sum(i * s for i, s in zip(index, strides)), ordinal)
        self.assertEqual(bank_m2.contiguous_strides((3, 5)), (5, 1))

    def test_broadcast_table_of_the_readme(self):
        self.assertEqual(bank_m2.broadcast((2, 3, 1), (7, 2, 1, 5)), (7, 2, 3, 5))
        self.assertEqual(bank_m2.broadcast((2, 5), (5,)), (2, 5))
        self.assertIsNone(bank_m2.broadcast((5, 7, 5, 1), (1, 5, 1, 5)))
        self.assertIsNone(bank_m2.broadcast((5, 2), (5,)))

    def test_drawn_questions_against_their_text(self):
        quiz = bank_m2.QUIZ
        for who in IDENTITIES:
            d = quiz.draw(who, quiz.questions[1])  # the position of an index
            shape, strides, index = [tuple(int(v) for v in re.findall(r"-?\d+", g))
                                     for g in re.findall(r"`\(([^`]*)\)`", d.text)]
            self.assertEqual(d.expected, sum(i * s for i, s in zip(index, strides)))
            d = quiz.draw(who, quiz.questions[3])  # to_index
            ordinal = int(re.search(r"ordinal `(\d+)`", d.text).group(1))
            shape = tuple(int(v) for v in re.search(r"shape `\(([^)]*)\)`", d.text).group(1).split(","))
            self.assertEqual(d.expected, list(itertools.product(*(range(s) for s in shape)))[ordinal])
            d = quiz.draw(who, quiz.questions[4])  # broadcast
            a, b = [tuple(int(v) for v in g.split(",") if v.strip())
                    for g in re.findall(r"shape `\(([^)]*)\)`", d.text)]
            self.assertEqual(d.expected, _numpy_like_broadcast(a, b))


def _numpy_like_broadcast(a, b):
    out = []
    for x, y in itertools.zip_longest(reversed(a), reversed(b), fillvalue=1):
        if x != y and 1 not in (x, y):
            return None
        out.append(x if y == 1 else y)
    return tuple(reversed(out))


class Module4Test(unittest.TestCase):
    def test_conv1d_golden_values_of_the_readme(self):
        self.assertEqual(bank_m4.conv1d([1, 2, 3, 4, 5, 6], [5, 2, 3]), [18, 28, 38, 48, 37, 30])
        self.assertEqual(bank_m4.conv1d([0, 1, 2, 3], [1, 2, 3]), [8, 14, 8, 3])
        self.assertEqual(bank_m4.conv1d([0, 1, 2, 3], [1, 2, 3], reverse=True), [0, 1, 4, 10])

    def test_softmax(self):
        for xs in ([1, 2, 3], [-3, 0, 4, 4], [1000, 1000, 999]):
            s = bank_m4.softmax(xs)
            self.assertAlmostEqual(sum(s), 1.0)
            if max(xs) < 100:
                total = sum(math.exp(x) for x in xs)
                for x, v in zip(xs, s):
                    self.assertAlmostEqual(v, math.exp(x) / total)

    def test_pooling_shapes(self):
        quiz = bank_m4.QUIZ
        seen = set()
        for who in IDENTITIES:
            d = quiz.draw(who, quiz.questions[4])
            op = re.search(r"`(\w+)\(t", d.text).group(1)
            kh, kw = map(int, re.search(r"\{(\d+), (\d+)\}", d.text).groups())
            b, c, h, w = map(int, re.search(r"shape `\((\d+), (\d+), (\d+), (\d+)\)`", d.text).groups())
            if h % kh or w % kw:
                self.assertIsNone(d.expected)
                seen.add("error")
                continue
            tail = (kh * kw,) if op == "tile" else ()
            self.assertEqual(d.expected, (b, c, h // kh, w // kw) + tail)
            seen.add(op)
        self.assertEqual(seen, {"tile", "avgpool2d", "maxpool2d", "error"})

    def test_dropout_is_not_rescaled(self):
        quiz = bank_m4.QUIZ
        for who in IDENTITIES[:10]:
            d = quiz.draw(who, quiz.questions[6])
            rate, x = map(float, re.search(r"dropout\(t, ([\d.]+)\).*?is ([\d.]+)\.", d.text).groups())
            self.assertAlmostEqual(d.expected, (1 - rate) * x)
            self.assertIsInstance(d.form, forms.Number)


if __name__ == "__main__":
    unittest.main()
