"""Inicio: the cards, the alerts with the button that fixes each, the charts (QtCharts: their
bars, lines, reference line and axis labels), and the estimated payroll equal to the close
preview of the open period."""

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarSeries, QCategoryAxis, QChartView, QLineSeries
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.domain.periods import period_of
from coop_desktop.services.closeout.closing import preview_close
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.engine import Database
from ui.main_window import MainWindow

SUNDAYS = ["04/10", "11/10", "18/10", "25/10", "01/11", "08/11", "15/11", "22/11"]


def axis_labels(view: QChartView) -> tuple[list[str], list[str]]:
    """The labels below and on the left of a chart, as shown."""
    axes = view.chart().axes()
    (below,) = [a for a in axes if a.alignment() == Qt.AlignmentFlag.AlignBottom]
    (left,) = [a for a in axes if a.alignment() == Qt.AlignmentFlag.AlignLeft]
    assert len(axes) == 2 and isinstance(below, QCategoryAxis) and isinstance(left, QCategoryAxis)
    return below.categoriesLabels(), left.categoriesLabels()


def bar_heights(view: QChartView) -> list[float]:
    (series,) = view.chart().series()
    assert isinstance(series, QBarSeries)
    (bars,) = series.barSets()
    return [bars.at(i) for i in range(bars.count())]


def points(line: Any) -> tuple[list[tuple[float, float]], Qt.PenStyle]:
    """A line's points and pen style."""
    assert isinstance(line, QLineSeries)
    return [(p.x(), p.y()) for p in line.points()], line.pen().style()


def lines(view: QChartView) -> dict[str, Any]:
    """Each named line's points and pen style."""
    return {line.name(): points(line) for line in view.chart().series()}


def test_dashboard_cards_alerts_and_charts(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_db, members=5, days=40, start=TODAY - timedelta(days=40))
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    home = window.views["home"]
    qtbot.waitUntil(lambda: home.estimate is not None, timeout=15000)  # type: ignore[attr-defined]
    data = home.data  # type: ignore[attr-defined]
    span = period_of(TODAY, "month")
    assert data.period.code == span.code
    totals = preview_close(sqlite_db, span.code).totals()
    assert f"neto S/ {totals['net']:,.2f}" in home.period.text()  # type: ignore[attr-defined]
    assert f"{data.period_litres:,.1f} L" in home.period.text()  # type: ignore[attr-defined]
    assert "PEN" not in home.period.text()  # type: ignore[attr-defined]
    assert "Grasa" in home.quality.text()  # type: ignore[attr-defined]

    plots = home.plots  # type: ignore[attr-defined]
    # 60 days up to today (29/09 to 27/11), the same days below every chart, Sundays labelled
    assert [p.day for p in (data.series[0], data.series[-1])] == [TODAY - timedelta(59), TODAY]
    heights = bar_heights(plots["litres"])
    assert heights == [float(p.litres) for p in data.series]
    assert len(heights) == 60 and heights[:19] == [0.0] * 19  # before the first delivery
    assert heights[19] == 143.3 and heights[-2:] == [141.6, 0.0]  # the first day; yesterday, today
    assert axis_labels(plots["litres"]) == (SUNDAYS, ["0", "50", "100", "150"])
    # fat and total solids on the three days tested, with a legend
    solid = Qt.PenStyle.SolidLine
    assert lines(plots["solids"]) == {
        "Grasa": ([(23.0, 3.87), (39.0, 3.92), (54.0, 3.83)], solid),
        "Sólidos totales": ([(23.0, 11.87), (39.0, 11.92), (54.0, 11.8)], solid),
    }
    assert plots["solids"].chart().legend().isVisible()
    assert axis_labels(plots["solids"]) == (SUNDAYS, ["2.5", "5.0", "7.5", "10.0", "12.5"])
    # UFC/mL in thousands under the dashed limit (1,000,000 UFC/mL) across every day
    ufc, limit = plots["hygiene"].chart().series()
    assert points(ufc) == ([(23.0, 776.2), (39.0, 764.6), (54.0, 746.4)], solid)
    assert points(limit) == ([(-0.5, 1000.0), (59.5, 1000.0)], Qt.PenStyle.DashLine)
    assert axis_labels(plots["hygiene"]) == (SUNDAYS, ["700", "800", "900", "1,000", "1,100"])
    assert not plots["hygiene"].chart().legend().isVisible()
    assert [v.rubberBand() for v in plots.values()] == [QChartView.RubberBand.NoRubberBand] * 3

    labels = [w.objectName() for w in home.findChildren(QLabel)]
    assert "alert-close_period" in labels and "alert-backup" in labels
    go = [b for b in home.findChildren(QPushButton) if b.text() == "Ir a Cierre"]
    go[0].click()
    assert window.stack.currentWidget() is window.views["closeout"]

    home.backup_now(str(tmp_path / "copia.db"))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: (tmp_path / "copia.db").exists(), timeout=10000)
    qtbot.waitUntil(
        lambda: "alert-backup" not in [w.objectName() for w in home.findChildren(QLabel)],
        timeout=10000,
    )


