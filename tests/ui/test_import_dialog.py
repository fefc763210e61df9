"""Importar on screen with files made as the world makes them: the file is chosen in the real
file dialog, the buttons are clicked, and a correction is confirmed in the real question."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from tests_support.clock import TODAY
from tests_support.world_files import MEMBERS, analyzer_csv, october_workbook

from coop_desktop.core.resources import resource_path
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Delivery, Member
from ui.admin.import_dialog import ImportDialog

from .driving import answer_dialogs, choose_file

OCT = [
    ("101", date(2026, 10, 1), "M", "15.5"),
    ("102", date(2026, 10, 1), "M", "12"),
    ("101", date(2026, 10, 1), "T", "11.25"),
]


@pytest.fixture
def coop(association: Database) -> Database:
    import_scheme(
        association, resource_path("schemes/peru-additive.json").read_text(), date(2026, 1, 1)
    )
    for code in MEMBERS:
        add_member(association, MemberDraft(code=code, given_names="Rosa", surnames="Mamani"))
    return association


def open_file(qtbot: QtBot, dialog: ImportDialog, path: Path, kind: str) -> None:
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    answer_dialogs([choose_file(path)])
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.report is not None and dialog.report.table.file_name == path.name,
        timeout=5000,
    )


def click(qtbot: QtBot, dialog: ImportDialog, button: object, expected: str) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: expected in dialog.summary.text(), timeout=10000)


def quantities(db: Database) -> list[Decimal]:
    with db.read() as s:
        return list(
            s.scalars(
                select(Delivery.quantity)
                .join(Member)
                .order_by(Delivery.date, Delivery.shift, Member.code)
            )
        )


def test_a_workbook_then_a_correction_confirmed(
    qtbot: QtBot, coop: Database, tmp_path: Path
) -> None:
    dialog = ImportDialog(coop, "deliveries")
    qtbot.addWidget(dialog)
    path = october_workbook(tmp_path / "acopio-octubre.xlsx", OCT)
    open_file(qtbot, dialog, path, "deliveries")
    assert "encabezado en la fila 5" in dialog.detected.text()
    assert dialog.sheet.currentText() == "Octubre"
    notes = [dialog.problems.item(i).text() for i in range(3)]
    assert notes[0].startswith("Se lee la hoja «Octubre» (la hoja activa del libro)")
    assert notes[2] == "Fila 9: fila de totales («TOTAL»): no se importa."
    click(qtbot, dialog, dialog.check_button, "Revisión correcta")
    assert dialog.summary.text() == (
        "Revisión correcta: se importarían 3 filas; 0 ya estaban en la base. No se guardó nada."
    )
    click(qtbot, dialog, dialog.import_button, "Importadas")
    assert quantities(coop) == [Decimal("15.500"), Decimal("12.000"), Decimal("11.250")]
    # the month's workbook again, with 101's morning written 16: asked, then corrected
    changed = october_workbook(
        tmp_path / "acopio-v2.xlsx", [("101", date(2026, 10, 1), "M", "16"), *OCT[1:]]
    )
    open_file(qtbot, dialog, changed, "deliveries")
    asked: list[str] = []

    def confirm(box: QWidget) -> None:
        asked.append(box.text())  # type: ignore[attr-defined]
        qtbot.mouseClick(box.yes, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    answer_dialogs([confirm])
    click(qtbot, dialog, dialog.import_button, "Correcciones: 1.")
    assert asked and asked[0].startswith("1 fila corrige lo que ya está registrado:")
    assert "la base tiene 15.5 L; el archivo dice 16.0 L (+0.5 L)" in asked[0]
    assert dialog.summary.text().startswith(
        "Importadas: 0 filas; 2 ya estaban en la base y no se repitieron. Correcciones: 1."
    )
    assert quantities(coop) == [Decimal("16.000"), Decimal("12.000"), Decimal("11.250")]
    dialog.reject()


def test_a_cumulative_analyzer_file_after_the_close(
    qtbot: QtBot, coop: Database, tmp_path: Path
) -> None:
    september = [
        ("101", date(2026, 9, 7), "3,62", "8,41"),
        ("102", date(2026, 9, 7), "3,95", "8,62"),
    ]
    dialog = ImportDialog(coop, "tests")
    qtbot.addWidget(dialog)
    open_file(qtbot, dialog, analyzer_csv(tmp_path / "setiembre.csv", september), "tests")
    click(qtbot, dialog, dialog.import_button, "Importadas: 2 filas")
    add_delivery(coop, "101", "10", "L", date(2026, 9, 5), "am", today=TODAY)
    add_test(coop, "101", "2026-09-05", {"st": "12.0", "ufc": "250000"}, today=TODAY)
    close_period(coop, "2026-09")
    # the September file again, its period closed: nothing new, nothing refused
    open_file(qtbot, dialog, analyzer_csv(tmp_path / "setiembre-2.csv", september), "tests")
    click(qtbot, dialog, dialog.import_button, "Importadas")
    assert dialog.summary.text() == (
        "Importadas: 0 filas; 2 ya estaban en la base y no se repitieron. Este archivo ya se "
        "importó el 27/11/2026 10:00."
    )
    october = [*september, ("103", date(2026, 10, 7), "3,18", "8,05")]
    open_file(qtbot, dialog, analyzer_csv(tmp_path / "octubre.csv", october), "tests")
    click(qtbot, dialog, dialog.import_button, "Importadas")
    assert dialog.summary.text() == (
        "Importadas: 1 fila; 2 ya estaban en la base y no se repitieron."
    )
    dialog.reject()
