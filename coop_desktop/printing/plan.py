"""Which layout a document takes on a printer, decided before it is built: the same rules for
the window and for `coop print --printer`.

- A ticket is a roll document: on a roll printer it is laid out for that roll, inside the
  width the printer prints (an 80 mm driver printing 4–76 mm gets 72 mm from 4 mm; a 58 mm
  one printing 5–53 mm gets 48 mm from 5 mm); on a sheet printer it keeps the ticket width
  of Configuración and prints at the top of the smallest sheet, never turned.
- A payment receipt is the roll receipt on a roll printer and the A5 receipt on sheets.
- Statements, the payroll, the daily sheet and the advance receipt need sheets: a roll
  printer is refused in words, before anything is built or sent.
A roll layout narrower than the standard one (72 or 48 mm) is laid out for that width,
never shrunk."""

from __future__ import annotations

from dataclasses import dataclass

from coop_desktop.documents.layout import STANDARD_PRINTABLE, RollArea, roll_area
from coop_desktop.printing.failures import PrintFailed
from coop_desktop.printing.paper import Margins, Paper

ROLL_KINDS = ("ticket",)
EITHER_KINDS = ("receipt", "receipts")
NARROW = 70.0  # mm: a roll narrower than this takes the 58 mm layout


@dataclass(frozen=True, slots=True)
class Plan:
    """A document of `kind` for `printer`: the paper it offers and, for a roll layout, the
    area to lay it out in (None: the document's own page size)."""

    printer: str
    paper: Paper
    kind: str
    roll: RollArea | None

    @property
    def receipt_size(self) -> str:
        """The receipt this plan prints: "80mm", "58mm" or "A5"."""
        if self.roll is None:
            return "A5"
        return "58mm" if self.roll.width < NARROW else "80mm"


def roll_class(width: float) -> int:
    """The standard roll a width belongs to: 80 or 58 mm."""
    return 58 if width < NARROW else 80


def printer_roll(paper: Paper, width: float) -> RollArea:
    """The area a roll `width` mm wide prints on this printer: the standard width (72 or 48
    mm), narrower when the driver prints less, centred in what the driver prints."""
    margins = paper.custom_margins
    for s in paper.sheets:
        up = s.upright()
        if abs(up.width - width) <= 2.0:
            margins = up.margins
            break
    return fit_roll(width, margins)


def fit_roll(width: float, margins: Margins) -> RollArea:
    standard = STANDARD_PRINTABLE[roll_class(width)]
    driver = width - margins.left - margins.right
    printable = min(standard, driver)
    left = margins.left + (driver - printable) / 2
    return RollArea(width, round(left, 2), round(printable, 2), margins.top)


def plan(printer: str, paper: Paper, kind: str, ticket_width: int = 80) -> Plan:
    """The layout of `kind` on `printer`; PrintFailed("print_needs_sheets") when a document
    that needs sheets is sent to a roll printer."""
    roll = paper.roll_width
    if kind in ROLL_KINDS:
        area = printer_roll(paper, roll) if roll is not None else roll_area(ticket_width)
        return Plan(printer, paper, kind, area)
    if kind in EITHER_KINDS:
        return Plan(printer, paper, kind, printer_roll(paper, roll) if roll is not None else None)
    if roll is not None:
        raise PrintFailed("print_needs_sheets", printer, width=f"{roll:.0f}")
    return Plan(printer, paper, kind, None)


def receipt_size_of(paper: Paper) -> str:
    """The receipt a printer gets: the roll receipt on a roll printer, A5 on sheets."""
    roll = paper.roll_width
    if roll is None:
        return "A5"
    return f"{roll_class(roll)}mm"
