"""Documentos: preview a statement in QPdfView and print it through QPrinter to a PDF file that
reads back; reprints are COPIA; a receipt voided with a reason is reissued under the next
number and the books still check; with no printer, printing offers to save a PDF."""

import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.printing.placement import Placed
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.demo import load_demo
from coop_desktop.services.settlements import settlement_for, stored_totals
from coop_desktop.storage.engine import Database
from ui.documents.documents_view import DocumentsView
from ui.printing.pdf_print import load_pdf, print_to

from .driving import answer_dialogs, choose_file, key_to_screen, settled

START = (TODAY.replace(day=1) - timedelta(days=40)).replace(day=1)
PERIOD = f"{START:%Y-%m}"


@pytest.fixture
def closed(sqlite_db: Database) -> Database:
    load_demo(sqlite_db, members=4, days=31, start=START)
    close_period(sqlite_db, PERIOD)
    return sqlite_db


def retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def preview(qtbot: QtBot, view: DocumentsView, kind: str, member: str = "S0001") -> None:
    settled(qtbot)
    view.kind.setCurrentIndex(view.kind.findData(kind))
    retype(qtbot, view.key, PERIOD)
    if view.member.isVisibleTo(view):
        retype(qtbot, view.member, member)
    view.printout = None
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.printout is not None, timeout=10000)


def ink(image: QImage) -> float:
    """How much ink a rendered page carries, drawn on white paper: its mean darkness (0 white,
    1 black). Averaging every pixel, not counting dark ones after a nearest-neighbour shrink:
    a black hairline rule is one dark pixel when drawn as vectors and a grey one when a
    300 dpi raster of it is scaled down, the same ink either way."""
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    grey = paper.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h = grey.width(), grey.height()
    dark = sum(255 - grey.pixelColor(x, y).value() for x in range(0, w, 2) for y in range(0, h, 2))
    return dark / ((w // 2) * (h // 2) * 255)


def test_statement_preview_and_print_through_qprinter(
    qtbot: QtBot, closed: Database, tmp_path: Path
) -> None:
    view = DocumentsView(closed)
    qtbot.addWidget(view)
    preview(qtbot, view, "statement")
    assert view.printout is not None and view.document is not None
    from io import BytesIO

    from pypdf import PdfReader

    pages = len(PdfReader(BytesIO(view.printout.pdf)).pages)
    assert view.document.pageCount() == pages == 2  # the month's deliveries run onto page 2
    assert view.view.document() is view.document
    name = settlement_for(closed, "S0001", PERIOD).member_name
    net = f"{settlement_for(closed, 'S0001', PERIOD).net:,.2f}"

    # the QPrinter path (Windows) into a PDF file: the pages drawn as text and lines, at 100 %
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "impreso.pdf"))
    placed = Placed(view.printout.pdf, None, False, 1.0, pages)
    assert print_to(printer, placed) == view.document.pageCount()
    printed = load_pdf((tmp_path / "impreso.pdf").read_bytes())
    assert printed.pageCount() == view.document.pageCount()
    original = ink(view.document.render(0, QSize(600, 850)))
    again = ink(printed.render(0, QSize(600, 850)))
    assert original > 0.01  # the page has ink
    assert 0.95 < again / original < 1.05  # the printed page carries the same ink
    reader = PdfReader(tmp_path / "impreso.pdf")
    assert not reader.pages[0].images  # no pictures of pages: text a reader can search
    said = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert name in said and f"S/ {net}" in said and "ESTADO DE CUENTA" in said


def test_reprint_is_copia_and_void_reissues(qtbot: QtBot, closed: Database, tmp_path: Path) -> None:
    from tests_support.users import ADMIN, PASSWORD

    from coop_desktop.services import auth
    from ui.common.password import ReauthDialog

    auth.sign_in(closed, ADMIN, PASSWORD)  # a desktop sign-in: voiding asks the password
    view = DocumentsView(closed)
    qtbot.addWidget(view)
    view.show()
    preview(qtbot, view, "receipt")
    assert view.printout is not None
    first = view.printout.number
    assert view.printout.mark == ""  # a preview is not a print
    target = tmp_path / "recibo.pdf"

    def save_as(dialog: QWidget) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name.text() == f"liquidacion-{first}-S0001.pdf"  # in the screen's language
        choose_file(target)(dialog)

    answer_dialogs([save_as])
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: str(target) in view.status.text(), timeout=10000)
    settled(qtbot)
    assert target.read_bytes().startswith(b"%PDF")
    assert "COPIA" not in "".join(p.extract_text() for p in PdfReader(target).pages)
    preview(qtbot, view, "receipt")
    assert view.printout.mark == "COPIA"

    def reason(text: str) -> Callable[[QWidget], None]:
        def act(dialog: QWidget) -> None:
            assert isinstance(dialog, QInputDialog)
            field = dialog.findChild(QLineEdit)
            qtbot.keyClicks(field, text)
            qtbot.keyClick(field, Qt.Key.Key_Return)

        return act

    def password(dialog: QWidget) -> None:
        assert isinstance(dialog, ReauthDialog)
        assert "anular un recibo" in dialog.findChild(QLabel).text()
        qtbot.keyClicks(dialog.password, PASSWORD)
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

    before = stored_totals(closed, PERIOD)
    answer_dialogs([reason(""), password])
    qtbot.mouseClick(view.void_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "motivo" in view.status.text().lower(), timeout=10000)
    answer_dialogs([reason("Se mojo el recibo"), password])
    qtbot.mouseClick(view.void_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: view.printout is not None and view.printout.number != first, timeout=10000
    )
    assert "anulado" in view.status.text()
    replacement = view.printout.number
    assert int(replacement.split("-")[1]) == 5  # 4 members closed: the next number
    assert settlement_for(closed, "S0001", PERIOD).number == replacement
    assert stored_totals(closed, PERIOD) == before
    assert run_checks(closed) == []


