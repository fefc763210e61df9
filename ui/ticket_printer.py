"""Print a delivery ticket straight to the configured thermal printer, without dialogs.

The printed ticket carries the same record as the PDF ticket (services.documents.ticket:
number, member, date and shift, quantity, tests, status, the period's running total), laid out
by Qt for the printer's own driver at 80 mm or 58 mm."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from coop_desktop import formatting as fmt
from coop_desktop.documents.dto import TicketDoc

SHIFTS = {"am": "mañana", "pm": "tarde"}


def ticket_html(t: TicketDoc) -> str:
    rows = [
        ("Socio", f"{t.member.code} {t.member.name}"),
        ("Fecha", f"{fmt.day(t.day)} {SHIFTS.get(t.shift, t.shift)}"),
        ("Cantidad", fmt.quantity(t.quantity, t.unit)),
    ]
    if t.temperature is not None:
        rows.append(("Temperatura", f"{t.temperature} °C"))
    if t.alcohol_positive is not None:
        rows.append(("Alcohol", "POSITIVA" if t.alcohol_positive else "negativa"))
    rows.append(("Estado", f"RECHAZADA: {t.reason}" if t.rejected else "ACEPTADA"))
    rows.append((f"Total {t.period}", fmt.quantity(t.period_litres, "L")))
    body = "".join(f"<tr><td>{escape(a)}</td><td><b>{escape(b)}</b></td></tr>" for a, b in rows)
    mark = f"<p align='center'><b>{escape(t.mark)}</b></p>" if t.mark else ""
    return (
        f"{mark}<p align='center'>{escape(t.header.name)}<br>"
        f"{'RUC ' + escape(t.header.ruc) if t.header.ruc else ''}</p>"
        f"<p><b>TICKET DE ENTREGA {escape(t.number)}</b></p><table>{body}</table>"
        "<p><br>______________________<br>Firma del socio o huella</p>"
    )


def ticket_printer_settings() -> tuple[str, int]:
    """(printer name, width in mm) configured on this PC; no name when none is set."""
    from ui.main_window import ui_settings

    settings = ui_settings()
    name = str(settings.value("printing/ticket_printer", "") or "")
    width = str(settings.value("printing/ticket_width", 80))
    return name, int(width) if width.isdigit() else 80


def print_ticket(
    t: TicketDoc, printer_name: str, width_mm: int = 80, pdf_file: str | None = None
) -> None:
    """Print on `printer_name`, or into `pdf_file` (used by tests and when no printer)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if pdf_file is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(pdf_file)
    else:
        printer.setPrinterName(printer_name)
    size = QPageSize(QSizeF(width_mm, 150), QPageSize.Unit.Millimeter, "ticket")
    printer.setPageLayout(
        QPageLayout(
            size,
            QPageLayout.Orientation.Portrait,
            QMarginsF(2, 2, 2, 2),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    font = document.defaultFont()
    font.setPointSizeF(8.5 if width_mm >= 80 else 8)  # nothing under 8 pt on a thermal head
    document.setDefaultFont(font)
    document.setHtml(ticket_html(t))
    # Lay the text out on the printable width, in points, not in device pixels.
    document.setPageSize(printer.pageLayout().paintRect(QPageLayout.Unit.Point).size())
    document.print_(printer)
