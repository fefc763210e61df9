"""PySide's `__feature__` import wrapper is taken back when the app starts (ui/qt_feature.py,
called by ui/launch.py and by the tests' conftest): no module of the program may then select a
feature, and a module imported after Qt is no longer read by PySide."""

from __future__ import annotations

import ast
import builtins
import sys
from pathlib import Path

from ui.qt_feature import take_back_import

ROOT = Path(__file__).resolve().parents[2]


def test_no_module_of_the_program_selects_a_feature() -> None:
    selecting = []
    for folder in ("ui", "coop_desktop", "scripts", "benchmarks", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                names = (
                    [node.module]
                    if isinstance(node, ast.ImportFrom)
                    else [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else []
                )
                if "__feature__" in names:
                    selecting.append(str(path.relative_to(ROOT)))
    assert selecting == []


def test_modules_imported_after_qt_are_not_read_by_pyside() -> None:
    take_back_import()  # as the app's start does (the tests' conftest did it already)
    assert builtins.__import__ is not getattr(builtins, "__feature_import__", None)
    features = sys.modules["shibokensupport.feature"].pyside_feature_dict
    late = "wsgiref.headers"  # a standard module nothing of the program imports
    assert late not in sys.modules
    exec(f"import {late}", {})  # an import statement, as a module's own
    assert late in sys.modules
    assert late not in features  # PySide's wrapper would have read its source and noted it
