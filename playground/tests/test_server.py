#!/usr/bin/env python3
"""Tests of every JSON endpoint of the playground server (standard library only).

    python3 playground/tests/test_server.py build/ci/bin/playground
"""
from __future__ import annotations

import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_process import Server, binary_from_argv  # noqa: E402

BINARY = None


class Endpoints(unittest.TestCase):
    server: Server

    @classmethod
    def setUpClass(cls):
        cls.server = Server(BINARY).__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def tearDown(self):
        self.assertTrue(self.server.alive(), "the server died")

    def ok(self, status, body):
        self.assertEqual(status, 200, body)
        return body

    def bad(self, status, body, expected=400, words=""):
        self.assertEqual(status, expected, body)
        self.assertIn("error", body)
        self.assertIn(words, body["error"])
        return body

    # ------------------------------------------------------------ info, static files, 404
    def test_info(self):
        info = self.ok(*self.server.get("/api/info"))
        self.assertEqual(info["module"], info["built_module"])
        self.assertEqual(info["datasets"], ["Simple", "Diag", "Split", "Xor", "Circle", "Spiral"])
        self.assertIn("simple", info["backends"])

    def test_page_and_assets_are_served(self):
        import urllib.request
        for path in ["/", "/app.js", "/charts.js", "/style.css", "/training.js"]:
            with urllib.request.urlopen(self.server.url + path, timeout=10) as res:
                self.assertEqual(res.status, 200, path)
                self.assertGreater(len(res.read()), 100, path)

    def test_unknown_endpoint_is_a_json_404(self):
        self.bad(*self.server.get("/api/nothing-here"), expected=404, words="no such page")

    # ------------------------------------------------------------ bad requests in general
    def test_body_that_is_not_json(self):
        self.bad(*self.server.request("POST", "/api/math", b"{not json"), words="not valid JSON")
        self.bad(*self.server.request("POST", "/api/math", b"[1, 2]"), words="JSON object")

    def test_huge_body_is_refused(self):
        status, body = self.server.request("POST", "/api/math", b'{"name": "' + b"x" * 200_000 + b'"}')
        self.assertEqual(status, 413, body)

    # ------------------------------------------------------------ math sandboxes
    def test_math_operators_one_two_reduce(self):
        one = self.ok(*self.server.post("/api/math", {"layer": "operators", "name": "sig"}))
        self.assertEqual(one["kind"], "one")
        self.assertEqual(len(one["x"]), len(one["f"]))
        self.assertAlmostEqual(one["x"][0], -50, places=3)
        self.assertAlmostEqual(one["x"][-1], 50, places=3)
        self.assertAlmostEqual(one["f"][100], 0.5, places=3)
        two = self.ok(*self.server.post("/api/math", {"layer": "operators", "name": "add2"}))
        self.assertEqual(two["kind"], "two")
        self.assertAlmostEqual(two["f"][0][0], -100, places=3)
        red = self.ok(*self.server.post("/api/math", {"layer": "operators", "name": "sum_red"}))
        self.assertEqual(red["kind"], "reduce")
        functions = self.ok(*self.server.get("/api/math/functions"))
        self.assertEqual(len(functions["one"]), 14)
        self.assertEqual(len(functions["two"]), 6)

    def test_math_scalar_derivative(self):
        r = self.ok(*self.server.post("/api/math", {"layer": "scalar", "name": "square"}))
        for x, df in zip(r["x"], r["df"]):
            self.assertAlmostEqual(df, 2 * x, places=6)
        r = self.ok(*self.server.post("/api/math", {"layer": "scalar", "name": "mul2"}))
        self.assertAlmostEqual(r["dfdx"][0][0], r["y"][0], places=6)  # d(xy)/dx = y

    def test_math_tensor(self):
        r = self.ok(*self.server.post("/api/math", {"layer": "tensor", "name": "cube"}))
        for x, df in zip(r["x"], r["df"]):
            self.assertAlmostEqual(df, 3 * x * x, delta=1e-6 * max(1, 3 * x * x))
        r = self.ok(*self.server.post("/api/math", {"layer": "tensor", "name": "mean_red"}))
        self.assertAlmostEqual(r["f"][0][0], -50, places=3)

    def test_math_bad_input(self):
        self.bad(*self.server.post("/api/math", {"name": "nope"}), words="unknown function")
        self.bad(*self.server.post("/api/math", {"layer": "quantum", "name": "sig"}), words="unknown layer")
        self.bad(*self.server.post("/api/math", {"name": 12}), words="must be text")

    # ------------------------------------------------------------ module sandbox, manual
    def test_module_tree(self):
        r = self.ok(*self.server.post("/api/modules", {"model": "MyModule"}))
        self.assertEqual([p for p, _ in r["named_parameters"]], ["p1", "a.p2", "b.c.p3"])
        self.assertEqual([c["name"] for c in r["tree"]["children"]], ["a", "b"])
        r = self.ok(*self.server.post("/api/modules", {"model": "ScalarNetwork"}))
        self.assertEqual([c["name"] for c in r["tree"]["children"]], ["layer1", "layer2", "layer3"])
        self.bad(*self.server.post("/api/modules", {"model": "Transformer"}), words="unknown model")

    def test_manual(self):
        first = self.ok(*self.server.post("/api/manual", {"dataset": "Simple"}))
        names = [p["name"] for p in first["parameters"]]
        self.assertEqual(names, ["linear.weight_0_0", "linear.weight_1_0", "linear.bias_0"])
        self.assertEqual(len(first["surface"]), first["surface_size"] ** 2)
        # x1 < 0.5 is class 1: -10 x1 + 5 > 0 splits Simple exactly.
        good = self.ok(*self.server.post("/api/manual", {"dataset": "Simple", "params": {
            "linear.weight_0_0": -10, "linear.weight_1_0": 0, "linear.bias_0": 5}}))
        self.assertEqual(good["correct"], good["total"])
        worse = self.ok(*self.server.post("/api/manual", {"dataset": "Simple", "params": {
            "linear.weight_0_0": 10, "linear.weight_1_0": 0, "linear.bias_0": -5}}))
        self.assertEqual(worse["correct"], 0)
        self.assertNotEqual(good["surface"], worse["surface"])
        self.assertIsNotNone(good["hand_set"])

    def test_manual_bad_input(self):
        self.bad(*self.server.post("/api/manual", {"params": {"linear.bias_0": 11}}), words="-10..10")
        self.bad(*self.server.post("/api/manual", {"params": {"linear.bias_0": "abc"}}), words="must be a number")
        self.bad(*self.server.post("/api/manual", {"params": {"nope": 1}}), words="no parameter named 'nope'")
        self.bad(*self.server.post("/api/manual", {"dataset": "Moons"}), words="unknown dataset")
        self.bad(*self.server.post("/api/manual", {"points": 100000}), words="points must be 1..500")

    # ------------------------------------------------------------ autodiff
    def test_autodiff_default_expression(self):
        r = self.ok(*self.server.post("/api/autodiff", {"expression": "(x * x) * y + 10.0 * x", "x": 2, "y": 3}))
        self.assertAlmostEqual(r["value"], 2 * 2 * 3 + 20)
        labels = {n["id"]: n["label"] for n in r["nodes"]}
        by_label = {n["label"]: n["id"] for n in r["nodes"]}
        self.assertAlmostEqual(r["derivatives"][by_label["x"]], 2 * 2 * 3 + 10)  # 2xy + 10
        self.assertAlmostEqual(r["derivatives"][by_label["y"]], 4)  # x^2
        self.assertIn("constant 10", labels.values())
        ops = sorted(label for label in labels.values() if "(Op" in label)
        self.assertEqual(len(ops), 4)
        self.assertIn("Add (Op 0)", ops)

    def test_autodiff_language(self):
        def run(expression, **values):
            r = self.ok(*self.server.post("/api/autodiff", dict({"expression": expression}, **values)))
            ids = {n["label"]: n["id"] for n in r["nodes"] if n["kind"] == "leaf"}
            return r["value"], {name: r["derivatives"][i] for name, i in ids.items()}

        value, d = run("-(x * 2.0) + y / 4.0", x=1.5, y=2)
        self.assertAlmostEqual(value, -2.5)
        self.assertAlmostEqual(d["x"], -2)
        self.assertAlmostEqual(d["y"], 0.25)
        value, d = run("sigmoid(x) + x.relu() + (x < y) + z.exp().log()", x=0.5, y=1, z=2)
        s = 1 / (1 + 2.718281828459045 ** -0.5)
        self.assertAlmostEqual(value, s + 0.5 + 1 + 2, places=6)
        self.assertAlmostEqual(d["x"], s * (1 - s) + 1, places=6)
        self.assertAlmostEqual(d["z"], 1, places=6)

    def test_autodiff_bad_input(self):
        self.bad(*self.server.post("/api/autodiff", {"expression": "(" * 60 + "x" + ")" * 60}), words="too deep")
        self.bad(*self.server.post("/api/autodiff", {"expression": "x" + " * x" * 120}), words="too many operations")
        self.bad(*self.server.post("/api/autodiff", {"expression": "x.tanh()"}), words="unknown method")
        self.bad(*self.server.post("/api/autodiff", {"expression": "   "}), words="empty")
        self.bad(*self.server.post("/api/autodiff", {"expression": "10.0 * 2"}), words="no operation on x")
        self.bad(*self.server.post("/api/autodiff", {"expression": "(x * "}), words="does not parse")
        self.bad(*self.server.post("/api/autodiff", {"expression": "x + w"}), words="unknown name 'w'")
        self.bad(*self.server.post("/api/autodiff", {"expression": "x" + " + x" * 300}), words="too long")
        self.bad(*self.server.post("/api/autodiff", {"expression": "x", "x": "one"}), words="must be a number")

    # ------------------------------------------------------------ tensor sandbox
    def test_tensor(self):
        r = self.ok(*self.server.post("/api/tensor", {"shape": [2, 3, 4], "ordinal": 5}))
        self.assertEqual(r["strides"], [12, 4, 1])
        self.assertEqual(r["view"]["index"], [0, 1, 1])
        self.assertEqual(r["view"]["position"], 5)
        p = self.ok(*self.server.post("/api/tensor", {"shape": [2, 3, 4], "permute": [2, 0, 1], "ordinal": 1}))
        self.assertEqual(p["view"]["shape"], [4, 2, 3])
        self.assertEqual(p["view"]["strides"], [1, 12, 4])
        self.assertEqual(p["view"]["position"], 4)
        self.assertFalse(p["view"]["contiguous"])

    def test_tensor_bad_input(self):
        self.bad(*self.server.post("/api/tensor", {"shape": [2, 2], "permute": [0, 0]}), words="permute")
        self.bad(*self.server.post("/api/tensor", {"shape": [6, 6, 6, 6]}), words="too big")
        self.bad(*self.server.post("/api/tensor", {"shape": "2,2"}), words="list")
        self.bad(*self.server.post("/api/tensor", {"shape": [2, 2], "ordinal": 4}), words="ordinal must be 0..3")

    # ------------------------------------------------------------ training
    def test_dataset(self):
        r = self.ok(*self.server.post("/api/dataset", {"dataset": "xor", "points": 30}))
        self.assertEqual(r["dataset"]["name"].lower(), "xor")
        self.assertEqual(len(r["dataset"]["X"]), 30)
        self.bad(*self.server.post("/api/dataset", {"dataset": "Moons"}), words="unknown dataset")

    def test_train_bad_input(self):
        post = lambda **kw: self.server.post("/api/train", dict({"model": "tensor"}, **kw))  # noqa: E731
        self.bad(*post(points="many"), words="points must be a number")
        self.bad(*post(points=10**6), words="points must be 1..500")
        self.bad(*post(epochs=0), words="epochs must be 1..")
        self.bad(*post(hidden=10**5), words="hidden must be 1..")
        self.bad(*post(rate=-1), words="rate must be a number in")
        self.bad(*post(rate="nan"), words="rate must be a number in")
        self.bad(*post(dataset="Moons"), words="unknown dataset")
        self.bad(*post(model="transformer"), words="unknown model")
        self.bad(*self.server.get("/api/train/no-such-session"), expected=404)
        self.bad(*self.server.post("/api/train/no-such-session/stop", {}), expected=404)

    def test_two_sessions_train_at_once_without_interfering(self):
        results = {}

        def train(name, request):
            status, started = self.server.post("/api/train", request)
            self.assertEqual(status, 200, started)
            frames = self.server.events(started["id"])
            results[name] = (started, frames)

        requests = {
            "xor": {"model": "tensor", "dataset": "Xor", "points": 40, "hidden": 6, "rate": 0.5, "epochs": 30},
            "simple": {"model": "scalar", "dataset": "Simple", "points": 20, "hidden": 2, "rate": 0.5, "epochs": 20},
        }
        threads = [threading.Thread(target=train, args=item) for item in requests.items()]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=180)
        for name, request in requests.items():
            started, frames = results[name]
            epochs = [e for f in frames for e in f["epochs"]]
            self.assertEqual([e["epoch"] for e in epochs], list(range(1, request["epochs"] + 1)), name)
            self.assertTrue(all(e["total"] == request["points"] for e in epochs), name)
            self.assertEqual(frames[-1]["state"], "done", name)
            self.assertTrue(any("surface" in f for f in frames), name)
            state = self.ok(*self.server.get(f"/api/train/{started['id']}"))
            self.assertEqual(len(state["epochs"]), request["epochs"])
            self.assertEqual(state["setup"]["dataset"]["name"].lower(), name)

    def test_stop(self):
        status, started = self.server.post("/api/train", {"model": "tensor", "dataset": "Split", "points": 100,
                                                          "epochs": 5000})
        self.assertEqual(status, 200, started)
        time.sleep(0.5)
        self.ok(*self.server.post(f"/api/train/{started['id']}/stop", {}))
        frames = self.server.events(started["id"], timeout=60)
        self.assertEqual(frames[-1]["state"], "stopped")
        self.assertLess(sum(len(f["epochs"]) for f in frames), 5000)

    def test_other_requests_are_served_while_training(self):
        status, started = self.server.post("/api/train", {"model": "fast", "backend": "simple", "dataset": "Circle",
                                                          "points": 200, "hidden": 50, "epochs": 5000})
        self.assertEqual(status, 200, started)
        t0 = time.time()
        self.ok(*self.server.post("/api/math", {"name": "sig"}))
        self.assertLess(time.time() - t0, 5)
        self.ok(*self.server.post(f"/api/train/{started['id']}/stop", {}))

    # ------------------------------------------------------------ Module 4
    def test_mnist_images(self):
        r = self.ok(*self.server.post("/api/mnist/images", {"start": 0, "count": 4}))
        self.assertEqual(len(r["images"]), 4)
        self.assertEqual(len(r["images"][0]), 28 * 28)
        self.assertEqual(len(r["class_names"]), 10)
        self.bad(*self.server.post("/api/mnist/images", {"count": 1000}), words="count must be 1..32")

    def test_module4_training(self):
        for request in [{"model": "mnist", "train": 100, "epochs": 1}, {"model": "words", "train": 50, "epochs": 2}]:
            status, started = self.server.post("/api/train", request)
            self.assertEqual(status, 200, started)
            frames = self.server.events(started["id"], timeout=300)
            self.assertEqual(frames[-1]["state"], "done", frames[-1])
            epochs = [e for f in frames for e in f["epochs"]]
            self.assertEqual(len(epochs), request["epochs"])
            extra = [f["extra"] for f in frames if "extra" in f][-1]
            if request["model"] == "mnist":
                self.assertEqual(len(extra["feature_maps"]), 4)
                self.assertEqual(len(extra["feature_maps"][0]), 28 * 28)
            else:
                self.assertEqual(len(extra["predictions"]), 20)
                self.assertEqual(set(extra["predictions"][0]),
                                 {"word", "true_label", "predicted_label", "logit", "error"})
        self.bad(*self.server.post("/api/train", {"model": "mnist", "train": 10**6}), words="train must be 100..5000")
        self.bad(*self.server.post("/api/train", {"model": "words", "epochs": 100}), words="epochs must be 1..20")