def test_a_void_shows_in_cierre_at_once(qtbot: QtBot, closed: Database) -> None:
    """Voided in Documentos, Cierre lists the reissued number (it reads the period again
    after every change)."""
    from ui.main_window import MainWindow

    from .driving import click_section

    window = MainWindow(closed)
    qtbot.addWidget(window)
    window.show()
    cierre = click_section(qtbot, window, "closeout")
    settled(qtbot)
    retype(qtbot, cierre.period, PERIOD)  # type: ignore[attr-defined]
    qtbot.keyClick(cierre.period, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    settled(qtbot)
    numbers = cierre.rows.rows  # type: ignore[attr-defined]
    assert [r.number for r in numbers][:1] == ["L001-00000001"]
    view = click_section(qtbot, window, "documents")
    assert isinstance(view, DocumentsView)
    preview(qtbot, view, "receipt")

    def reason(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit)
        qtbot.keyClicks(field, "Se perdio")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    answer_dialogs([reason])
    qtbot.mouseClick(view.void_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "anulado" in view.status.text(), timeout=10000)
    click_section(qtbot, window, "closeout")
    qtbot.waitUntil(
        lambda: cierre.rows.index(0, 10).data() == "L001-00000005",  # type: ignore[attr-defined]
        timeout=10000,
    )


def test_no_printer_offers_to_save_a_pdf(
    qtbot: QtBot, closed: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No printer: a safe question (Enter keeps "No guardar"); saving writes the PDF; a
    cancelled file dialog says nothing was printed and leaves the screen usable."""
    from PySide6.QtWidgets import QWidget

    from ui.common.confirm import GRACE_MS, SafeQuestion

    view = DocumentsView(closed)
    qtbot.addWidget(view)
    preview(qtbot, view, "payroll")
    monkeypatch.setattr(QPrinterInfo, "availablePrinterNames", staticmethod(lambda: []))
    asked: list[str] = []

    def enter(dialog: QWidget) -> None:
        assert isinstance(dialog, SafeQuestion)
        asked.append(dialog.text())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    def save(dialog: QWidget) -> None:
        assert isinstance(dialog, SafeQuestion)
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)

    answer_dialogs([enter], after_ms=GRACE_MS + 100)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert asked and "PDF" in asked[0] and "No se imprimió" in view.status.text()

    def cancel(dialog: QWidget) -> None:
        from PySide6.QtWidgets import QDialogButtonBox

        assert isinstance(dialog, QFileDialog)
        box = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(
            box.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
        )

    seen = answer_dialogs([save, cancel])
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(seen) == 2 and QApplication.activeModalWidget() is None)
    settled(qtbot)
    assert "No se imprimió" in view.status.text()
    assert view.print_button.isEnabled()

    target = tmp_path / "planilla.pdf"
    answer_dialogs([save, choose_file(target)])
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: str(target) in view.status.text(), timeout=10000)
    assert PdfReader(target).pages


def test_tickets_go_straight_to_the_ticket_printer(
    qtbot: QtBot, closed: Database, cups_server
) -> None:  # type: ignore[no-untyped-def]
    """No dialog: the ticket printer of Configuración, at roll size; a reprint is COPIA."""
    from coop_desktop.services.deliveries import list_deliveries
    from ui.common import settings

    settings.TICKET_PRINTER.set("Termica-80")
    view = DocumentsView(closed)
    qtbot.addWidget(view)
    settled(qtbot)
    view.kind.setCurrentIndex(view.kind.findData("ticket"))
    retype(qtbot, view.key, "uno")
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "entero" in view.status.text(), timeout=10000)
    assert not view.print_button.isEnabled()
    retype(qtbot, view.key, str(list_deliveries(closed)[0].id))
    qtbot.keyClick(view.key, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.printout is not None, timeout=10000)
    marks = []
    for _ in range(2):
        before = cups_server.done("Termica-80")
        qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
        job = cups_server.job_after("Termica-80", before)
        assert job.options["PageSize"] == "80x200mm"
        marks.append(
            "COPIA" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(job.data)).pages)
        )
        qtbot.waitUntil(
            lambda: (
                "Ticket enviado a Termica-80" in view.status.text()
                and "página" in view.status.text()
            ),
            timeout=10000,
        )
    assert marks == [False, True]
    assert view.printout is not None and view.printout.mark == "COPIA"  # the preview too


def test_the_member_is_found_by_name(qtbot: QtBot, closed: Database) -> None:
    from coop_desktop.services.members import list_members

    view = DocumentsView(closed)
    qtbot.addWidget(view)
    first = list_members(closed)[0]
    settled(qtbot)
    view.kind.setCurrentIndex(view.kind.findData("statement"))
    retype(qtbot, view.key, PERIOD)
    view.member.setFocus()
    qtbot.keyClicks(
        view.member,
        first.surnames.split()[0].lower() + " " + first.given_names.split()[0][:3].lower(),
    )
    key_to_screen(qtbot, view.member, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.printout is not None, timeout=10000)
    assert first.code in view.printout.title  # type: ignore[union-attr]


def test_receipt_without_ruc_warns_on_screen(qtbot: QtBot, closed: Database) -> None:
    from sqlalchemy import text

    with closed.write() as s:
        s.execute(text("UPDATE association SET ruc = NULL"))
    view = DocumentsView(closed)
    qtbot.addWidget(view)
    preview(qtbot, view, "receipt")
    assert "no tiene RUC" in view.status.text()
