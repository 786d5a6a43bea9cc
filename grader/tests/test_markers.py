import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _path  # noqa: E402,F401

from gradelib import markers, tasks  # noqa: E402

B, E = "// BEGIN SOLUTION", "// END SOLUTION"  # the test texts are built from these


def manifest(*specs):
    """manifest(("0.1", "tests", ["a.h"]), ...)"""
    return tasks.parse({"rapidcheck_seed": 1, "tasks": [
        {"id": i, "module": int(i.split(".")[0]), "title": f"T{i}", "points": 5, "kind": k,
         "suite": "Task" + i.replace(".", "_"), "binary": "test_module0", "files": f}
        for i, k, f in specs]}, path="grader/tasks.json")


class ParseTest(unittest.TestCase):
    def test_region_and_default_stub(self):
        text = f"int f() {{\n  {B} 0.1\n  return 1;\n  {E}\n}}\n"
        regions, errors = markers.parse(text, "a.h")
        self.assertEqual(errors, [])
        self.assertEqual(len(regions), 1)
        r = regions[0]
        self.assertEqual((r.task, r.begin, r.end, r.indent, r.stub), ("0.1", 2, 4, "  ", None))
        self.assertEqual(r.body, [(3, "  return 1;")])
        self.assertEqual(markers.strip(text, regions), 'int f() {\n  MT_TODO("0.1");\n}\n')

    def test_stub_line_replaces_region(self):
        text = f"struct S {{\n    {B} 2.1\n    // STUB: int x = 0;  // TODO\n    int x = 42;\n    {E}\n}};\n"
        regions, errors = markers.parse(text, "a.h")
        self.assertEqual(errors, [])
        self.assertEqual(regions[0].stub, "int x = 0;  // TODO")
        self.assertEqual(regions[0].body, [(4, "    int x = 42;")])
        self.assertEqual(markers.strip(text, regions), "struct S {\n    int x = 0;  // TODO\n};\n")

    def test_tab_indentation_and_crlf_kept(self):
        text = f"void g() {{\r\n\t{B} 4.4b\r\n\tdo_it();\r\n\t{E}\r\n}}\r\n"
        regions, errors = markers.parse(text, "k.cu")
        self.assertEqual(errors, [])
        self.assertEqual(markers.strip(text, regions), 'void g() {\r\n\tMT_TODO("4.4b");\r\n}\r\n')

    def test_several_regions_and_only(self):
        text = f"{B} 0.1\na();\n{E}\nmid();\n{B} 0.3\nb();\n{E}\n"
        regions, errors = markers.parse(text, "f.cpp")
        self.assertEqual(errors, [])
        self.assertEqual(markers.strip(text, regions), 'MT_TODO("0.1");\nmid();\nMT_TODO("0.3");\n')
        only = markers.strip(text, regions, only={"0.3"})
        self.assertEqual(only, f'{B} 0.1\na();\n{E}\nmid();\nMT_TODO("0.3");\n')

    def test_no_trailing_newline(self):
        text = f"{B} 0.1\nx;\n{E}"
        regions, _ = markers.parse(text, "f.h")
        self.assertEqual(markers.strip(text, regions), 'MT_TODO("0.1");')

    def assertError(self, text, line, fragment):
        _, errors = markers.parse(text, "dir/f.cpp")
        self.assertTrue(errors, "expected an error")
        self.assertTrue(any(e.startswith(f"dir/f.cpp:{line}: error: ") and fragment in e for e in errors), errors)

    def test_nested_begin(self):
        self.assertError(f"{B} 0.1\n{B} 0.2\nx;\n{E}\n{E}\n", 2, "nested BEGIN SOLUTION")

    def test_end_without_begin(self):
        self.assertError(f"x;\n  {E}\n", 2, "END SOLUTION without a BEGIN SOLUTION")

    def test_missing_end(self):
        self.assertError(f"a;\n{B} 1.2\nx;\n", 2, "BEGIN SOLUTION 1.2 has no END SOLUTION")

    def test_malformed_markers(self):
        self.assertError("//BEGIN SOLUTION 0.1\n", 1, "malformed solution marker")
        self.assertError("// BEGIN SOLUTION(Task 0.1)\n", 1, "malformed")
        self.assertError(f"{B}\n", 1, "malformed")
        self.assertError(f"{B} 0.1 extra\n", 1, "malformed")
        self.assertError(f"{B} 0.1\nx;\n{E} 0.1\n", 3, "malformed")

    def test_stub_misplaced_empty_or_outside(self):
        self.assertError(f"{B} 0.1\nx;\n// STUB: y;\n{E}\n", 3, "right after its BEGIN")
        self.assertError(f"{B} 0.1\n// STUB:\n{E}\n", 2, "empty STUB")
        self.assertError("// STUB: y;\n", 1, "outside a solution region")

    def test_marker_must_be_the_whole_line(self):
        regions, errors = markers.parse(f"int x; {B} 0.1\n/* {E} */\n", "f.h")
        self.assertEqual((regions, errors), ([], []))

    def test_documentation_files_are_not_parsed(self):
        self.assertFalse(markers.may_hold_markers("module0/README.md"))
        self.assertTrue(markers.may_hold_markers("module0/src/a.cpp"))


