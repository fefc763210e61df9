"""No print lost in silence, on real CUPS queues: a missing, paused or rejecting printer is
said in words, nothing is sent and nothing is recorded (the next print is not a COPIA);
Reintentar, Elegir otra and Guardar PDF do what they say; Cierre prints a whole batch."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from print_dialogs import Answers
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.demo import load_demo
from coop_desktop.services.printouts import render
from coop_desktop.storage.engine import Database
from ui.closeout.closeout_view import CloseoutView
from ui.common import settings
from ui.documents.documents_view import DocumentsView

from .driving import answer_dialogs, choose_file, settled

START = (TODAY.replace(day=1) - timedelta(days=40)).replace(day=1)
PERIOD = f"{START:%Y-%m}"
QUEUES = (
    "Termica-80",
    "Termica-80-Libre",
    "Termica-80-Margen",
    "Termica-58-Margen",
    "Oficina-PDF",
    "Oficina-A4",
    "Oficina-Margen",
    "Recibos-RAW",
)


@pytest.fixture
def closed(sqlite_db: Database) -> Database:
    load_demo(sqlite_db, members=3, days=31, start=START)
    close_period(sqlite_db, PERIOD)
    return sqlite_db


def all_jobs(cups_server) -> dict[str, set[int]]:  # type: ignore[no-untyped-def]
    return {q: cups_server.done(q) for q in QUEUES}


def retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def receipt_view(qtbot: QtBot, db: Database, member: str) -> DocumentsView:
    view = DocumentsView(db)
    qtbot.addWidget(view)
    settled(qtbot)
    view.kind.setCurrentIndex(view.kind.findData("receipt"))
    retype(qtbot, view.key, PERIOD)
    retype(qtbot, view.member, member)
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.printout is not None, timeout=10000)
    return view


@pytest.mark.parametrize(
    ("state", "words"),
    [
        (("cupsdisable", "cupsenable"), "está en pausa"),
        (("cupsreject", "cupsaccept"), "no está aceptando trabajos"),
    ],
)
def test_paused_or_rejecting_printer_is_said_and_nothing_is_recorded(
    qtbot: QtBot, closed: Database, cups_server, state: tuple[str, str], words: str
) -> None:  # type: ignore[no-untyped-def]
    view = receipt_view(qtbot, closed, "S0001")
    cups_server.admin(state[0], "Oficina-A4")
    try:
        before = all_jobs(cups_server)
        answers = Answers(qtbot).printer("Oficina-A4").press("Cancelar")
        qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not answers.steps, timeout=10000)
        answers.stop()
    finally:
        cups_server.admin(state[1], "Oficina-A4")
    assert f"La impresora Oficina-A4 {words}" in answers.seen[0]
    assert "No se imprimió nada" in view.status.text()
    assert all_jobs(cups_server) == before  # nothing went anywhere
    assert render(closed, "receipt", PERIOD, "S0001").mark == ""  # and nothing was recorded


def test_retry_after_resuming_prints_and_records(
    qtbot: QtBot, closed: Database, cups_server
) -> None:  # type: ignore[no-untyped-def]
    view = receipt_view(qtbot, closed, "S0002")
    cups_server.admin("cupsdisable", "Oficina-A4")
    before = cups_server.done("Oficina-A4")
    # the treasurer resumes the printer in the print queue, then presses Reintentar
    answers = (
        Answers(qtbot)
        .printer("Oficina-A4")
        .press("Reintentar", before=lambda: cups_server.admin("cupsenable", "Oficina-A4"))
    )
    try:
        qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
        job = cups_server.job_after("Oficina-A4", before)
    finally:
        cups_server.admin("cupsenable", "Oficina-A4")
    answers.stop()
    assert job.options["PageSize"] == "A4"  # an A5 receipt, centred on the only paper it has
    qtbot.waitUntil(lambda: "1 página enviada a Oficina-A4" in view.status.text(), timeout=10000)
    assert render(closed, "receipt", PERIOD, "S0002").mark == "COPIA"


def test_a_missing_ticket_printer_is_never_replaced_by_another(
    qtbot: QtBot, closed: Database, cups_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from coop_desktop.services.deliveries import list_deliveries

    delivery = str(list_deliveries(closed)[0].id)
    settings.TICKET_PRINTER.set("Termica-Vieja")
    view = DocumentsView(closed)
    qtbot.addWidget(view)
    settled(qtbot)
    view.kind.setCurrentIndex(view.kind.findData("ticket"))
    retype(qtbot, view.key, delivery)
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.printout is not None, timeout=10000)
    before = all_jobs(cups_server)
    answers = Answers(qtbot).press("Cancelar")
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    answers.stop()
    assert "No se encontró la impresora Termica-Vieja" in answers.seen[0]
    assert all_jobs(cups_server) == before
    assert "No se imprimió" in view.status.text()
    assert render(closed, "ticket", delivery).mark == ""

    # Guardar PDF: the ticket saved instead, and counted as handed out
    target = tmp_path / "ticket.pdf"

    def save_instead(dialog: QWidget) -> None:
        from PySide6.QtWidgets import QMessageBox, QPushButton

        assert isinstance(dialog, QMessageBox)
        [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Guardar PDF…"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    seen = answer_dialogs([save_instead, choose_file(target)])
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 2 and target.exists(), timeout=10000)
    settled(qtbot)
    assert "TICKET DE ENTREGA" in PdfReader(target).pages[0].extract_text()
    assert render(closed, "ticket", delivery).mark == "COPIA"

    # Elegir otra: the same ticket on the printer the treasurer picks
    answers = Answers(qtbot).press("Elegir otra…").printer("Termica-80-Libre")
    before = cups_server.done("Termica-80-Libre")
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    job = cups_server.job_after("Termica-80-Libre", before)
    answers.stop()
    assert job.options["PageSize"].startswith("Custom.226x")  # 80 mm, in points
    assert "COPIA" in PdfReader(io.BytesIO(job.data)).pages[0].extract_text()


def test_acopio_says_the_ticket_printer_is_missing(
    qtbot: QtBot, cups_server, sqlite_db: Database
) -> None:  # type: ignore[no-untyped-def]
    from coop_desktop.services.association import create_association
    from coop_desktop.services.deliveries import list_deliveries
    from coop_desktop.services.members import MemberDraft, add_member
    from ui.collection.collection_view import CollectionView

    association = sqlite_db
    create_association(association, "Asociación Huaychani", "20131312955")
    add_member(association, MemberDraft(code="S0001", given_names="Rosa", surnames="Apaza"))
    settings.TICKET_PRINTER.set("Termica-Vieja")
    view = CollectionView(association)
    qtbot.addWidget(view)
    settled(qtbot)
    before = all_jobs(cups_server)
    answers = Answers(qtbot).press("Cancelar")
    qtbot.keyClicks(view.member, "S0001")
    qtbot.keyClicks(view.quantity, "12.5")
    qtbot.keyClick(view.quantity, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not answers.steps, timeout=10000)
    settled(qtbot)
    answers.stop()
    assert "No se encontró la impresora Termica-Vieja" in answers.seen[0]
    assert "el ticket no se imprimió" in view.error.text()
    assert all_jobs(cups_server) == before
    [saved] = list_deliveries(association)
    assert render(association, "ticket", str(saved.id)).mark == ""  # not a COPIA next time


def test_cierre_prints_the_batch_of_receipts(qtbot: QtBot, closed: Database, cups_server) -> None:  # type: ignore[no-untyped-def]
    view = CloseoutView(closed)
    qtbot.addWidget(view)
    settled(qtbot)
    retype(qtbot, view.period, PERIOD)
    qtbot.keyClick(view.period, Qt.Key.Key_Return)
    settled(qtbot)
    before = cups_server.done("Oficina-PDF")
    answers = Answers(qtbot).item("Recibos").printer("Oficina-PDF")
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    job = cups_server.job_after("Oficina-PDF", before)
    answers.stop()
    reader = PdfReader(io.BytesIO(job.data))
    assert job.options["PageSize"] == "A5" and len(reader.pages) == 3
    text = " ".join(p.extract_text() for p in reader.pages)
    assert all(f"S000{i}" in text for i in (1, 2, 3))
    qtbot.waitUntil(lambda: "3 páginas enviadas a Oficina-PDF" in view.status.text(), timeout=10000)
    assert view.print_button.isEnabled()
    assert render(closed, "receipt", PERIOD, "S0003").mark == "COPIA"
    view.runner.shutdown()


def test_documentos_prints_each_printer_s_own_receipt(
    qtbot: QtBot, closed: Database, cups_server
) -> None:  # type: ignore[no-untyped-def]
    """The chooser says what each printer prints; the roll printer gets the roll receipt."""
    from tests_support.raster import read

    view = receipt_view(qtbot, closed, "S0001")
    before = cups_server.done("Termica-58-Margen")
    answers = Answers(qtbot).printer("Termica-58-Margen")
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    job = cups_server.job_after("Termica-58-Margen", before)
    answers.stop()
    offered = answers.items[0]
    for item in (
        "Oficina-PDF — recibo A5",
        "Oficina-Margen — recibo A5",
        "Recibos-RAW",
        "Termica-80-Margen — recibo de 80 mm",
        "Termica-58-Margen — recibo de 58 mm",
    ):
        assert item in offered, offered
    [page] = read(job.data)
    assert page.size_name.startswith("58x") and page.height > page.width
    qtbot.waitUntil(
        lambda: "1 página enviada a Termica-58-Margen" in view.status.text(), timeout=10000
    )
    assert render(closed, "receipt", PERIOD, "S0001").mark == "COPIA"


def test_a_statement_on_a_roll_printer_is_refused_in_words_then_sent_to_sheets(
    qtbot: QtBot, closed: Database, cups_server
) -> None:  # type: ignore[no-untyped-def]
    view = receipt_view(qtbot, closed, "S0003")
    view.kind.setCurrentIndex(view.kind.findData("statement"))
    view.key.setText(PERIOD)
    view.member.setText("S0003")
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.printout is not None, timeout=10000)
    before = all_jobs(cups_server)
    answers = Answers(qtbot).printer("Termica-80").press("Elegir otra…").printer("Oficina-Margen")
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    job = cups_server.job_after("Oficina-Margen", before["Oficina-Margen"])
    answers.stop()
    assert answers.seen[0] == (
        "La impresora Termica-80 es de rollo (80 mm) y este documento necesita hojas. Elija "
        "una impresora de hojas A4/A5. No se imprimió nada."
    )
    assert cups_server.done("Termica-80") == before["Termica-80"]  # nothing went there
    assert job.options["PageSize"] == "A4"
    assert "ESTADO DE CUENTA" in PdfReader(io.BytesIO(job.data)).pages[0].extract_text()


def test_a_ticket_on_an_office_printer_prints_upright_at_the_top(
    qtbot: QtBot, closed: Database, cups_server
) -> None:  # type: ignore[no-untyped-def]
    """No ticket printer configured: Documentos asks which printer; on sheets the ticket goes
    at the top of the smallest sheet, upright, at its size (it once came out turned)."""
    import pdfplumber

    from coop_desktop.services.deliveries import list_deliveries

    settings.TICKET_PRINTER.set("")
    view = DocumentsView(closed)
    qtbot.addWidget(view)
    view.kind.setCurrentIndex(view.kind.findData("ticket"))
    view.key.setText(str(list_deliveries(closed)[0].id))
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.printout is not None, timeout=10000)
    before = cups_server.done("Oficina-Margen")
    answers = Answers(qtbot).printer("Oficina-Margen")
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    job = cups_server.job_after("Oficina-Margen", before)
    answers.stop()
    assert job.options["PageSize"] == "A5"
    with pdfplumber.open(io.BytesIO(job.data)) as doc:
        [page] = doc.pages
        chars = [c for c in page.chars if c["text"].strip()]
        assert page.height > page.width and all(c["upright"] for c in chars)
        assert 12 <= min(c["top"] for c in chars) < 30  # just below the 12 pt margin
        assert "TICKET DE ENTREGA" in page.extract_text()
