"""Print a PDF made by the documents layer as a document: at its own page size and orientation,
text kept as text where the platform allows.

- CUPS (Linux, macOS): the PDF itself goes to the queue with its media named (`send_pdf`); a
  page size the printer lacks is placed, at 100 % and centred, on the smallest sheet it has
  (`fit_pdf`), so an A5 receipt is never blown up to A4.
- Windows (QPrinter): each page is drawn at the printer's resolution, capped at RENDER_DPI
  and in grey, never as 1200-dpi colour pictures (`print_to`).
Both check what they are given: the printer exists and is ready, the paper was accepted,
painting began and every page went out; a failure raises PrintFailed.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMarginsF,
    QObject,
    QRectF,
    QSize,
    QSizeF,
)
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.printing import cups
from ui.printing.printers import Paper, PrintFailed, Sheet, document_sheet

translate = QCoreApplication.translate
MM = 72 / 25.4  # points per millimetre
RENDER_DPI = 300  # the most a page picture is drawn at (a 1200 dpi A4 page is 140 MB)

Progress = Callable[[int, int], None]


def pdf_buffer(pdf: bytes, parent: QObject) -> QBuffer:
    """`pdf` as an open, read-only device for QPdfDocument.load."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


def load_pdf(pdf: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A QPdfDocument over `pdf`; the buffer is the document's child and lives as long."""
    document = QPdfDocument(parent)  # type: ignore[arg-type]  # None is allowed
    document.load(pdf_buffer(pdf, document))
    return document


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def first_page_mm(pdf: bytes) -> tuple[float, float]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width) / MM, float(box.height) / MM


def fit_pdf(pdf: bytes, paper: Paper) -> tuple[bytes, str]:
    """`pdf` made ready for a printer that offers `paper`, and the media to ask for: unchanged
    when the printer has the page's size; else each page centred at 100 % on the smallest
    sheet that holds it (reduced only when no sheet does), in the page's orientation.
    Plain Python (pypdf): runs on the op runner's worker."""
    width, height = first_page_mm(pdf)
    choice = document_sheet(paper, width, height)
    if choice is None:
        return pdf, ""
    sheet, same = choice
    if same:
        return pdf, sheet.key
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for page in reader.pages:
        box = page.mediabox
        w, h = float(box.width), float(box.height)
        sw, sh = sheet.width * MM, sheet.height * MM
        if w > h:
            sw, sh = sh, sw
        scale = min(1.0, sw / w, sh / h)
        blank = PageObject.create_blank_page(width=sw, height=sh)
        move = (
            Transformation()
            .translate(-float(box.left), -float(box.bottom))
            .scale(scale)
            .translate((sw - w * scale) / 2, (sh - h * scale) / 2)
        )
        blank.merge_transformed_page(page, move)
        writer.add_page(blank)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), sheet.key


def send_pdf(printer: str, pdf: bytes, title: str, paper: Paper) -> int:
    """The CUPS path: `pdf` fitted to the printer's paper and sent as one job, as a PDF.
    Returns the number of pages sent; raises PrintFailed when the queue refuses it."""
    fitted, media = fit_pdf(pdf, paper)
    options = {"media": media} if media else {}
    try:
        cups.submit(printer, fitted, title, options)
    except cups.CupsError as exc:
        raise PrintFailed("print_refused", printer, detail=exc.text) from exc
    return page_count(fitted)


def qt_page_size(name: str, sheet: Sheet) -> QPageSize:
    """The printer's own QPageSize for `sheet` (its driver key), or an exact custom size."""
    if sheet.key and name:
        for size in QPrinterInfo.printerInfo(name).supportedPageSizes():
            if size.key() == sheet.key:
                return size
    return QPageSize(
        QSizeF(sheet.width, sheet.height),
        QPageSize.Unit.Millimeter,
        "",
        QPageSize.SizeMatchPolicy.ExactMatch,
    )


def set_paper(printer: QPrinter, size: QPageSize, orientation: QPageLayout.Orientation) -> None:
    """Ask for `size` with no margins and check the printer took it (Qt falls back to A4
    without a word when a driver refuses a size)."""
    layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setFullPage(True)
    accepted = printer.setPageLayout(layout)
    now = printer.pageLayout()
    mm = QPageSize.Unit.Millimeter
    got, wanted = now.pageSize().size(mm), size.size(mm)
    if (
        not accepted
        or abs(got.width() - wanted.width()) > 1.0
        or abs(got.height() - wanted.height()) > 1.0
        or now.orientation() != orientation
    ):
        shown = f"{wanted.width():.0f} × {wanted.height():.0f} mm"
        raise PrintFailed("print_paper_refused", printer.printerName() or "PDF", size=shown)


def print_to(
    printer: QPrinter,
    pdf: bytes,
    paper: Paper | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """The QPrinter path (Windows; also a PDF file): each page drawn at 100 % on the sheet
    chosen for it, as a grey picture at min(printer resolution, RENDER_DPI). Returns the
    number of pages sent; raises PrintFailed when painting cannot begin or a page is lost."""
    name = printer.printerName() or printer.outputFileName()
    if paper is not None:
        width, height = first_page_mm(pdf)
        choice = document_sheet(paper, width, height)
        if choice is not None:
            orientation = (
                QPageLayout.Orientation.Landscape
                if width > height
                else QPageLayout.Orientation.Portrait
            )
            set_paper(printer, qt_page_size(printer.printerName(), choice[0]), orientation)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)  # the documents are black on white
    document = load_pdf(pdf)
    total = document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        document.deleteLater()
        raise PrintFailed("print_not_started", name)
    done = 0
    try:
        dpi = min(printer.resolution(), RENDER_DPI)
        sheet = printer.pageLayout().fullRectPixels(printer.resolution())
        device_per_point = printer.resolution() / 72
        for page in range(total):
            if cancelled is not None and cancelled():
                printer.abort()
                break
            if page and not printer.newPage():
                break
            points = document.pagePointSize(page)
            scale = min(
                1.0,
                sheet.width() / (points.width() * device_per_point),
                sheet.height() / (points.height() * device_per_point),
            )
            image = _grey_page(document, page, dpi)
            w = points.width() * device_per_point * scale
            h = points.height() * device_per_point * scale
            target = QRectF((sheet.width() - w) / 2, (sheet.height() - h) / 2, w, h)
            painter.drawImage(target, image)
            done += 1
            if progress is not None:
                progress(done, total)
    finally:
        ended = painter.end()
        document.deleteLater()
    if cancelled is not None and cancelled():
        return done
    if not ended or done < total or printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintFailed("print_incomplete", name, done=done, total=total)
    return done


def _grey_page(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """Page `page` at `dpi`, on white paper, in grey (a quarter of the colour bytes)."""
    points = document.pagePointSize(page)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    paper = QImage(size, QImage.Format.Format_Grayscale8)
    paper.fill(0xFFFFFFFF)
    painter = QPainter(paper)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    return paper


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
    from coop_desktop.outputs import write_file

    write_file(target, pdf, force=True)  # the dialog asked before replacing; never a database
    return target
