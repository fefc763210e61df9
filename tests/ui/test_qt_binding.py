"""The Qt binding in use keeps Python's reference counts: PySide6 6.12.0 drops one reference
to True on every Python signal emit, which crashes the app after enough edits (pyproject
excludes that release; this test catches a release with the same fault)."""

import sys

from PySide6.QtCore import QObject, Signal


class Source(QObject):
    fired = Signal(object)


def test_signal_emit_keeps_reference_counts(qapp) -> None:  # type: ignore[no-untyped-def]
    source = Source()
    seen: list[object] = []
    source.fired.connect(seen.append)
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(2000):
        source.fired.emit(None)
    seen.clear()
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert abs(after[0] - before[0]) < 100, "emit loses references to True"
    assert abs(after[1] - before[1]) < 100, "emit loses references to None"
