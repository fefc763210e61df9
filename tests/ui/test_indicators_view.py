"""Indicadores: the range, grouping, baseline and reference typed into the real widgets, the
button clicked, the figures and charts shown are the service's, and the files saved."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCharts import QAbstractBarSeries, QCategoryAxis, QChartView, QLineSeries
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


def bars(view: QChartView) -> tuple[list[float], list[int]]:
    """The heights of a chart's bars, and which are drawn lighter (its selected ones)."""
    series = [s for s in view.chart().series() if isinstance(s, QAbstractBarSeries)]
    (bar_set,) = series[0].barSets()
    return [bar_set.at(i) for i in range(bar_set.count())], bar_set.selectedBars()


def reference(view: QChartView) -> list[tuple[float, float]]:
    """The dashed reference line's ends."""
    (line,) = [s for s in view.chart().series() if isinstance(s, QLineSeries)]
    assert line.pen().style() == Qt.PenStyle.DashLine
    return [(p.x(), p.y()) for p in line.points()]


def labels(view: QChartView) -> tuple[list[str], list[str]]:
    """The labels along the bottom (or top) axis and along the left one, as shown."""
    texts = {}
    for axis in view.chart().axes():
        if isinstance(axis, QCategoryAxis):  # values, or positions labelled
            texts[axis.orientation()] = axis.categoriesLabels()
        else:  # one name per bar
            texts[axis.orientation()] = axis.categories()  # type: ignore[attr-defined]
    return texts[Qt.Orientation.Horizontal], texts[Qt.Orientation.Vertical]


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
    assert _cell(view, "litres", 1) == "100.000 L"
    assert _cell(view, "gross", 1) == "S/ 126.42"
    assert _cell(view, "avg_price_per_kg", 1) == "S/ 1.2250"
    assert _cell(view, "reference_price_per_kg", 1) == "S/ 1.6000"  # as typed, for this run
    assert _cell(view, "gross", 2) == "S/ 51.40"  # September
    assert (_cell(view, "litres", 3), _cell(view, "litres", 4)) == ("+60.000 L", "+150.00 %")
    assert "PROVISIONAL: noviembre 2026 sigue abierto" in view.summary.text()  # type: ignore[attr-defined]
    groups = view.groups  # type: ignore[attr-defined]
    assert [groups.item(r, 0).text() for r in range(groups.rowCount())] == ["Ácora", "Cupi"]
    plots = view.plots  # type: ignore[attr-defined]
    prices, names = ["0.00", "0.50", "1.00", "1.50", "2.00"], ["Cupi", "Ácora"]
    # Per period: October closed, November open (lighter: its bar is the selected one)
    assert bars(plots["litres"]) == ([80.0, 20.0], [1])
    assert labels(plots["litres"]) == (["2026-10", "2026-11"], ["0", "20", "40", "60", "80", "100"])
    assert bars(plots["price"]) == ([1.215, 1.265], [1])
    assert reference(plots["price"]) == [(-0.5, 1.6), (1.5, 1.6)]  # S/ 1.60 as typed, across
    assert labels(plots["price"]) == (["2026-10", "2026-11"], prices)
    # Per group, horizontal bars from the bottom: Ácora (the first) on top, Cupi below
    assert bars(plots["group_litres"]) == ([20.0, 10.0], [])  # accepted days only
    assert labels(plots["group_litres"]) == (["0.0", "5.0", "10.0", "15.0", "20.0", "25.0"], names)
    assert bars(plots["group_price"]) == ([1.15, 1.275], [])
    assert reference(plots["group_price"]) == [(1.6, -0.5), (1.6, 1.5)]  # up the chart
    assert labels(plots["group_price"]) == (prices, names)
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


def test_many_periods_and_long_group_names_keep_their_labels_apart() -> None:
    """Twelve months label every other one (each label has room); group names are cut to 30
    characters, and two cut alike stay two (a category axis would drop the second)."""
    from ui.home.indicator_plots import group_names, period_labels

    months = [f"2026-{m:02}" for m in range(1, 13)]
    assert period_labels(months[:6]) == list(enumerate(months[:6]))
    assert period_labels(months) == [(i, months[i]) for i in (0, 2, 4, 6, 8, 10)]
    long = ["Comunidad Campesina San Juan de Dios", "Comunidad Campesina San Juan de Chucuito"]
    cut = "Comunidad Campesina San Juan …"
    assert group_names([*long, "Cupi"]) == [cut, cut + "\u200b", "Cupi"]
