"""Print a delivery ticket straight to the ticket printer, without dialogs, at roll size.

The ticket is laid out by Qt at the roll's width; its length decides the paper: the printer's
own roll size of that width with the shortest length that holds it, or exactly its length
when the driver takes custom sizes (ui/printers.ticket_sheet). The paper is checked to have
been accepted before anything is drawn. On CUPS the ticket goes as a PDF of exactly that
size, with the media named; on Windows through QPrinter. A receipt printer without a driver
gets ESC/POS text instead (coop_desktop/documents/escpos.py, ui/printing/receipt_printer.py).
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageLayout, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from coop_desktop import clock
from coop_desktop.documents.content import TicketDoc
from coop_desktop.documents.escpos import EscposTicket
from coop_desktop.documents.ticket import signature_line, ticket_rows, ticket_title
from ui.printing import cups
from ui.printing.pdf_print import qt_page_size, set_paper
from ui.printing.printers import (
    Paper,
    PrintFailed,
    check_printer,
    paper_of,
    ticket_sheet,
    uses_cups,
)
from ui.printing.receipt_printer import RawTarget, send_raw

MARGIN_MM = 2.0  # left, right and top
FEED_MM = 4.0  # below the signature line, before the tear
ANY_SIZE = Paper((), (1.0, 1.0), (1000.0, 10000.0))  # a PDF file takes any size


def ticket_html(t: TicketDoc) -> str:
    body = "".join(
        f"<tr><td>{escape(a)}</td><td><b>{escape(b)}</b></td></tr>" for a, b in ticket_rows(t)
    )
    mark = f"<p align='center'><b>{escape(t.mark)}</b></p>" if t.mark else ""
    return (
        f"{mark}<p align='center'>{escape(t.header.name)}<br>"
        f"{'RUC ' + escape(t.header.ruc) if t.header.ruc else ''}</p>"
        f"<p><b>{escape(ticket_title(t))}</b></p><table>{body}</table>"
        f"<p><br>______________________<br>{escape(signature_line(t))}</p>"
    )


@dataclass(frozen=True, slots=True)
class TicketSettings:
    """This PC's ticket printer (QSettings): its name, the roll width, and whether it is a
    receipt printer fed ESC/POS (through its queue sent RAW, or through `port`)."""

    printer: str
    width: int = 80
    escpos: bool = False
    port: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.printer or (self.escpos and self.port))


def ticket_settings() -> TicketSettings:
    from ui.main_window import ui_settings

    settings = ui_settings()
    width = str(settings.value("printing/ticket_width", 80))
    return TicketSettings(
        str(settings.value("printing/ticket_printer", "") or ""),
        int(width) if width.isdigit() else 80,
        str(settings.value("printing/ticket_kind", "driver")) == "escpos",
        str(settings.value("printing/receipt_port", "") or "").strip(),
    )


def _layout(t: TicketDoc, width_mm: int, printer: QPrinter) -> QTextDocument:
    """The ticket laid out for `printer`'s resolution at the roll's printable width."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(printer)
    font = document.defaultFont()
    font.setPointSizeF(8.5 if width_mm >= 80 else 8)  # nothing under 8 pt on a thermal head
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(ticket_html(t))
    document.setTextWidth((width_mm - 2 * MARGIN_MM) / 25.4 * printer.resolution())
    return document


def _paint(printer: QPrinter, document: QTextDocument, name: str) -> None:
    """Draw the ticket from the top of the sheet; a ticket longer than the sheet goes on."""
    dpi = printer.resolution()
    margin = MARGIN_MM / 25.4 * dpi
    page_h = printer.pageLayout().fullRectPixels(dpi).height() - margin
    content_h = document.size().height()
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("print_not_started", name)
    pages = max(1, math.ceil(content_h / page_h))
    sent = 0
    try:
        for page in range(pages):
            if page and not printer.newPage():
                break
            painter.save()
            painter.translate(margin, margin - page * page_h)
            document.drawContents(painter, QRectF(0, page * page_h, document.textWidth(), page_h))
            painter.restore()
            sent += 1
    finally:
        ended = painter.end()
    if not ended or sent < pages:
        raise PrintFailed("print_incomplete", name, done=sent, total=pages)


