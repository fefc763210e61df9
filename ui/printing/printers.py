"""Which printer, and is it there and ready: the exact configured name (never another
printer), the queue's state (paused, rejecting, disconnected), and the paper it offers with
the margins it cannot print on.

On Linux and macOS the print service is CUPS and its own word is asked
(coop_desktop/printing/cups.py, shared with `coop print --printer`); on Windows (and with
COOP_PRINT_PATH=qt) the driver's, through QPrinterInfo and QPrinter. A refusal is a
PrintFailed that says in plain words which printer and what to do; nothing is sent and
nothing is recorded.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from coop_desktop.printing import cups, cups_paper
from coop_desktop.printing.failures import PrintFailed
from coop_desktop.printing.paper import ROLL_MAX, Margins, Paper, Sheet

# Sizes whose margins are asked of a Windows driver one by one (each ask reconfigures the
# driver); other sheets take the margins of the first of these it has.
ASKED = (QPageSize.PageSizeId.A4, QPageSize.PageSizeId.A5, QPageSize.PageSizeId.Letter)

__all__ = ["PrintFailed", "check_printer", "paper_of", "printer_names", "uses_cups"]


def uses_cups() -> bool:
    """CUPS on Linux and macOS; QPrinter (the Windows spooler) otherwise. COOP_PRINT_PATH=qt
    forces the QPrinter path (what Windows does), for a check on a CUPS machine."""
    return cups.available() and os.environ.get("COOP_PRINT_PATH", "") != "qt"


def printer_names() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


def check_printer(name: str) -> None:
    """Raise PrintFailed unless `name` is exactly an installed printer that is ready."""
    if not name:
        raise PrintFailed("print_no_printer")
    if uses_cups():
        cups.check(name)
        return
    if name not in printer_names():
        raise PrintFailed("print_missing", name)
    if QPrinterInfo.printerInfo(name).state() == QPrinter.PrinterState.Error:
        raise PrintFailed("print_not_ready", name)


def paper_of(name: str) -> Paper:
    """The paper printer `name` offers, each size with the margins it cannot print on."""
    if uses_cups():
        try:
            return cups_paper.paper(name)
        except cups.CupsError as exc:
            raise PrintFailed("print_no_service", name, detail=exc.text) from exc
    return qt_paper(name)


def _margins(printer: QPrinter, size: QPageSize) -> Margins:
    """What the driver cannot print on with `size` (QPageLayout's minimum margins)."""
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageSize(size)
    layout = QPageLayout(printer.pageLayout())
    layout.setUnits(QPageLayout.Unit.Millimeter)
    m = layout.minimumMargins()
    return Margins(m.left(), m.top(), m.right(), m.bottom())


def qt_paper(name: str) -> Paper:
    """The paper as the driver reports it to Qt (Windows; a PPD through Qt's CUPS support)."""
    info = QPrinterInfo.printerInfo(name)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    mm = QPageSize.Unit.Millimeter
    sizes = list(info.supportedPageSizes())
    known: Margins | None = None
    for wanted in ASKED:
        found = next((s for s in sizes if s.id() == wanted), None)
        if found is not None:
            known = _margins(printer, found)
            break
    sheets = []
    for s in sizes:
        size = s.size(mm)
        narrow = min(size.width(), size.height()) <= ROLL_MAX
        margins = _margins(printer, s) if narrow or known is None else known
        sheets.append(Sheet(s.key(), size.width(), size.height(), margins))
    low = high = None
    custom = Margins()
    if info.supportsCustomPageSizes():
        a = info.minimumPhysicalPageSize().size(mm)
        b = info.maximumPhysicalPageSize().size(mm)
        low, high = (max(a.width(), 1.0), max(a.height(), 1.0)), (b.width(), b.height())
        probe = QPageSize(
            QSizeF(high[0], min(high[1], 300.0)), mm, "", QPageSize.SizeMatchPolicy.ExactMatch
        )
        custom = _margins(printer, probe)
    resolutions = [r for r in info.supportedResolutions() if r > 0]
    return Paper(tuple(sheets), low, high, custom, max(resolutions) if resolutions else 0)
