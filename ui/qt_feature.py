"""Python's own `__import__`, taken back from PySide6 when the app starts (ui/launch.py).

PySide6 replaces `__import__` with a wrapper for its opt-in `from __feature__ import
snake_case, true_property` syntax, and that wrapper reads the source file of every module
imported after Qt to see whether it names PySide6 (PYSIDE-2029): about a quarter of a second of
each start, and a second import path that both of the program's threads went through. The
program never selects a feature (tests/ui/test_no_feature_import.py), and PySide treats a module
it has not seen as one without features, so nothing else changes. Shiboken's own lazy loader of
Qt's modules, which the wrapper wraps, stays."""

from __future__ import annotations

import builtins


def take_back_import() -> None:
    import PySide6.QtCore  # noqa: F401  (installs the wrapper, once)

    original = getattr(builtins, "__orig_import__", None)
    wrapper = getattr(builtins, "__feature_import__", None)
    if original is not None and builtins.__import__ is wrapper:
        builtins.__import__ = original
