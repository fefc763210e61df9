"""Print a delivery ticket straight to the configured thermal printer, without dialogs.

There is one ticket layout, the documents layer's (ReportLab, 80 mm or 58 mm, page height
from its content), reached through `services.printouts.render`; here its PDF only goes to
the printer: on a roll page of the ticket's own size, each page rendered by QtPdf at the
printer's resolution (or, into a PDF file, the document's own bytes)."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from ui.pdf_print import load_pdf, print_to


def ticket_printer_settings() -> tuple[str, int]:
    """(printer name, width in mm) configured on this PC; no name when none is set."""
    from ui.main_window import ui_settings

    settings = ui_settings()
    name = str(settings.value("printing/ticket_printer", "") or "")
    width = str(settings.value("printing/ticket_width", 80))
    return name, int(width) if width.isdigit() else 80


def print_ticket(pdf: bytes, printer_name: str, pdf_file: str | None = None) -> None:
    """Send a rendered ticket to `printer_name`, or into `pdf_file` (tests, no printer)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if pdf_file is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(pdf_file)
    else:
        printer.setPrinterName(printer_name)
    document = load_pdf(pdf)
    try:
        points = document.pagePointSize(0)
    finally:
        document.deleteLater()
    size = QPageSize(QSizeF(points.width(), points.height()), QPageSize.Unit.Point, "ticket")
    printer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    if print_to(printer, pdf) == 0:
        raise OSError(f"the printer {printer_name or pdf_file} did not accept the ticket")