class ManifestCheckTest(unittest.TestCase):
    def scan(self, files, man):
        with tempfile.TemporaryDirectory() as root:
            for path, text in files.items():
                full = os.path.join(root, path)
                os.makedirs(os.path.dirname(full), exist_ok=True)
                with open(full, "w", encoding="utf-8") as f:
                    f.write(text)
            with open(os.path.join(root, "bin.dat"), "wb") as f:
                f.write(b"\0\1\2" + f"{B} 0.1\n".encode())
            return markers.scan_tree(root, list(files) + ["bin.dat"], man)

    def test_consistent_tree(self):
        scan = self.scan({"a.h": f"{B} 0.1\nx;\n{E}\n", "b.cpp": "plain\n"},
                         manifest(("0.1", "tests", ["a.h"]), ("0.2", "manual", [])))
        self.assertEqual(scan.errors, [])
        self.assertEqual(scan.files_of_task("0.1"), ["a.h"])
        self.assertEqual(scan.count_by_task(), {"0.1": 1})
        self.assertNotIn("bin.dat", scan.texts)  # binary: never parsed

    def test_unknown_task_id(self):
        scan = self.scan({"a.h": f"{B} 0.1\nx;\n{E}\n{B} 9.9\ny;\n{E}\n"}, manifest(("0.1", "tests", ["a.h"])))
        self.assertEqual(len(scan.errors), 1)
        self.assertRegex(scan.errors[0], r"^a\.h:4: error: unknown task id '9\.9'")

    def test_tests_task_without_region(self):
        scan = self.scan({"a.h": f"{B} 0.1\nx;\n{E}\n"},
                         manifest(("0.1", "tests", ["a.h"]), ("0.2", "tests", ["a.h"]), ("0.3", "manual", [])))
        self.assertEqual(len(scan.errors), 1, scan.errors)
        self.assertRegex(scan.errors[0], r"^grader/tasks\.json:\d+: error: task 0\.2 .*has no solution region")

    def test_region_in_unlisted_file(self):
        scan = self.scan({"a.h": f"{B} 0.1\nx;\n{E}\n", "b.h": f"  {B} 0.1\n  y;\n  {E}\n"},
                         manifest(("0.1", "tests", ["a.h"])))
        self.assertEqual(len(scan.errors), 1)
        self.assertRegex(scan.errors[0], r"^b\.h:1: error: a region of task 0\.1 in a file that .* does not list")

    def test_listed_file_missing(self):
        scan = self.scan({"a.h": f"{B} 0.1\nx;\n{E}\n"}, manifest(("0.1", "tests", ["a.h", "gone.h"])))
        self.assertTrue(any("gone.h, which does not exist" in e for e in scan.errors), scan.errors)

    def test_parse_errors_are_collected_with_paths(self):
        scan = self.scan({"a.h": f"{B} 0.1\nx;\n{E}\n", "z.h": f"{E}\n"}, manifest(("0.1", "tests", ["a.h"])))
        self.assertEqual(scan.errors, ["z.h:1: error: END SOLUTION without a BEGIN SOLUTION"])


if __name__ == "__main__":
    unittest.main()
