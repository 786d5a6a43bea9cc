"""scripts/setup and its table (scripts/packages.tsv): what each purpose
installs on each distribution. Only `--list`, which reads the table and
touches no package."""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402

SETUP = os.path.join(_path.ROOT, "scripts", "setup")
TABLE = os.path.join(_path.ROOT, "scripts", "packages.tsv")
DISTROS = ("debian-12", "ubuntu-22.04", "ubuntu-24.04")
PURPOSES = ("grade", "programs", "playground", "dev", "torch", "gpu")


def setup(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", SETUP, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def listed(distro: str, *purposes: str) -> list:
    done = setup("--list", "--distro", distro, *purposes)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


class PackageTableTest(unittest.TestCase):
    def rows(self):
        with open(TABLE, encoding="utf-8") as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    yield line.split()

    def test_rows_are_well_formed(self):
        for row in self.rows():
            self.assertGreaterEqual(len(row), 5, row)  # purpose, three distributions, why
            self.assertIn(row[0], PURPOSES, row)
            self.assertTrue(any(cell not in ("-", "none") for cell in row[1:4]), row)

    def test_grading_set_has_no_browser_cuda_http_or_json(self):
        for distro in DISTROS:
            names = listed(distro)
            self.assertIn("librapidcheck-dev", names)
            self.assertIn("dataset-fashion-mnist", names)
            for extra in ("chromium", "chromium-driver", "python3-selenium", "nvidia-cuda-toolkit",
                          "libcpp-httplib-dev", "nlohmann-json3-dev", "python3-torch", "clang-format"):
                self.assertNotIn(extra, names, distro)

    def test_ubuntu_22_04_gets_gcc_12(self):
        self.assertIn("g++-12", listed("ubuntu-22.04"))
        self.assertNotIn("g++-12", listed("debian-12"))

    def test_ubuntu_lacks_chromium_and_says_so(self):
        done = setup("--list", "--distro", "ubuntu-24.04", "--dev")
        self.assertEqual(done.returncode, 0)
        self.assertNotIn("chromium", done.stdout.split())
        self.assertIn("pre-commit", done.stdout.split())
        self.assertIn("chromium is not packaged on ubuntu-24.04", done.stderr)
        self.assertIn("chromium", listed("debian-12", "--dev"))

    def test_gpu_only_when_asked(self):
        self.assertNotIn("nvidia-cuda-toolkit", listed("ubuntu-24.04", "--all"))
        self.assertIn("nvidia-cuda-toolkit", listed("ubuntu-24.04", "--gpu"))

    def test_purposes_add_to_the_grading_set(self):
        grade = listed("debian-12")
        playground = listed("debian-12", "--playground")
        self.assertEqual(playground[:len(grade)], grade)
        self.assertIn("libcpp-httplib-dev", playground)

    def test_unknown_distribution_gets_the_list_by_hand(self):
        done = setup("--list", "--distro", "fedora-40")
        self.assertEqual(done.returncode, 1)
        self.assertIn("not one of debian-12 ubuntu-22.04 ubuntu-24.04", done.stderr)
        self.assertIn("librapidcheck-dev", done.stderr)

    def test_bad_option(self):
        done = setup("--gpus")
        self.assertEqual(done.returncode, 2)
        self.assertIn("unknown option '--gpus'", done.stderr)


if __name__ == "__main__":
    unittest.main()
