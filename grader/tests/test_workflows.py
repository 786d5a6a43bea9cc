"""The files that other machines run: the generated Classroom workflow, CI's
workflow, and the pre-commit hooks. Each is parsed as YAML (Debian's
python3-yaml, in `scripts/setup --dev`; the tests skip without it) and held
to what it may use and run."""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402

from gradelib import classroom, handout, tasks  # noqa: E402

try:
    import yaml
except ImportError:  # pragma: no cover - the dev set installs it
    yaml = None

ROOT = _path.ROOT
# A path of this repository named in a command: scripts/setup, grader/grade, ...
REPO_PATH_RE = re.compile(r"(?<![\w./$-])((?:scripts|grader|\.ci)/[\w./-]+)")


def steps_of(workflow: dict, job: str) -> list:
    return workflow["jobs"][job]["steps"]


def commands_of(step: dict) -> list:
    """The shell text a step runs: its `run`, or the command grader's `command`."""
    texts = [step.get("run", "")]
    texts.append((step.get("with") or {}).get("command", ""))
    return [t for t in texts if t]


def repo_paths(text: str) -> list:
    return REPO_PATH_RE.findall(text)


@unittest.skipIf(yaml is None, "python3-yaml is not installed (scripts/setup --dev)")
class ClassroomWorkflowTest(unittest.TestCase):
    """The workflow make-handout writes, from the real manifest."""

    @classmethod
    def setUpClass(cls):
        cls.manifest = tasks.load(os.path.join(ROOT, "grader", "tasks.json"))
        cls.text = classroom.workflow(cls.manifest)
        cls.workflow = yaml.safe_load(cls.text)
        cls.steps = steps_of(cls.workflow, "run-autograding-tests")
        sources, _ = handout.handout_sources(ROOT)
        cls.handout_files = set(sources) | {"README.md", classroom.WORKFLOW_PATH}

    def test_only_the_four_actions(self):
        used = [s["uses"] for s in self.steps if "uses" in s]
        for action in used:
            self.assertIn(action, classroom.ACTIONS)
            self.assertRegex(action, r"^(actions/checkout|actions/cache(/restore|/save)?|"
                                     r"classroom-resources/autograding-(command-grader|grading-reporter))@v\d+$")

    def test_every_command_exists_in_the_handout(self):
        named = [p for s in self.steps for c in commands_of(s) for p in repo_paths(c)]
        self.assertIn("scripts/setup", named)
        self.assertIn("grader/grade", named)
        for path in named:
            self.assertIn(path, self.handout_files, f"the workflow runs {path}, which the handout lacks")
            self.assertTrue(os.access(os.path.join(ROOT, path), os.X_OK), f"{path} is not executable")

    def test_runs_in_the_container_ci_tests(self):
        job = self.workflow["jobs"]["run-autograding-tests"]
        self.assertEqual(job["container"], "debian:12")
        self.assertLessEqual(job["timeout-minutes"], 180)
        setup = next(s for s in self.steps if "scripts/setup" in s.get("run", ""))
        self.assertNotIn("--", setup["run"].split("scripts/setup", 1)[1].split("\n", 1)[0],
                         "the Classroom run installs the grading set only")
        self.assertIn("timeout-minutes", setup)

    def test_points_add_up_and_each_task_has_its_step(self):
        graders = [s for s in self.steps if s.get("uses", "").startswith(
            "classroom-resources/autograding-command-grader")]
        graded = [t for t in self.manifest.tasks if t.graded]
        expected = [f"grader/grade --task {t.id}" for t in graded]
        expected += [f"grader/grade quiz {q.module}" for q in self.manifest.quizzes]
        self.assertEqual([s["with"]["command"] for s in graders], expected)
        self.assertAlmostEqual(sum(float(s["with"]["max-score"]) for s in graders),
                               sum(t.points for t in graded) + sum(q.points for q in self.manifest.quizzes))
        reporter = self.steps[-1]
        self.assertEqual(reporter["with"]["runners"].split(","), [s["id"] for s in graders])

    def test_cache_kept_between_pushes(self):
        restore = next(s for s in self.steps if s.get("uses", "").startswith("actions/cache/restore"))
        save = next(s for s in self.steps if s.get("uses", "").startswith("actions/cache/save"))
        self.assertIn("steps.compiler.outputs.version", restore["with"]["key"])
        self.assertIn("hashFiles('grader/tasks.json')", restore["with"]["key"])
        self.assertEqual(save["if"], "always()")
        self.assertEqual(restore["with"]["path"], save["with"]["path"])
        order = [s.get("id") or s.get("uses") for s in self.steps]
        self.assertLess(order.index("ccache"), order.index("task-0-1"))
        self.assertGreater(self.steps.index(save), max(i for i, s in enumerate(self.steps)
                                                       if str(s.get("id", "")).startswith("task-")))


