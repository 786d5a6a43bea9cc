#!/usr/bin/env python3
"""The playground's pages in headless Chromium (Debian's chromium, chromium-driver, python3-selenium).

    python3 playground/tests/test_browser.py build/ci/bin/playground [SCREENSHOT_DIR]
    python3 playground/tests/test_browser.py HANDOUT/build/bin/playground [DIR] --handout

Opens every page of modules 0-4 and saves a screenshot of each (default
build/playground-screens/); moves a Manual slider and sees the correct count
and the surface change; trains Xor for 50 epochs and sees the loss curve, the
table and the decision surface change; types an expression on the autodiff
sandbox and sees its graph; trains the Module 4 models briefly (feature maps,
predictions table); and, on a server that pretends task stubs, sees
the 'not implemented' messages. Exit status 77 (skipped) only when Chromium
or Selenium is not installed.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_process import Server, binary_from_argv  # noqa: E402

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    webdriver = None
    # Debian's python3-selenium belongs to the system's Python: rerun with it
    # when another python3 (a virtual environment, pyenv) comes first in PATH.
    SYSTEM_PYTHON = "/usr/bin/python3"
    if __name__ == "__main__" and os.path.exists(SYSTEM_PYTHON) and os.path.realpath(sys.executable) != \
            os.path.realpath(SYSTEM_PYTHON) and not os.environ.get("PLAYGROUND_NO_REEXEC"):
        os.environ["PLAYGROUND_NO_REEXEC"] = "1"
        os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, *sys.argv])

BINARY = None
SCREENS = "build/playground-screens"
PAGES = ["math", "modules", "manual", "scalar", "autodiff", "train-scalar", "tensor", "tensor-math",
         "train-tensor", "train-fast", "images", "words"]


def find_chrome() -> tuple[str | None, str | None]:
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
    return chrome, driver


def make_driver():
    chrome, driver = find_chrome()
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions"]:
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(driver), options=options)


class BrowserTest(unittest.TestCase):
    server: Server
    driver = None

    @classmethod
    def setUpClass(cls):
        os.makedirs(SCREENS, exist_ok=True)
        cls.server = Server(BINARY).__enter__()
        cls.driver = make_driver()
        cls.driver.set_page_load_timeout(30)

    @classmethod
    def tearDownClass(cls):
        if cls.driver:
            cls.driver.quit()
        cls.server.__exit__(None, None, None)

    def wait(self, condition, timeout=30, message=""):
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1,
                             ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: condition(), message)

    def open(self, page: str, url: str | None = None):
        self.driver.get(f"{url or self.server.url}/#/{page}")
        self.wait(lambda: self.driver.find_element(By.ID, "page").get_attribute("data-page") == page,
                  message=f"page {page} did not render")

    def el(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def els(self, css: str):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def error_text(self, css: str = "#page .error", message: str = "") -> str:
        """The text of the first `css` element once one shows, read inside the
        wait: a page that renders again meanwhile replaces the element."""
        return self.wait(lambda: self.els(css) and self.els(css)[0].text, message=message or f"no {css}")

    def no_error(self):
        errors = [e.text for e in self.els("#page .error")]
        self.assertEqual(errors, [], "the page shows an error")

    def shot(self, name: str):
        self.driver.save_screenshot(os.path.join(SCREENS, f"{name}.png"))

    def test_1_every_page_renders(self):
        ready = {  # what each page shows once it has its data
            "math": "#math-plots svg", "modules": "#module-tree svg", "manual": "#manual-plot svg .surface",
            "scalar": "#math-plots svg path.series", "autodiff": "#graph svg g.node",
            "train-scalar": "#train-plot svg circle, #train-plot svg path", "tensor": "#tensor-cells .grid-cell",
            "tensor-math": "#math-plots svg path.series", "train-tensor": "#train-plot svg circle, #train-plot svg path",
            "train-fast": "#train-plot svg circle, #train-plot svg path",
            "images": "#mnist-images canvas", "words": "#train",
        }
        for page in PAGES:
            self.open(page)
            self.wait(lambda: len(self.els(ready[page])) > 0, message=f"{page}: nothing drawn")
            self.no_error()
            self.assertEqual(len(self.els("#pages a.active")), 1, page)
            self.shot(page)

    def test_2_two_argument_heat_map(self):
        self.open("math")
        self.wait(lambda: len(self.els("#math-plots svg")) > 0)
        Select(self.el("#math-function")).select_by_visible_text("mul2")
        self.wait(lambda: len(self.els("#math-plots canvas")) > 0, message="no heat map")
        self.no_error()
        self.shot("math-two-args")

    def test_3_manual_slider_changes_count_and_surface(self):
        self.open("manual")
        self.wait(lambda: self.el("#correct").text != "?")
        before_count = self.el("#correct").text
        before_surface = self.el("#manual-plot").get_attribute("data-surface")
        slider = self.el('#sliders input[data-name="linear.weight_0_0"]')
        slider.click()
        for _ in range(60):
            slider.send_keys(Keys.ARROW_LEFT)  # towards -10: x1 small is class 1 on Simple
        self.wait(lambda: self.el("#manual-plot").get_attribute("data-surface") != before_surface,
                  message="the surface did not change")
        self.wait(lambda: self.el("#correct").text != before_count, message="the correct count did not change")
        self.no_error()
        self.shot("manual-after-slider")

    def test_4_train_xor_50_epochs(self):
        self.open("train-tensor")
        Select(self.el("#train-dataset")).select_by_visible_text("Xor")
        epochs = self.el("#train-epochs")
        epochs.clear()
        epochs.send_keys("50")
        self.wait(lambda: len(self.els("#train-plot svg")) > 0)
        self.el("#train").click()
        self.wait(lambda: len(self.els("#train-plot svg .surface")) > 0, message="no decision surface")
        first_surface = self.el("#train-plot").get_attribute("data-first-surface")  # the untrained model's
        self.assertTrue(first_surface)
        self.wait(lambda: self.el("#train-status").get_attribute("data-state") == "done", timeout=120,
                  message="training did not finish")
        rows = self.els("#epoch-table tbody tr")
        self.assertEqual(len(rows), 50)
        self.assertEqual(rows[0].find_elements(By.TAG_NAME, "td")[0].text, "50")  # newest first
        points = int(self.el("#loss-curve path.series").get_attribute("data-points"))
        self.assertEqual(points, 50)
        self.assertNotEqual(self.el("#train-plot").get_attribute("data-surface"), first_surface,
                            "the decision surface did not change")
        self.assertIn("Epoch 50/50", self.el("#train-status").text)
        self.no_error()
        self.shot("train-xor-50-epochs")

    def test_5_autodiff_expression(self):
        self.open("autodiff")
        self.wait(lambda: len(self.els("#graph svg g.node")) > 0)
        box = self.el("#expression")
        box.clear()
        box.send_keys("(x * y).sigmoid() + z * 3.0")
        self.el("#show-graph").click()
        self.wait(lambda: any("Sigmoid" in t.text or "sigmoid" in t.text for t in self.els("#graph svg g.node.op text")),
                  message="no sigmoid box in the graph")
        labels = [t.text for t in self.els("#graph svg g.node text")]
        self.assertTrue(any(label.startswith("z") or label == "z" for label in labels), labels)
        self.assertTrue(any("d = " in label for label in labels), labels)
        self.no_error()
        self.shot("autodiff-expression")
        box.clear()
        box.send_keys("(x * ")
        self.el("#show-graph").click()
        self.assertIn("does not parse", self.error_text(message="no message for a bad expression"))
        self.shot("autodiff-bad-expression")

    def test_6_bad_input_shows_a_message(self):
        self.open("train-tensor")
        points = self.el("#train-points")
        points.clear()
        points.send_keys("100000")
        self.el("#train").click()
        self.assertIn("points must be", self.error_text(message="no message for too many points"))
        self.shot("train-bad-input")

    def test_8_words_model_predictions(self):
        self.open("words")
        self.el("#words-train").clear()
        self.el("#words-train").send_keys("50")
        self.el("#words-epochs").clear()
        self.el("#words-epochs").send_keys("2")
        self.el("#train").click()
        self.wait(lambda: self.el(".status").get_attribute("data-state") == "done", timeout=180,
                  message="the word model did not finish")
        self.assertEqual(len(self.els("#predictions tbody tr")), 20)
        self.assertEqual(len(self.els(".epochs tbody tr")), 2)
        self.no_error()
        self.shot("words-trained")

    def test_9_images_feature_maps(self):
        self.open("images")
        self.el("#mnist-train").clear()
        self.el("#mnist-train").send_keys("100")
        self.el("#mnist-epochs").clear()
        self.el("#mnist-epochs").send_keys("1")
        self.el("#train").click()
        self.wait(lambda: self.el(".status").get_attribute("data-state") == "done", timeout=180,
                  message="the image model did not finish")
        self.assertEqual(len(self.els("#feature-maps canvas")), 5)  # the image and 4 maps
        self.no_error()
        self.shot("images-trained")

    def test_7_not_implemented_tasks_are_named(self):
        with Server(BINARY, "--pretend-missing", "0.4,1.4,2.1,2.5") as stub:
            self.open("manual", stub.url)
            self.assertIn("needs task 0.4: not implemented yet", self.error_text("#page .error.not-implemented"))
            self.shot("stub-manual")
            self.open("autodiff", stub.url)
            self.assertIn("needs task 1.4: not implemented yet", self.error_text("#page .error.not-implemented"))
            self.assertGreater(len(self.els("#graph svg g.node")), 0, "the graph itself should still show")
            self.shot("stub-autodiff")
            self.open("train-tensor", stub.url)
            self.wait(lambda: len(self.els("#train-plot svg")) > 0)
            self.el("#train").click()
            self.assertIn("needs task 2.1: not implemented yet", self.error_text("#page .error.not-implemented"))
            self.shot("stub-train-tensor")
            self.open("math", stub.url)  # other pages keep working
            self.wait(lambda: len(self.els("#math-plots svg")) > 0)
            self.no_error()


class HandoutTest(BrowserTest):
    """With --handout (a handout's binary, every task a stub): every page shows
    which task it needs instead of a crash or a blank page."""

    def test_every_page_names_its_missing_task(self):
        for page in PAGES:
            self.open(page)
            if page.startswith("train-") or page in ("images", "words"):
                self.wait(lambda: not self.el("#train").get_attribute("disabled"))
                self.el("#train").click()
            self.wait(lambda: len(self.els("#page .error.not-implemented")) > 0, timeout=60,
                      message=f"{page}: no 'not implemented' message")
            self.assertIn("not implemented yet", self.el("#page .error.not-implemented").text)
            self.assertTrue(self.server.alive())
            self.shot(f"handout-{page}")


def handout_suite() -> unittest.TestSuite:
    return unittest.TestLoader().loadTestsFromName("test_every_page_names_its_missing_task", HandoutTest)


if __name__ == "__main__":
    args = [a for a in sys.argv if a != "--handout"]
    BINARY = binary_from_argv(args)
    if len(args) > 2:
        SCREENS = args[2]
    chrome, driver = find_chrome()
    if webdriver is None or not chrome or not driver:
        print("SKIPPED: the browser tests need chromium, chromium-driver and python3-selenium "
              "(scripts/setup --dev installs them on Debian; Ubuntu ships Chromium only as a snap)")
        sys.exit(77)
    if "--handout" in sys.argv:
        result = unittest.TextTestRunner(verbosity=2).run(handout_suite())
        sys.exit(0 if result.wasSuccessful() else 1)
    unittest.main(argv=[sys.argv[0], "-v"], defaultTest=[f"BrowserTest.{n}" for n in dir(BrowserTest)
                                                         if n.startswith("test_")])
