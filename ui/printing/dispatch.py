"""One document to one printer, the same steps on every path: the printer is there and ready;
its paper is read; the layout is chosen for it (coop_desktop/printing/plan.py: a roll printer
gets the roll layout inside the width it prints, a document that needs sheets is refused);
the document is built for that layout, placed on the paper inside the printable area and
sent — to CUPS as the PDF itself, or drawn through QPrinter (Windows) as text and lines.

`prepare` and `build_and_place` are plain enough for the op runner's worker (no widget; the
CUPS path no Qt at all); `deliver` runs where the platform needs it (QPrinter: GUI thread),
and `drawing_steps` is the QPrinter path a page per step, for the op runner's GUI-thread
ops (`OpRunner.run_steps`)."""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass

from PySide6.QtPrintSupport import QPrinter

from coop_desktop.printing import cups
from coop_desktop.printing.failures import PrintFailed
from coop_desktop.printing.placement import Placed, place
from coop_desktop.printing.plan import Plan, plan
from ui.printing.pdf_print import drawing, print_to
from ui.printing.printers import check_printer, paper_of, uses_cups

Build = Callable[[Plan], tuple[bytes, str]]  # the document's PDF and title, for a plan


@dataclass(frozen=True, slots=True)
class Ready:
    """A document built and placed for a printer: what `deliver` sends."""

    plan: Plan
    placed: Placed
    title: str


def prepare(printer: str, kind: str, ticket_width: int = 80) -> Plan:
    """Check `printer`, read its paper and choose the layout of `kind`: PrintFailed, with
    nothing built or sent, when it is missing, not ready or the wrong kind of printer."""
    check_printer(printer)
    return plan(printer, paper_of(printer), kind, ticket_width)


def build_and_place(chosen: Plan, pdf: bytes, title: str) -> Ready:
    placed = place(pdf, chosen.paper, chosen.printer, roll=chosen.roll is not None)
    return Ready(chosen, placed, title)


def deliver(ready: Ready) -> int:
    """Send it; returns the pages sent. CUPS: one job, the PDF itself. Otherwise QPrinter
    on exactly that printer, every page at once."""
    if uses_cups():
        return cups.send(ready.plan.printer, ready.placed, ready.title)
    return print_to(_qprinter(ready), ready.placed)


def drawing_steps(
    ready: Ready, cancelled: Callable[[], bool]
) -> Generator[tuple[int, int], None, int]:
    """The QPrinter path one page a step (pdf_print.drawing): yields (pages drawn, pages),
    returns the pages sent; aborted, with nothing out, when `cancelled()`."""
    return (yield from drawing(_qprinter(ready), ready.placed, cancelled))


def _qprinter(ready: Ready) -> QPrinter:
    """A QPrinter on exactly the plan's printer (Qt would otherwise print on another one
    without a word)."""
    name = ready.plan.printer
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(name)
    if printer.printerName() != name:
        raise PrintFailed("print_missing", name)
    printer.setDocName(ready.title)
    return printer


def print_now(printer: str, kind: str, build: Build, ticket_width: int = 80) -> int:
    """A small document (a ticket, a test page) printed at once, on the calling thread."""
    chosen = prepare(printer, kind, ticket_width)
    pdf, title = build(chosen)
    return deliver(build_and_place(chosen, pdf, title))
