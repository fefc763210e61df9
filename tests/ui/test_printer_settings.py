"""Configuración → Impresoras: each printer has a test print; a receipt printer without a
driver gets ESC/POS through its raw queue, a network port or a device."""

from __future__ import annotations

import io
import socket
import threading
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coop_desktop.documents.escpos import INIT, escpos_text
from coop_desktop.storage.engine import Database
from ui.admin.settings_view import SettingsView
from ui.printing.receipt_printer import RawTarget, send_raw


def settings_view(qtbot: QtBot, db: Database) -> SettingsView:
    view = SettingsView(db)
    qtbot.addWidget(view)
    return view


def pick(combo, data: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))


def test_test_prints_of_the_ticket_and_document_printers(
    qtbot: QtBot, sqlite_db: Database, cups_server
) -> None:  # type: ignore[no-untyped-def]
    view = settings_view(qtbot, sqlite_db)
    printers = view.printers
    pick(printers.printer, "Termica-80")
    before = cups_server.done("Termica-80")
    qtbot.mouseClick(printers.test_ticket, Qt.MouseButton.LeftButton)
    job = cups_server.job_after("Termica-80", before)
    assert job.options["PageSize"] == "80x200mm"
    assert "PRUEBA" in PdfReader(io.BytesIO(job.data)).pages[0].extract_text()
    assert "enviado a Termica-80" in printers.status.text()

    # a receipt printer on a raw queue: ESC/POS bytes, no PDF
    pick(printers.printer, "Recibos-RAW")
    pick(printers.ticket_kind, "escpos")
    assert printers.port.isEnabled()
    before = cups_server.done("Recibos-RAW")
    qtbot.mouseClick(printers.test_ticket, Qt.MouseButton.LeftButton)
    job = cups_server.job_after("Recibos-RAW", before)
    assert job.data.startswith(INIT) and b"%PDF" not in job.data
    assert "Ñandú" in escpos_text(job.data)

    pick(printers.document_printer, "Oficina-PDF")
    before = cups_server.done("Oficina-PDF")
    qtbot.mouseClick(printers.test_document, Qt.MouseButton.LeftButton)
    job = cups_server.job_after("Oficina-PDF", before)
    assert job.options["PageSize"] == "A4"
    assert "prueba de impresión" in PdfReader(io.BytesIO(job.data)).pages[0].extract_text()
    qtbot.waitUntil(
        lambda: "1 página enviada a Oficina-PDF" in printers.status.text(), timeout=5000
    )

    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    from ui.printing.ticket_printer import ticket_settings

    assert ticket_settings().printer == "Recibos-RAW" and ticket_settings().escpos
    view.printers.runner.shutdown()


def test_escpos_to_a_network_port_and_to_a_device(tmp_path: Path) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    received = bytearray()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            while chunk := conn.recv(4096):
                received.extend(chunk)

    thread = threading.Thread(target=serve)
    thread.start()
    assert send_raw(RawTarget("", f"127.0.0.1:{port}"), INIT + b"hola\n", "t") == (
        f"127.0.0.1:{port}"
    )
    thread.join(5)
    server.close()
    assert bytes(received) == INIT + b"hola\n"

    device = tmp_path / "lp0"
    send_raw(RawTarget("", str(device)), INIT + b"hola\n", "t")
    assert device.read_bytes() == INIT + b"hola\n"


def test_a_receipt_printer_that_does_not_answer_is_said(tmp_path: Path) -> None:
    import pytest

    from ui.printing.printers import PrintFailed

    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: a printer switched off
    with pytest.raises(PrintFailed) as failed:
        send_raw(RawTarget("", f"127.0.0.1:{port}"), b"x", "t")
    assert "no está conectada o está apagada" in failed.value.render("es")
    with pytest.raises(PrintFailed) as failed:
        send_raw(RawTarget("", str(tmp_path / "no" / "lp0")), b"x", "t")
    assert "No se pudo enviar a la impresora de recibos" in failed.value.render("es")