def test_a_new_association_is_told_where_to_start_and_follows_changes(
    qtbot: QtBot, association: Database
) -> None:
    """No price scheme yet: the cards show, an alert leads to Precios; saving a scheme and
    a delivery elsewhere refreshes the cards (nothing stays "Cargando…")."""
    from coop_desktop.core.resources import resource_path
    from coop_desktop.services.deliveries import add_delivery
    from coop_desktop.services.dto import MemberDraft
    from coop_desktop.services.members import add_member
    from coop_desktop.services.schemes import import_scheme
    from ui.common.runner import app_runner

    window = MainWindow(association)
    qtbot.addWidget(window)
    window.show()
    home = window.views["home"]
    qtbot.waitUntil(lambda: not home.loading, timeout=15000)  # type: ignore[attr-defined]
    texts = [w.text() for w in home.findChildren(QLabel)]
    assert not [t for t in texts if "Cargando" in t]
    assert "alert-no_scheme" in [w.objectName() for w in home.findChildren(QLabel)]
    # Nothing delivered nor tested yet: the charts keep their days and a plain 0–1 scale
    plots = home.plots  # type: ignore[attr-defined]
    assert bar_heights(plots["litres"]) == [0.0] * 60
    assert axis_labels(plots["litres"]) == (SUNDAYS, ["0.0", "0.5", "1.0"])
    assert plots["solids"].chart().series() == []
    assert not plots["solids"].chart().legend().isVisible()
    assert axis_labels(plots["solids"]) == (SUNDAYS, ["0.0", "0.5", "1.0"])
    (limit,) = plots["hygiene"].chart().series()  # the limit alone, in the middle
    assert points(limit) == ([(-0.5, 1000.0), (59.5, 1000.0)], Qt.PenStyle.DashLine)
    assert axis_labels(plots["hygiene"]) == (SUNDAYS, ["900", "950", "1,000", "1,050", "1,100"])
    import_scheme(
        association,
        resource_path("schemes/peru-additive.json").read_text(),
        TODAY - timedelta(days=30),
    )
    add_member(association, MemberDraft(code="S1", given_names="Rosa", surnames="Quispe"))
    add_delivery(association, "S1", "12.5", "L", TODAY, "am")
    app_runner().announce_writes()  # as Precios and Acopio do
    qtbot.waitUntil(
        lambda: "12.5 L" in home.today.text() and not home.loading,  # type: ignore[attr-defined]
        timeout=15000,
    )
    assert "alert-no_scheme" not in [w.objectName() for w in home.findChildren(QLabel)]
    assert bar_heights(plots["litres"]) == [0.0] * 59 + [12.5]  # drawn again, today's bar
    assert axis_labels(plots["litres"]) == (SUNDAYS, ["0", "5", "10", "15"])
    assert "1 entrega" in home.today.text() and "1 entregas" not in home.today.text()  # type: ignore[attr-defined]


def test_charts_that_cannot_be_drawn_say_so_and_the_cards_go_on(
    qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.home import home_charts

    def fails(*_args: object) -> None:
        raise ImportError("libQt6Charts.so.6: cannot open shared object file")

    monkeypatch.setattr(home_charts, "draw_litres", fails)
    load_demo(sqlite_db, members=2, days=3, start=TODAY - timedelta(days=3))
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    home = window.views["home"]
    qtbot.waitUntil(lambda: home.estimate is not None, timeout=15000)  # type: ignore[attr-defined]
    error = home.findChild(QLabel, "charts-error")
    assert error is not None and "error inesperado (ImportError)" in error.text()
    assert "Planilla estimada: bruto S/" in home.period.text()  # type: ignore[attr-defined]


def test_litres_and_kilograms_are_shown_apart_and_the_conversion_said() -> None:
    from decimal import Decimal

    from ui.home.home_view import _units

    assert _units({"L": Decimal("39")}, Decimal("39")) == "39.0 L"
    both = _units({"L": Decimal("39"), "kg": Decimal("10.32")}, Decimal("49"))
    assert both == "39.0 L + 10.3 kg (49.0 L con la densidad del esquema)"


def test_chart_ticks_closer_than_the_axis_places_are_told_apart(qtbot: QtBot) -> None:
    """An empty chart spans 0–1: its ticks read 0.0, 0.5, 1.0 instead of "0, 0, 0"; a round
    step never needs more places than the axis has, and thousands are grouped."""
    from decimal import Decimal

    from ui.common import fmt
    from ui.home.chart_scale import scale

    def labels(values: list[str], places: int, from_zero: bool = True) -> list[str]:
        axis = scale([Decimal(v) for v in values], places, from_zero=from_zero)
        return [text for _, text in axis.labelled(fmt.number)]

    assert labels([], 0) == labels(["0", "0"], 0) == ["0.0", "0.5", "1.0"]
    assert labels(["1000"], 0) == ["0", "250", "500", "750", "1,000", "1,250"]
    assert labels(["0.3"], 0) == ["0.0", "0.1", "0.2", "0.3", "0.4"]
    assert labels(["3.87", "11.92"], 1, False) == ["2.5", "5.0", "7.5", "10.0", "12.5"]
    assert labels(["1.275", "1.15", "1.60"], 2) == ["0.00", "0.50", "1.00", "1.50", "2.00"]
    assert labels(["3.7"], 1, False) == ["3.2", "3.4", "3.6", "3.8", "4.0", "4.2"]
