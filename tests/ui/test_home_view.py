"""Inicio: the cards, the alerts with the button that fixes each, the pyqtgraph charts, and
the estimated payroll equal to the close preview of the open period."""

from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.domain.periods import period_of
from coop_desktop.services.closeout.closing import preview_close
from coop_desktop.services.demo import load_demo
from coop_desktop.storage.engine import Database
from ui.main_window import MainWindow


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
    bars = [i for i in plots["litres"].getPlotItem().items if type(i).__name__ == "BarGraphItem"]
    assert len(bars) == 1 and len(bars[0].opts["height"]) == 60
    assert bars[0].opts["height"][-2] == float(data.series[-2].litres) > 0
    assert plots["solids"].getPlotItem().listDataItems()

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
    from coop_desktop.resources import resource_path
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
    import_scheme(
        association,
        resource_path("schemes/peru-additive.json").read_text(),
        TODAY - timedelta(days=30),
    )
    add_member(association, MemberDraft(code="S1", given_names="Rosa", surnames="Quispe"))
    add_delivery(association, "S1", "12.5", "L", TODAY, "am")
    app_runner().announce("schemes", "members", "deliveries")  # as Precios and Acopio do
    qtbot.waitUntil(
        lambda: "12.5 L" in home.today.text() and not home.loading,  # type: ignore[attr-defined]
        timeout=15000,
    )
    assert "alert-no_scheme" not in [w.objectName() for w in home.findChildren(QLabel)]
    assert "1 entrega" in home.today.text() and "1 entregas" not in home.today.text()  # type: ignore[attr-defined]


def test_litres_and_kilograms_are_shown_apart_and_the_conversion_said() -> None:
    from decimal import Decimal

    from ui.home.home_view import _units

    assert _units({"L": Decimal("39")}, Decimal("39")) == "39.0 L"
    both = _units({"L": Decimal("39"), "kg": Decimal("10.32")}, Decimal("49"))
    assert both == "39.0 L + 10.3 kg (49.0 L con la densidad del esquema)"


def test_chart_ticks_closer_than_the_axis_places_are_told_apart(qtbot: QtBot) -> None:
    """An empty chart spans 0–1: its ticks read 0.0, 0.2, … instead of "0, 0, 0"."""
    from ui.home.home_view import _axes

    axis = _axes(0)["left"]
    assert axis.tickStrings([0.0, 0.2, 0.4], 1.0, 0.2) == ["0.0", "0.2", "0.4"]
    assert axis.tickStrings([0.0, 500.0, 1000.0], 1.0, 500.0) == ["0", "500", "1,000"]
