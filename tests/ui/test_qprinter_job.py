"""Windows' printing path (QPrinter, forced here with COOP_PRINT_PATH=qt on a real CUPS queue):
Cierre's Imprimir draws the batch a page at a time through the one op runner — its progress
dialog says how far it is, its Cancelar stops the drawing with nothing recorded, and a print
that runs to the end reaches the printer as one job and is recorded once."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from print_dialogs import Answers
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.services.audit_trail import list_audit
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.demo import load_demo
from coop_desktop.services.printouts import render
from coop_desktop.storage.engine import Database
from ui.closeout.closeout_view import CloseoutView

from .driving import settled

START = (TODAY.replace(day=1) - timedelta(days=40)).replace(day=1)
PERIOD = f"{START:%Y-%m}"
MEMBERS = 40  # two statement pages each: the drawing outlasts the dialog's 400 ms delay


@pytest.fixture
def closed(sqlite_db: Database) -> Database:
    load_demo(sqlite_db, members=MEMBERS, days=31, start=START)
    close_period(sqlite_db, PERIOD)
    return sqlite_db


def printed(db: Database) -> list[str]:
    return [e.entity_id or "" for e in list_audit(db) if e.action == "print"]


def printing_dialog(view: QWidget) -> QProgressDialog | None:
    """The progress dialog of the drawing, once it shows (after its 400 ms)."""
    shown = [
        d
        for d in view.findChildren(QProgressDialog)
        if d.isVisible() and d.labelText() == "Imprimiendo…"
    ]
    return shown[0] if shown else None


def test_qprinter_pages_go_through_the_runner_cancel_records_nothing(
    qtbot: QtBot, closed: Database, cups_server, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COOP_PRINT_PATH", "qt")
    view = CloseoutView(closed)
    qtbot.addWidget(view)
    view.show()
    settled(qtbot)
    view.period.setFocus()
    qtbot.keyClick(view.period, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.period, PERIOD)
    qtbot.keyClick(view.period, Qt.Key.Key_Return)
    settled(qtbot)
    runner = view.runner
    before = cups_server.done("Oficina-PDF")

    # Imprimir → Estados de cuenta → Oficina-PDF; the pages are drawn on the window's
    # thread, and the runner's own dialog shows how far it is
    answers = Answers(qtbot).item("Estados de cuenta").printer("Oficina-PDF")
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: printing_dialog(view) is not None, timeout=30_000)
    answers.stop()
    dialog = printing_dialog(view)
    assert dialog is not None and not runner.idle and not view.print_button.isEnabled()
    total = dialog.maximum()
    assert total >= 2 * MEMBERS and 0 < dialog.value() < total  # half-way, said in pages
    (cancel,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "Cancelar"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.idle, timeout=10_000)
    assert view.status.text() == "Impresión cancelada; no se registró."
    assert printed(closed) == []  # nothing recorded: the next print is not a COPIA
    assert render(closed, "statement", PERIOD, "S0001").mark == ""
    assert view.print_button.isEnabled()
    # Qt's engine for CUPS cannot abort a job (QPrinter.abort() is False there; Windows'
    # spooler does abort it), so here the pages drawn before Cancelar reach the queue
    partial = cups_server.job_after("Oficina-PDF", before)
    assert len(PdfReader(io.BytesIO(partial.data)).pages) < total
    before = cups_server.done("Oficina-PDF")

    # printed to the end: one job with every page, recorded once per statement
    answers = Answers(qtbot).item("Estados de cuenta").printer("Oficina-PDF")
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: f"{total} páginas enviadas a Oficina-PDF" in view.status.text(), timeout=60_000
    )
    answers.stop()
    job = cups_server.job_after("Oficina-PDF", before)  # one job, every page
    assert len(PdfReader(io.BytesIO(job.data)).pages) == total
    recorded = printed(closed)
    assert len(recorded) == MEMBERS and len(set(recorded)) == MEMBERS
    assert render(closed, "statement", PERIOD, "S0001").mark == "COPIA"
    assert runner.idle
