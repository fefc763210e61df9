"""The PySide6 desktop app. Only this package imports Qt.

Importing Qt here, first, also takes back Python's own `__import__`. PySide6 replaces it with a
wrapper for its opt-in `from __feature__ import snake_case, true_property` syntax, and that
wrapper reads the source file of every module imported after Qt to see whether it names PySide6
(PYSIDE-2029): about a quarter of a second of each start, and a second import path that both
of the program's threads went through (docs/architecture.md, "Imports"). The program never
selects a feature (tests/ui/test_no_feature_import.py), and PySide treats a module it has not
seen as one without features, so nothing else changes.
"""

import builtins

import PySide6.QtCore  # noqa: F401  (installs the wrapper that the lines below take back)

_original = getattr(builtins, "__orig_import__", None)
if _original is not None and builtins.__import__ is getattr(builtins, "__feature_import__", None):
    builtins.__import__ = _original
