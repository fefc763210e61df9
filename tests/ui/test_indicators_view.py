"""Indicadores: the range, grouping, baseline and reference typed into the real widgets, the
button clicked, the figures and charts shown are the service's, and the files saved."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).parents[1]))

from indicator_dataset import build

from coop_desktop.services.association import create_association
from coop_desktop.storage.engine import Database
from ui.main_window import MainWindow

from .driving import answer_dialogs, choose_file


def _cell(view: object, key: str, column: int) -> str:
    table = view.figures  # type: ignore[attr-defined]
    for row in range(table.rowCount()):
        if table.item(row, 0).data(Qt.ItemDataRole.UserRole) == key:
            return str(table.item(row, column).text())
    raise AssertionError(key)


def test_indicators_screen(qtbot: QtBot, sqlite_db: Database, tmp_path: Path) -> None:
    create_association(sqlite_db, "Asociación de Productores Lecheros Huaychani", district="Ácora")
    build(sqlite_db)
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    view = window.open_section("indicators")
    qtbot.waitUntil(lambda: view.reference.text() == "1.54", timeout=10000)  # type: ignore[attr-defined]
    assert not view.pdf_button.isEnabled()  # type: ignore[attr-defined]
    view.start.setDate(QDate(2026, 10, 1))  # type: ignore[attr-defined]
    view.end.setDate(QDate(2026, 11, 30))  # type: ignore[attr-defined]
    view.by.setCurrentIndex(view.by.findData("district"))  # type: ignore[attr-defined]
    qtbot.mouseClick(view.with_baseline, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    view.base_start.setDate(QDate(2026, 9, 1))  # type: ignore[attr-defined]
    view.base_end.setDate(QDate(2026, 9, 30))  # type: ignore[attr-defined]
    view.reference.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(view.reference, "1.60")  # type: ignore[attr-defined]
    qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.report is not None, timeout=20000)  # type: ignore[attr-defined]
    # The hand-worked figures (tests/services/test_indicators.py), through the formatter.
    assert _cell(view, "producers", 1) == "3"
    assert _cell(view, "litres", 1) == "100.0 L"
    assert _cell(view, "gross", 1) == "S/ 126.42"
    assert _cell(view, "avg_price_per_kg", 1) == "S/ 1.2250"
    assert _cell(view, "reference_price_per_kg", 1) == "S/ 1.6000"  # as typed, for this run
    assert _cell(view, "gross", 2) == "S/ 51.40"  # September
    assert (_cell(view, "litres", 3), _cell(view, "litres", 4)) == ("+60.0 L", "+150.00 %")
    assert "PROVISIONAL: noviembre 2026 sigue abierto" in view.summary.text()  # type: ignore[attr-defined]
    groups = view.groups  # type: ignore[attr-defined]
    assert [groups.item(r, 0).text() for r in range(groups.rowCount())] == ["Ácora", "Cupi"]
    bars = [
        i
        for i in view.plots["litres"].getPlotItem().items  # type: ignore[attr-defined]
        if type(i).__name__ == "BarGraphItem"
    ]
    assert list(bars[0].opts["height"]) == [80.0, 20.0]  # October, November litres
    price_bars = [
        i
        for i in view.plots["group_price"].getPlotItem().items  # type: ignore[attr-defined]
        if type(i).__name__ == "BarGraphItem"
    ]
    assert list(price_bars[0].opts["width"]) == [1.275, 1.15]  # Ácora, Cupi
    assert view.pdf_button.isEnabled()  # type: ignore[attr-defined]
    target = tmp_path / "ind.xlsx"
    answer_dialogs([choose_file(target)])
    qtbot.mouseClick(view.xlsx_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: target.exists() and "Guardado" in view.notice.text(), timeout=20000)  # type: ignore[attr-defined]
    book = load_workbook(io.BytesIO(target.read_bytes()))
    assert "Distrito" in book.sheetnames

    # A typing mistake is refused with the field named, and nothing is recomputed.
    view.reference.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(view.reference, "0")  # type: ignore[attr-defined]
    qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(view.error.text()), timeout=10000)  # type: ignore[attr-defined]
    assert "referencia" in view.error.text()  # type: ignore[attr-defined]
    view.runner.shutdown()  # type: ignore[attr-defined]
    assert date(2026, 10, 1) == view.report.current.start  # type: ignore[attr-defined]