@unittest.skipIf(yaml is None, "python3-yaml is not installed (scripts/setup --dev)")
class CiWorkflowTest(unittest.TestCase):
    def setUp(self):
        with open(os.path.join(ROOT, ".github", "workflows", "ci.yml"), encoding="utf-8") as f:
            self.workflow = yaml.safe_load(f)

    def test_commands_exist(self):
        for job in self.workflow["jobs"]:
            for step in steps_of(self.workflow, job):
                for text in commands_of(step):
                    for path in repo_paths(text):
                        self.assertTrue(os.path.isfile(os.path.join(ROOT, path)), f"{job}: {path}")

    def test_ubuntu_jobs_grade_without_a_container(self):
        job = self.workflow["jobs"]["ubuntu"]
        self.assertEqual(set(job["strategy"]["matrix"]["os"]), {"ubuntu-22.04", "ubuntu-24.04"})
        self.assertNotIn("container", job)
        runs = "\n".join(s.get("run", "") for s in job["steps"])
        self.assertIn("sudo scripts/setup", runs)
        self.assertIn("grader/grade all", runs)


@unittest.skipIf(yaml is None, "python3-yaml is not installed (scripts/setup --dev)")
class PreCommitHooksTest(unittest.TestCase):
    """Every hook's command, run as pre-commit would on the whole clean tree,
    passes and changes nothing (on a copy of the files it names)."""

    @classmethod
    def setUpClass(cls):
        with open(os.path.join(ROOT, ".pre-commit-config.yaml"), encoding="utf-8") as f:
            config = yaml.safe_load(f)
        cls.hooks = [h for repo in config["repos"] for h in repo["hooks"]]
        sources, _ = handout.list_sources(ROOT)
        cls.files = sorted(sources)

    def files_of(self, hook: dict) -> list:
        include = re.compile(hook.get("files", ""))
        exclude = re.compile(hook["exclude"]) if hook.get("exclude") else None
        return [f for f in self.files if include.search(f) and not (exclude and exclude.search(f))]

    def test_local_hooks_only(self):
        with open(os.path.join(ROOT, ".pre-commit-config.yaml"), encoding="utf-8") as f:
            config = yaml.safe_load(f)
        self.assertEqual([r["repo"] for r in config["repos"]], ["local"])
        for hook in self.hooks:
            self.assertIn(hook["language"], ("system", "pygrep"), hook["id"])
        self.assertIn("clang-format", [h["id"] for h in self.hooks])

    def test_hooks_pass_on_the_clean_tree(self):
        for hook in self.hooks:
            files = self.files_of(hook)
            self.assertTrue(files, f"hook {hook['id']} matches no file")
            with self.subTest(hook=hook["id"]):
                if hook["language"] == "pygrep":
                    self.check_pygrep(hook, files)
                else:
                    self.check_system(hook, files)

    def check_pygrep(self, hook: dict, files: list) -> None:
        pattern = re.compile(hook["entry"], re.M)
        for path in files:
            with open(os.path.join(ROOT, path), encoding="utf-8", errors="replace") as f:
                self.assertIsNone(pattern.search(f.read()), f"{hook['id']}: {path}")

    def check_system(self, hook: dict, files: list) -> None:
        argv = shlex.split(hook["entry"])
        if shutil.which(argv[0]) is None:
            self.skipTest(f"{argv[0]} is not installed (scripts/setup --dev)")
        with tempfile.TemporaryDirectory() as tmp:
            for name in [".clang-format", *files]:
                os.makedirs(os.path.dirname(os.path.join(tmp, name)), exist_ok=True)
                shutil.copy(os.path.join(ROOT, name), os.path.join(tmp, name))
            done = subprocess.run(argv + files, cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
            self.assertEqual(done.returncode, 0, f"{hook['id']}: {done.stdout[-2000:]}")
            for name in files:
                with open(os.path.join(ROOT, name), "rb") as a, open(os.path.join(tmp, name), "rb") as b:
                    self.assertEqual(a.read(), b.read(), f"{hook['id']} changed {name}")


if __name__ == "__main__":
    unittest.main()
