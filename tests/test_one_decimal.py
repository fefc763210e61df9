"""Exact numbers by one constructor: no `Decimal(...)` call outside core/numbers.py (D(),
from_minor() and the named constants build every Decimal; a float is refused there), and one
CENT."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NUMBERS = ROOT / "coop_desktop" / "core" / "numbers.py"


def decimal_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text("utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "Decimal")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "Decimal")
        )
    ]


def test_no_decimal_is_built_outside_the_numbers_module() -> None:
    sources = [*(ROOT / "coop_desktop").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sources
        if path != NUMBERS and "migrations" not in path.parts
        for line in decimal_calls(path)
    ]
    assert found == []


def test_one_cent() -> None:
    defined = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "coop_desktop").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id in ("CENT", "CENTS") for t in node.targets)
    ]
    assert defined == ["coop_desktop/core/numbers.py"]


def test_the_check_sees_a_decimal(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("import decimal\nx = decimal.Decimal('1.5')\n", "utf-8")
    assert decimal_calls(sneaky) == [2]
