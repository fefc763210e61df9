"""Ventas clicked as a treasurer does, for what the first screens left to the CLI: a buyer
priced by a stored scheme from a date, a dispatch in kg to a buyer typed by name without its
accents, the buyer's liquidación compared (the two differing days listed in the dialog),
expenses, tank readings and plant batches with their annulments (the reason typed into the
dialog), the amber threshold set on Balance, and a day of one centre opened from the grid."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from driving import answer_dialogs, choose_file
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from coop_desktop.core import clock
from coop_desktop.services.centres import add_centre, set_route
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.sales.buyers import add_buyer, list_buyers
from coop_desktop.services.sales.dispatches import add_dispatch
from coop_desktop.services.sales.expenses import list_expenses
from coop_desktop.services.sales.plant import list_batches
from coop_desktop.services.sales.tanks import list_tanks
from coop_desktop.services.schemes import import_scheme
from coop_desktop.storage.engine import Database
from ui.common import dates
from ui.sales.balance_view import AMBER, DayRows
from ui.sales.sales_view import SalesView

KG_SCHEME = (
    '{"name": "planta-kg", "title": "Planta por kg", "currency": "PEN", "unit": "kg",'
    ' "density": "1.030", "basis": {"kind": "delivery"}, "components": [{"type": "base",'
    ' "label": "Base", "rate": "1.60"}]}'
)
LEFT = Qt.MouseButton.LeftButton


def _world(db: Database) -> None:
    from coop_desktop.services.association import create_association

    create_association(db, "Asociación de Productores Lecheros Amparani", None)
    import_scheme(db, KG_SCHEME, date(2026, 1, 1))
    add_centre(db, "C01", "Centro Huaychani")
    add_centre(db, "C02", "Centro Amparani")
    for code, centre, litres in (("S0001", "C01", "500"), ("S0002", "C02", "300")):
        add_member(db, MemberDraft(code=code, given_names="Nilda", surnames="Ccama"))
        set_route(db, centre, [code])
        add_delivery(db, code, litres, "L", date(2026, 10, 5), "am")


def _reason(text: str) -> Callable[[QWidget], None]:
    """Answer the reason dialog: type it and click OK."""

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog), type(dialog).__name__
        edit = dialog.findChild(QLineEdit)
        assert edit is not None
        QTest.keyClicks(edit, text)
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        QTest.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), LEFT)

    return act


def _view(qtbot: QtBot, db: Database) -> SalesView:
    view = SalesView(db)
    qtbot.addWidget(view)
    view.resize(1366, 740)
    view.show()
    return view


def test_a_buyer_by_scheme_a_dispatch_in_kg_and_the_liquidacion(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path
) -> None:
    _world(sqlite_db)
    clock.fix(date(2026, 10, 6))
    view = _view(qtbot, sqlite_db)
    tab = view.buyers
    view.tabs.setCurrentWidget(tab)
    qtbot.keyClicks(tab.code, "psr")
    tab.name.insert("Planta San Román")  # pasted: the test keyboard types ASCII only
    qtbot.mouseClick(tab.terms.by_scheme, LEFT)
    assert tab.terms.scheme.currentText() == "Planta por kg (planta-kg, desde 01/01/2026)"
    tab.terms.effective.setDate(dates.qdate(date(2026, 10, 1)))
    qtbot.mouseClick(tab.add_button, LEFT)
    assert tab.status.text() == "Comprador agregado: Planta San Román (esquema «Planta por kg»)."
    (buyer,) = list_buyers(sqlite_db)
    assert (buyer.code, buyer.scheme, buyer.terms_from) == ("PSR", "planta-kg", date(2026, 10, 1))

    dispatches = view.dispatches
    view.tabs.setCurrentWidget(dispatches)
    dispatches.day.setDate(dates.qdate(date(2026, 10, 5)))
    dispatches.centre.setCurrentIndex(dispatches.centre.findData("C01"))
    dispatches.unit.setCurrentIndex(dispatches.unit.findData("kg"))
    qtbot.keyClicks(dispatches.buyer, "san roman")  # no accent, any case, part of the name
    qtbot.keyClicks(dispatches.quantity, "515")
    qtbot.keyClick(dispatches.quantity, Qt.Key.Key_Return)
    assert dispatches.status.text() == "Guía G001-00000001: 515.0 kg para Planta San Román."
    qtbot.keyClicks(dispatches.buyer, "zzz")
    qtbot.keyClicks(dispatches.quantity, "10")
    qtbot.keyClick(dispatches.quantity, Qt.Key.Key_Return)
    assert dispatches.status.text() == "No existe el comprador «zzz»."

    receptions = view.receptions
    view.tabs.setCurrentWidget(receptions)
    qtbot.waitUntil(lambda: receptions.pending.count() == 1)
    receptions.unit.setCurrentIndex(receptions.unit.findData("kg"))
    qtbot.keyClicks(receptions.quantity, "512")
    qtbot.mouseClick(receptions.receive_button, LEFT)
    assert receptions.status.text() == "Guía G001-00000001: venta de S/ 819.20."  # 512 × 1.60

    view.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "S/ 819.20" in tab.account.title.text())
    statement = tmp_path / "liquidacion.csv"
    statement.write_text(
        "Fecha,Cantidad,Monto\n05/10/2026,512,815.00\n06/10/2026,300,480.00\n",
        encoding="utf-8",
    )
    listed: list[list[str]] = []

    def read_and_close(dialog: QWidget) -> None:
        table = dialog.table  # type: ignore[attr-defined]
        listed.extend([table.item(i, j).text() for j in range(4)] for i in range(table.rowCount()))
        dialog.reject()  # type: ignore[attr-defined]

    answer_dialogs([choose_file(statement), read_and_close])
    qtbot.mouseClick(tab.account.import_button, LEFT)
    qtbot.waitUntil(lambda: len(listed) == 2)
    assert listed == [
        ["05/10/2026", "monto", "512.0 · S/ 819.20", "512.0 · S/ 815.00"],
        ["06/10/2026", "solo en un lado", "—", "300.0 · S/ 480.00"],
    ]
    assert tab.account.status.text() == "2 filas leídas; días que difieren: 2."


def test_expenses_tanks_plant_and_the_balance(qtbot: QtBot, sqlite_db: Database) -> None:
    _world(sqlite_db)
    clock.fix(date(2026, 10, 6))
    add_buyer(sqlite_db, "LOC", "Venta local", kind="local", price="2.00", per="L")
    add_dispatch(sqlite_db, "LOC", "294", "L", "2026-10-05", "pm", centre="C02")  # 2.00 %
    view = _view(qtbot, sqlite_db)

    expenses = view.expenses
    view.tabs.setCurrentWidget(expenses)
    expenses.category.setCurrentIndex(expenses.category.findData("transport"))
    qtbot.keyClicks(expenses.amount, "60")
    qtbot.keyClicks(expenses.note, "Flete")
    qtbot.mouseClick(expenses.add_button, LEFT)
    assert expenses.status.text() == "Gasto 1 registrado: S/ 60.00."
    assert expenses.total.text() == "Total del rango: S/ 60.00"
    expenses.table.selectRow(0)
    answer_dialogs([_reason("Se pago dos veces")])
    qtbot.mouseClick(expenses.reverse_button, LEFT)
    qtbot.waitUntil(lambda: expenses.status.text() == "Gasto 1 revertido.")
    assert expenses.total.text() == "Total del rango: S/ 0.00"
    assert [e.amount for e in list_expenses(sqlite_db, date(2026, 10, 1), date(2026, 10, 31))] == [
        60,
        -60,
    ]

    tanks = view.tanks
    view.tabs.setCurrentWidget(tanks)
    tanks.centre.setCurrentIndex(tanks.centre.findData("C01"))
    tanks.day.setDate(dates.qdate(date(2026, 10, 5)))
    tanks.moment.setCurrentIndex(tanks.moment.findData("closing"))
    for litres in ("40", "4"):
        qtbot.keyClicks(tanks.litres, litres)
        qtbot.mouseClick(tanks.save_button, LEFT)
    assert tanks.status.text() == "Tanque C01, cierre del 05/10/2026: 4.0 L."
    assert tanks.table.rowCount() == 2
    tanks.table.selectRow(1)
    answer_dialogs([_reason("Se leyo 4 por 40")])
    qtbot.mouseClick(tanks.void_button, LEFT)
    qtbot.waitUntil(lambda: tanks.status.text() == "Lectura anulada.")
    assert tanks.table.item(1, 4).text() == "ANULADA"
    found = list_tanks(sqlite_db, date(2026, 10, 5), date(2026, 10, 5))
    assert [(r.litres, r.void) for r in found] == [(40, False), (4, True)]

    plant = view.plant
    view.tabs.setCurrentWidget(plant)
    qtbot.keyClicks(plant.new_product, "Manjar blanco")
    qtbot.mouseClick(plant.product_button, LEFT)
    assert plant.product.currentText() == "Manjar blanco"
    plant.product.setCurrentIndex(plant.product.findText("Queso fresco"))
    qtbot.keyClicks(plant.milk, "700")
    qtbot.keyClicks(plant.out, "85")
    qtbot.mouseClick(plant.batch_button, LEFT)
    assert plant.status.text() == "Lote 1 de Queso fresco: 8.24 L/kg."
    assert [plant.report.item(0, j).text() for j in range(6)] == [
        "2026-10",
        "Queso fresco",
        "1",
        "700.0 L",
        "85.0 kg",
        "8.24",
    ]
    plant.table.selectRow(0)
    answer_dialogs([_reason("Era otro dia")])
    qtbot.mouseClick(plant.void_button, LEFT)
    qtbot.waitUntil(lambda: plant.status.text() == "Lote 1 anulado.")
    assert plant.report.rowCount() == 0
    assert [b.void for b in list_batches(sqlite_db, date(2026, 10, 1), date(2026, 10, 31))] == [
        True
    ]

    grid = view.balance
    view.tabs.setCurrentWidget(grid)
    grid.report = None
    qtbot.mouseClick(grid.show_button, LEFT)
    qtbot.waitUntil(lambda: grid.report is not None)
    assert "Días en ámbar (más de 1.0 %): 2." in grid.summary.text()
    grid.threshold.selectAll()
    qtbot.keyClicks(grid.threshold, "5")
    grid.report = None
    qtbot.mouseClick(grid.threshold_button, LEFT)
    qtbot.waitUntil(lambda: grid.report is not None)
    assert grid.threshold.text() == "5.0"
    assert "Días en ámbar (más de 5.0 %): 1." in grid.summary.text()
    day = 4  # 05/10
    assert [grid.grid.horizontalHeaderItem(j).text() for j in range(2)] == ["C01", "C02"]
    assert grid.grid.item(day, 0).text() == "460.0 L  92.00 %"  # 500 in, 40 left in the tank
    assert grid.grid.item(day, 0).background().color() == AMBER
    opened: list[tuple[str, int, int]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, DayRows)
        first = dialog.deliveries.item(0, 0).text()
        opened.append((first, dialog.deliveries.rowCount(), dialog.dispatches.rowCount()))
        dialog.reject()

    answer_dialogs([look])
    rect = grid.grid.visualItemRect(grid.grid.item(day, 1))
    qtbot.mouseClick(grid.grid.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(grid.grid.viewport(), LEFT, pos=rect.center())
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert opened == [("S0002 Nilda Ccama", 1, 1)]  # C02's day only
