"""No Python event filter on the application (ui/common/window_events.py says why): Qt calls
it for every event of every object, objects being destroyed included, and PySide then left
wrappers of the wrong type behind."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
APPLICATION = ("app", "application", "qApp")


def _receiver(call: ast.Call) -> str:
    func = call.func
    assert isinstance(func, ast.Attribute)
    return ast.unparse(func.value)


def filters_on_the_application(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "installEventFilter"
        ):
            receiver = _receiver(node)
            if receiver in APPLICATION or receiver.endswith(".instance()"):
                found.append(f"{node.lineno}: {receiver}.installEventFilter")
    return found


def test_nothing_filters_the_whole_application() -> None:
    found = {
        str(path.relative_to(UI)): hits
        for path in UI.rglob("*.py")
        if (hits := filters_on_the_application(path.read_text("utf-8")))
    }
    assert found == {}


def test_the_check_finds_one() -> None:
    assert filters_on_the_application("app.installEventFilter(guard)\n") == [
        "1: app.installEventFilter"
    ]
    assert filters_on_the_application("QApplication.instance().installEventFilter(self)\n") == [
        "1: QApplication.instance().installEventFilter"
    ]
    assert filters_on_the_application("window.installEventFilter(self)\n") == []
