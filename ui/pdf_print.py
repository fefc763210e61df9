"""Print a PDF made by the documents layer through Qt: the print dialog for documents, and a
plain offer to save the PDF when no printer is installed.

A printer that writes a PDF file gets the document's own bytes (vector, exact); a real printer
gets each page rendered by QtPdf at the printer's resolution.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRect,
    QSize,
)
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

translate = QCoreApplication.translate


def pdf_buffer(pdf: bytes, parent: QObject) -> QBuffer:
    """`pdf` as an open, read-only device for QPdfDocument.load."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


def load_pdf(pdf: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument over `pdf`; the buffer is the document's child and lives as long."""
    document = QPdfDocument(parent)
    document.load(pdf_buffer(pdf, document))
    return document


def print_to(printer: QPrinter, pdf: bytes, *, raster: bool = False) -> int:
    """Print every page of `pdf` on `printer`; returns the number of pages sent."""
    if (
        not raster
        and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        and printer.outputFileName()
    ):
        Path(printer.outputFileName()).write_bytes(pdf)
        return _page_count(pdf)
    document = load_pdf(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        document.deleteLater()
        return 0
    try:
        dpi = printer.resolution()
        area = printer.pageLayout().paintRectPixels(dpi)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = document.render(page, size)
            painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
        return document.pageCount()
    finally:
        painter.end()
        document.deleteLater()


def _page_count(pdf: bytes) -> int:
    document = load_pdf(pdf)
    try:
        return document.pageCount()
    finally:
        document.deleteLater()


def save_pdf(parent: QWidget, pdf: bytes, name: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        translate("PdfPrint", "Guardar PDF"),
        f"{name}.pdf",
        translate("PdfPrint", "Documentos PDF (*.pdf)"),
    )
    if not path:
        return None
    target = Path(path)
    target.write_bytes(pdf)
    return target


def print_with_dialog(parent: QWidget, pdf: bytes, name: str) -> str:
    """The print dialog; with no printer installed, the offer to save a PDF. Returns what
    happened, for the status line."""
    if not QPrinterInfo.availablePrinters():
        answer = QMessageBox.question(
            parent,
            translate("PdfPrint", "Sin impresora"),
            translate(
                "PdfPrint", "No hay ninguna impresora instalada. ¿Guardar el documento como PDF?"
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            saved = save_pdf(parent, pdf, name)
            if saved is not None:
                return translate("PdfPrint", "Guardado en %1").replace("%1", str(saved))
        return translate("PdfPrint", "No se imprimió.")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(name)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return translate("PdfPrint", "No se imprimió.")
    pages = print_to(printer, pdf)
    return (
        translate("PdfPrint", "%1 páginas enviadas a %2.")
        .replace("%1", str(pages))
        .replace("%2", printer.printerName() or printer.outputFileName())
    )
