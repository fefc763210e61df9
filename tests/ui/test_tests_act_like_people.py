"""UI tests act like the person at the screen: they click, type and answer the real dialogs;
they never call the method a button, a menu, Enter or a widget's signal runs (a slot called
directly skips the state a person's click goes through — a disabled button, a clicked(bool)
argument, a field not yet committed) and never emit a widget's signal themselves.

The screens' own code says which methods those are: every method connected to a clicked,
returnPressed, activated, triggered, doubleClicked, accepted or rejected signal (directly or
through a lambda). A test that calls one of them by name fails here."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USER_SIGNALS = {
    "clicked",
    "returnPressed",
    "activated",
    "triggered",
    "doubleClicked",
    "accepted",
    "rejected",
}
WIDGET_SIGNALS = USER_SIGNALS | {
    "textChanged",
    "textEdited",
    "editingFinished",
    "currentIndexChanged",
    "currentRowChanged",
    "toggled",
    "dateChanged",
    "valueChanged",
    "itemChanged",
    "currentTextChanged",
}
# Window life cycle, not a button's work: closing a window in a test's teardown is allowed.
LIFE_CYCLE = {"close", "show", "hide"}
# Objects of a test that have methods of the same names and are no screen: a subprocess,
# the op runner, a socket server, a PDF canvas or page, an image, the program's clock.
NOT_SCREENS = {"subprocess", "runner", "server", "c", "page", "canvas", "clock"}


def _connected_names(tree: ast.AST) -> set[str]:
    """Methods of the screen connected to a user signal: `x.clicked.connect(self.save)`,
    `x.clicked.connect(lambda: self.save())` or `… lambda: self.after.reopen()`."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "connect"
            and isinstance(node.func.value, ast.Attribute)
            and node.func.value.attr in USER_SIGNALS
            and node.args
        ):
            continue
        target = node.args[0]
        if isinstance(target, ast.Lambda):
            target = target.body.func if isinstance(target.body, ast.Call) else target.body
        if isinstance(target, ast.Attribute) and _on_self(target):
            names.add(target.attr)
    return names - LIFE_CYCLE


def _on_self(node: ast.Attribute) -> bool:
    """`self.name` or `self.part.name`: a method of the screen or of a part of it."""
    base = node.value
    while isinstance(base, ast.Attribute):
        base = base.value
    return isinstance(base, ast.Name) and base.id == "self"


def screen_slots() -> set[str]:
    """The screens' own methods (defined in ui/, not Qt's) that a user signal runs."""
    connected: set[str] = set()
    defined: set[str] = set()
    for path in (ROOT / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        connected |= _connected_names(tree)
        defined |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    return connected & defined


def offences(source: str, slots: set[str]) -> list[str]:
    """Calls of a screen's slot, and emits of a widget's signal, in a test's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name, owner = node.func.attr, node.func.value
        receiver = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if name in slots and not isinstance(owner, ast.Call) and receiver not in NOT_SCREENS:
            found.append(f"line {node.lineno}: calls {name}()")
        if name == "emit" and isinstance(owner, ast.Attribute) and owner.attr in WIDGET_SIGNALS:
            found.append(f"line {node.lineno}: emits {owner.attr}")
    return found


def test_the_slots_are_found() -> None:
    """The walker finds what the brief names, so the check below can fail."""
    slots = screen_slots()
    for name in ("save", "preview", "add_charge", "add_product", "add_component", "refresh"):
        assert name in slots, name
    sample = "view.save()\nview.editor.add_component()\nbutton.clicked.emit()\nqtbot.wait(1)\n"
    assert offences(sample, slots) == [
        "line 1: calls save()",
        "line 2: calls add_component()",
        "line 3: emits clicked",
    ]


def test_no_ui_test_calls_a_slot_or_emits_a_widget_signal() -> None:
    slots = screen_slots()
    here = Path(__file__).name
    found = {
        path.name: problems
        for path in sorted((ROOT / "tests" / "ui").glob("*.py"))
        if path.name not in (here, "conftest.py")  # conftest: the forgotten-dialog net
        and (problems := offences(path.read_text("utf-8"), slots))
    }
    assert found == {}
