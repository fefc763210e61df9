"""Importar and Exportar on screen, the member's payment data, and instruments on a serial
port: an analyzer feeding Calidad and a scale feeding Acopio, each played from a
pseudo-terminal that QSerialPort opens like a real port."""

import os
import tty
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from tests_support.clock import TODAY

from coop_desktop.domain.import_columns import IGNORE
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member, list_members
from coop_desktop.services.quality import list_tests
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Delivery
from ui.admin.import_dialog import ImportDialog

from .driving import answer_dialogs, choose_file, key_to_screen, settled


def save_of(dialog: QWidget) -> QWidget:
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Save)


EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def test_import_dialog_previews_maps_checks_and_imports(
    qtbot: QtBot, association: Database, tmp_path: Path
) -> None:
    dialog = ImportDialog(association, "members")
    qtbot.addWidget(dialog)
    answer_dialogs([choose_file(EXAMPLES / "socios-punto-y-coma.csv")])
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.columnCount() == 7, timeout=5000)
    assert "punto y coma" in dialog.detected.text() and "Windows-1252" not in dialog.detected.text()
    assert "cp1252" in dialog.detected.text()
    assert dialog.table.item(1, 1).text() == "Eulogia"
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Revisión correcta" in dialog.summary.text(), timeout=5000)
    assert list_members(association) == []
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Importadas: 2 filas" in dialog.summary.text(), timeout=5000)
    assert [m.code for m in list_members(association)] == ["S0105", "S0106"]

    odd = tmp_path / "entregas.csv"
    odd.write_text(
        "Socio,Fecha,Turno,Litros,Color\nS0105,01/10/2026,am,15,rojo\n"
        "S0106,01/10/2026,noche,12,azul\n"
    )
    qtbot.keyClicks(dialog.kind, "Entregas")
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(odd))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.columnCount() == 5, timeout=5000)
    assert "«Color»" in dialog.problems.item(1).text()
    dialog.mapping_boxes[4].setCurrentIndex(dialog.mapping_boxes[4].findData(IGNORE))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(
            "«Turno»" in dialog.problems.item(i).text() for i in range(dialog.problems.count())
        ),
        timeout=5000,
    )
    found = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert found == [
        "Encabezado en la fila 1: tiene 4 nombres de columna conocidos.",
        "Fila 3, columna C «Turno»: Turno: «noche» no es válido; opciones: am, pm.",
    ]
    assert dialog.summary.text() == "1 problema: no se importará nada hasta corregirlo."
    with association.read() as s:
        assert s.scalar(select(func.count()).select_from(Delivery)) == 0
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closed as a person closes it


def test_exportar_from_cierre_writes_the_payroll(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coop_desktop.services.closeout.closing import close_period
    from coop_desktop.services.demo import load_demo
    from ui.closeout.closeout_view import CloseoutView

    load_demo(sqlite_db, members=5, days=31, start=date(2026, 10, 1), today=date(2026, 11, 27))
    result = close_period(sqlite_db, "2026-10")
    view = CloseoutView(sqlite_db)
    qtbot.addWidget(view)
    settled(qtbot)
    assert view.period.text() == "2026-10"  # the period to close, then the one closed
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    dialog = view.export_dialog
    assert dialog.kind.currentData() == "payroll" and dialog.period.text() == "2026-10"
    target = tmp_path / "planilla.xlsx"
    answer_dialogs([choose_file(target)])
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10000)
    rows = list(load_workbook(target).active.iter_rows(min_row=2, values_only=True))
    net = Decimal(f"{rows[-1][11]:.15g}")  # the last of the payroll's summary columns
    assert net == result.totals()["net"]
    assert "5 filas" in dialog.status.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closed as a person closes it


