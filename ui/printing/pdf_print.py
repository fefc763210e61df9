"""Print a PDF made by the documents layer, placed on the printer's paper inside the area it
prints (coop_desktop/printing/placement.py), text kept as text.

- CUPS (Linux, macOS): the placed PDF itself goes to the queue with its media named
  (coop_desktop/printing/cups.py `send`).
- Windows (QPrinter): the paper is asked for with the driver's own minimum margins, then in
  full-page mode each page is drawn from the sheet's corner as text, lines and pictures
  (`drawing`, pdf_paint.py), one page a step: the op runner draws a print job's pages from
  its timer (`OpRunner.run_steps`), so the window stays alive between pages.
Both check what they are given: the printer exists and is ready, the paper was accepted,
painting began and every page went out; a failure raises PrintFailed.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Generator
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QSizeF,
)
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QWidget

from coop_desktop.printing.failures import PrintFailed
from coop_desktop.printing.paper import Sheet
from coop_desktop.printing.placement import Placed
from ui.printing.pdf_paint import paint_page

translate = QCoreApplication.translate


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


def set_paper(printer: QPrinter, size: QPageSize, landscape: bool) -> None:
    """Ask for `size` the way the driver takes it, with its own minimum margins (a driver
    with hardware margins refuses a page layout without them), and check it took it: Qt
    falls back to A4 without a word when a driver refuses a size. Then full-page mode: the
    painter's origin is the sheet's corner, where the placed PDF has its own."""
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(False)
    printer.setPageOrientation(orientation)
    accepted = printer.setPageSize(size)
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
    printer.setFullPage(True)


def drawing(
    printer: QPrinter, placed: Placed, cancelled: Callable[[], bool] = lambda: False
) -> Generator[tuple[int, int], None, int]:
    """The QPrinter path (Windows; also a PDF file), one step per page: each page of the
    placed PDF drawn at 100 % from the sheet's corner, as text, lines and pictures
    (pdf_paint.py). The first step sets the paper up and yields (0, pages); each next one
    draws a page and yields (pages drawn, pages). Returns the pages sent; when `cancelled()`
    (asked before each page) or when the generator is closed, the job is aborted and nothing
    comes out. Raises PrintFailed when the paper is refused, painting cannot begin or a page
    is lost."""
    name = printer.printerName() or printer.outputFileName()
    reader = PdfReader(io.BytesIO(placed.pdf))
    if placed.sheet is not None:
        set_paper(printer, qt_page_size(printer.printerName(), placed.sheet), placed.landscape)
    else:  # a file, or a queue that names no paper: the page's own size
        box = reader.pages[0].mediabox
        size = QPageSize(
            QSizeF(float(box.width), float(box.height)),
            QPageSize.Unit.Point,
            "",
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setPageSize(size)
        printer.setFullPage(True)
    printer.setColorMode(QPrinter.ColorMode.GrayScale)  # the documents are black on white
    total = len(reader.pages)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("print_not_started", name)
    done = 0
    try:
        yield done, total
        scale = printer.resolution() / 72  # device pixels per point
        for number, page in enumerate(reader.pages):
            if cancelled():
                printer.abort()
                break
            if number and not printer.newPage():
                break
            painter.save()
            painter.scale(scale, scale)
            paint_page(painter, page)
            painter.restore()
            done += 1
            yield done, total
    except GeneratorExit:  # stopped half-way (the app closing): the job never comes out
        printer.abort()
        raise
    finally:
        ended = painter.end()
    if cancelled():
        return done
    if not ended or done < total or printer.printerState() == QPrinter.PrinterState.Error:
        raise PrintFailed("print_incomplete", name, done=done, total=total)
    return done


def print_to(printer: QPrinter, placed: Placed) -> int:
    """Every page of `drawing` at once, on the calling thread (a ticket, a test page)."""
    steps = drawing(printer, placed)
    while True:
        try:
            next(steps)
        except StopIteration as end:
            return int(end.value)


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
    from coop_desktop.core.outputs import write_file

    write_file(target, pdf, force=True)  # the dialog asked before replacing; never a database
    return target
