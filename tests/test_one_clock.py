"""One clock: the program reads "today" and "now" only through `coop_desktop.core.clock`, so a test
that fixes the day fixes it everywhere (screens, CLI, services, documents) and the suite passes
whatever the machine's date is. Any other way to read the system's date is refused here."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# (owner, attribute) calls that read the system's date or time of day
FORBIDDEN = {
    ("date", "today"),
    ("datetime", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"),
    ("QTime", "currentTime"),
    ("time", "time"),
    ("time", "localtime"),
    ("time", "gmtime"),
    ("time", "ctime"),
}
ALLOWED = {
    ROOT / "coop_desktop" / "core" / "clock.py": {("datetime", "now")},  # the one reading
    # the start-up check reports when the window showed as a wall-clock stamp, which the
    # benchmark that launched it compares with its own (a measurement, not a date)
    ROOT / "ui" / "startup_check.py": {("time", "time")},
}


def _calls(path: Path) -> set[tuple[str, str, int]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and (node.func.value.id, node.func.attr) in FORBIDDEN
        ):
            found.add((node.func.value.id, node.func.attr, node.lineno))
    return found


def test_the_program_and_its_tests_read_the_date_only_through_its_clock() -> None:
    """The tests too: data "relative to today" is built from the test's clock (TODAY)."""
    sources = [
        ROOT / "main.py",
        *(ROOT / "coop_desktop").rglob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        *(ROOT / "tests").rglob("*.py"),
    ]
    leaks = []
    for path in sources:
        if "migrations" in path.parts:
            continue  # each ran once, long ago
        allowed = ALLOWED.get(path, set())
        leaks += [
            f"{path.relative_to(ROOT)}:{line} {owner}.{attr}()"
            for owner, attr, line in sorted(_calls(path))
            if (owner, attr) not in allowed
        ]
    assert leaks == []


def test_the_check_sees_a_leak(tmp_path: Path) -> None:
    leaky = tmp_path / "leaky.py"
    leaky.write_text("from datetime import date\nd = date.today()\n", "utf-8")
    assert _calls(leaky) == {("date", "today", 2)}