def test_member_form_keeps_bank_and_wallet(qtbot: QtBot, association: Database) -> None:
    from ui.members.member_dialog import MemberDialog

    dialog = MemberDialog(association)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.fields["code"], "S0007")
    qtbot.keyClicks(dialog.fields["given_names"], "Rosa")
    qtbot.keyClicks(dialog.fields["surnames"], "Mamani")
    qtbot.keyClicks(dialog.payment, "Billetera")
    qtbot.keyClicks(dialog.fields["wallet"], "95123")
    qtbot.mouseClick(save_of(dialog), Qt.MouseButton.LeftButton)
    assert "95123" in dialog.errors["wallet"].text()  # 6 to 15 digits
    qtbot.keyClicks(dialog.fields["wallet"], "4567")
    qtbot.keyClicks(dialog.fields["bank"], "Caja Arequipa")
    qtbot.mouseClick(save_of(dialog), Qt.MouseButton.LeftButton)
    assert dialog.saved is not None
    assert (dialog.saved.payment_method, dialog.saved.wallet, dialog.saved.bank) == (
        "wallet",
        "951234567",
        "Caja Arequipa",
    )


@pytest.fixture
def pty_port() -> Iterator[tuple[int, str]]:
    """A pseudo-terminal: the test writes into the master as a device would; the screen
    opens the slave's path with QSerialPort."""
    master, slave = os.openpty()
    tty.setraw(slave)
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


def test_analyzer_results_wait_for_a_member_and_enter(
    qtbot: QtBot, association: Database, pty_port: tuple[int, str]
) -> None:
    from ui.quality.quality_view import QualityView

    add_member(association, MemberDraft(code="S0001", given_names="Rosa", surnames="Apaza"))
    master, path = pty_port
    view = QualityView(association)
    qtbot.addWidget(view)
    panel = view.analyzer
    panel.port.setEditText("")
    qtbot.keyClicks(panel.port, path)
    qtbot.mouseClick(panel.connect_button, Qt.MouseButton.LeftButton)
    assert panel.reader.is_open(), panel.status.text()
    os.write(master, (EXAMPLES / "analizador.txt").read_bytes().replace(b"\n", b"\r\n"))
    qtbot.waitUntil(lambda: len(panel.pending) == 3 and panel.discarded == 3, timeout=5000)
    assert view.fields["fat"].text() == "3.62" and view.fields["density"].text() == "1.0289"
    assert list_tests(association, TODAY) == []  # never saved on its own
    view.member.setFocus()
    qtbot.keyClicks(view.member, "S0001")
    key_to_screen(qtbot, view.member, Qt.Key.Key_Return)  # Enter on the list of matches
    settled(qtbot)
    (saved,) = list_tests(association, TODAY)
    assert saved.measures["fat"] == Decimal("3.62") and saved.measures["snf"] == Decimal("8.41")
    assert view.fields["fat"].text() == "3.95"  # the next pending result, for the next member
    assert view.member.text() == ""  # never carried over to the next sample
    key_to_screen(qtbot, view.member, Qt.Key.Key_Return)  # a second Enter saves nothing
    settled(qtbot)
    assert len(list_tests(association, TODAY)) == 1 and "socio" in view.error.text().lower()
    qtbot.mouseClick(panel.discard_button, Qt.MouseButton.LeftButton)
    assert view.fields["fat"].text() == "3.18" and len(panel.pending) == 1
    qtbot.mouseClick(panel.connect_button, Qt.MouseButton.LeftButton)
    assert not panel.reader.is_open()


def test_scale_fills_the_quantity_when_steady(
    qtbot: QtBot, association: Database, pty_port: tuple[int, str]
) -> None:
    from ui.collection.collection_view import CollectionView

    master, path = pty_port
    view = CollectionView(association)
    qtbot.addWidget(view)
    scale = view.scale
    scale.port.setEditText("")
    qtbot.keyClicks(scale.port, path)
    qtbot.mouseClick(scale.connect_button, Qt.MouseButton.LeftButton)
    assert scale.reader.is_open(), scale.status.text()
    lines = (EXAMPLES / "balanza.txt").read_bytes().splitlines(keepends=True)
    os.write(master, b"".join(lines[:4]).replace(b"\n", b"\r\n"))  # moving, then one steady
    qtbot.wait(200)
    assert view.quantity.text() == ""
    os.write(master, b"".join(lines[4:7]).replace(b"\n", b"\r\n"))
    qtbot.waitUntil(lambda: view.quantity.text() == "12.5", timeout=5000)
    assert view.unit.currentText() == "kg" and "estable" in scale.status.text()
    qtbot.mouseClick(scale.connect_button, Qt.MouseButton.LeftButton)
