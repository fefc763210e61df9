"""A document to a CUPS printer from start to end, without Qt (`coop print --printer`): the
printer is there and ready, its paper is read, the layout is chosen for it (plan.py), the
document is built for that layout, placed inside the printable area (placement.py) and sent
as one job. The window takes the same steps (ui/printing/dispatch.py) and says the same
words when one fails."""

from __future__ import annotations

from collections.abc import Callable

from coop_desktop.printing import cups, cups_paper
from coop_desktop.printing.failures import PrintFailed
from coop_desktop.printing.placement import place
from coop_desktop.printing.plan import Plan, plan

Build = Callable[[Plan], tuple[bytes, str]]  # the document's PDF and title, for a plan


def print_on(printer: str, kind: str, build: Build, ticket_width: int = 80) -> int:
    """Print a document of `kind` built by `build` on `printer`; returns the pages sent.
    Raises PrintFailed (nothing built when the printer is refused, nothing sent)."""
    if not cups.available():
        raise PrintFailed("print_no_cups", printer)
    cups.check(printer)
    try:
        paper = cups_paper.paper(printer)
    except cups.CupsError as exc:
        raise PrintFailed("print_no_service", printer, detail=exc.text) from exc
    chosen = plan(printer, paper, kind, ticket_width)
    pdf, title = build(chosen)
    return cups.send(printer, place(pdf, paper, printer, roll=chosen.roll is not None), title)