def _prepare(
    printer: QPrinter, t: TicketDoc, width_mm: int, paper: Paper, name: str
) -> tuple[QTextDocument, str]:
    """Lay the ticket out, choose its sheet and set it on `printer`; returns the layout and
    the CUPS media name of the sheet."""
    document = _layout(t, width_mm, printer)
    length = document.size().height() / printer.resolution() * 25.4 + MARGIN_MM + FEED_MM
    sheet = ticket_sheet(paper, width_mm, math.ceil(length))
    if sheet is None:
        raise PrintFailed("print_no_paper", name, what="el ticket", size=f"{width_mm} mm")
    set_paper(printer, qt_page_size(name, sheet), QPageLayout.Orientation.Portrait)
    media = sheet.key or f"Custom.{sheet.width:g}x{sheet.height:g}mm"
    return document, media


def ticket_pdf(t: TicketDoc, width_mm: int, paper: Paper = ANY_SIZE) -> tuple[bytes, str]:
    """The ticket drawn by Qt into a PDF on the sheet `paper` offers; and that sheet's media."""
    with tempfile.TemporaryDirectory(prefix="coop-ticket-") as folder:
        target = Path(folder) / "ticket.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setDocName(ticket_title(t))
        document, media = _prepare(printer, t, width_mm, paper, "PDF")
        _paint(printer, document, "PDF")
        return target.read_bytes(), media


def print_ticket(
    t: TicketDoc,
    printer_name: str,
    width_mm: int = 80,
    pdf_file: str | None = None,
    *,
    escpos: bool = False,
    port: str = "",
) -> str:
    """Print on `printer_name` (exactly that printer), or into `pdf_file`; returns where it
    went. Raises PrintFailed, having sent nothing, when the printer is missing, not ready or
    refuses the paper."""
    if pdf_file is not None:
        pdf, _media = ticket_pdf(t, width_mm)
        from coop_desktop.outputs import write_file

        write_file(Path(pdf_file), pdf, force=True)
        return pdf_file
    if escpos:
        return send_raw(
            RawTarget(printer_name, port), EscposTicket(width_mm).render(t), ticket_title(t)
        )
    check_printer(printer_name)
    paper = paper_of(printer_name)
    if uses_cups():
        pdf, media = ticket_pdf(t, width_mm, paper)
        try:
            cups.submit(printer_name, pdf, ticket_title(t), {"media": media})
        except cups.CupsError as exc:
            raise PrintFailed("print_refused", printer_name, detail=exc.text) from exc
        return printer_name
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(printer_name)
    if printer.printerName() != printer_name:  # Qt would print on another printer instead
        raise PrintFailed("print_missing", printer_name)
    printer.setDocName(ticket_title(t))
    document, _media = _prepare(printer, t, width_mm, paper, printer_name)
    _paint(printer, document, printer_name)
    return printer_name


def sample_ticket(width_mm: int = 80) -> TicketDoc:
    """A ticket with made-up content, for the test print of Configuración."""
    from decimal import Decimal

    from coop_desktop.documents.content import Header, MemberBlock

    header = Header("Coop Desktop", "", "", "", "", "", "es", None)
    member = MemberBlock("S0000", "Ñusta Quispe Mamani (prueba)", "", "", "Ácora", "Puno", "Puno")
    return TicketDoc(
        header,
        f"PRUEBA-{width_mm}MM",
        member,
        clock.today(),
        "am",
        Decimal("12.5"),
        "L",
        "—",
        Decimal("12.5"),
        mark="PRUEBA",
    )


def print_sample_ticket(printer_name: str, width_mm: int = 80) -> str:
    return print_ticket(sample_ticket(width_mm), printer_name, width_mm)