class MissingTasks(unittest.TestCase):
    """A server that pretends some tasks are stubs: the pages say which task is missing (501)."""

    def test_missing_tasks_are_named(self):
        with Server(BINARY, "--pretend-missing", "0.4,1.4,2.1,2.5") as s:
            status, r = s.post("/api/modules", {"model": "MyModule"})
            self.assertEqual(status, 200, r)
            self.assertIsNone(r["named_parameters"])
            self.assertEqual(r["named_parameters_error"]["task"], "0.4")
            status, r = s.post("/api/autodiff", {})
            self.assertEqual(status, 200, r)
            self.assertEqual(r["derivatives_error"]["error"], "needs task 1.4: not implemented yet")
            status, r = s.post("/api/tensor", {})
            self.assertEqual(r["view_error"]["task"], "2.1")
            status, r = s.post("/api/train", {"model": "tensor"})
            self.assertEqual(status, 501, r)
            self.assertEqual(r["task"], "2.1")
            status, r = s.post("/api/manual", {})
            self.assertEqual(status, 501, r)
            self.assertEqual(r["error"], "needs task 0.4: not implemented yet")
            status, r = s.post("/api/math", {"name": "sig"})  # operators: task 0.1 is there
            self.assertEqual(status, 200, r)
            self.assertTrue(s.alive())

    def test_module_limit(self):
        with Server(BINARY, "1") as s:
            status, info = s.get("/api/info")
            self.assertEqual(info["module"], 1)
            status, r = s.post("/api/train", {"model": "tensor"})
            self.assertEqual(status, 400, r)
            status, r = s.post("/api/math", {"layer": "tensor", "name": "sig"})
            self.assertEqual(status, 400, r)


if __name__ == "__main__":
    BINARY = binary_from_argv(sys.argv)
    unittest.main(argv=[sys.argv[0], "-v"])
