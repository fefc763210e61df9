"""Print a delivery ticket straight to the ticket printer, without dialogs.

There is one ticket: the one the documents layer lays out (coop_desktop/documents/ticket.py),
printed, saved and reprinted alike. On a roll printer it is laid out for that roll inside the
width the driver prints, and goes on the roll's paper with the shortest length that holds it
(exactly its length on a custom-size driver), at the top, never turned (ui/printing/
dispatch.py). A receipt printer without a driver gets the same rows as ESC/POS text instead
(coop_desktop/documents/escpos.py, ui/printing/receipt_printer.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.core.numbers import D
from coop_desktop.documents.content import TicketDoc
from coop_desktop.documents.escpos import EscposTicket
from coop_desktop.documents.ticket import TicketRenderer, ticket_title
from coop_desktop.printing.failures import PrintFailed
from coop_desktop.storage.engine import Database
from ui.printing.dispatch import print_now
from ui.printing.pdf_print import save_pdf
from ui.printing.print_jobs import OTHER, RETRY, SAVE, ask_after_failure, choose_printer
from ui.printing.receipt_printer import RawTarget, send_raw


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
    from ui.common import settings

    return TicketSettings(
        settings.TICKET_PRINTER.get(),
        settings.TICKET_WIDTH.get(),
        settings.TICKET_KIND.get() == "escpos",
        settings.RECEIPT_PORT.get().strip(),
    )


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
    offers no paper for it. `width_mm` is the ticket's width where the printer does not say
    (a saved file, a sheet printer, ESC/POS)."""
    if pdf_file is not None:
        from coop_desktop.core.outputs import write_file

        write_file(Path(pdf_file), TicketRenderer(width_mm).render(t), force=True)
        return pdf_file
    if escpos:
        return send_raw(
            RawTarget(printer_name, port), EscposTicket(width_mm).render(t), ticket_title(t)
        )
    print_now(
        printer_name,
        "ticket",
        lambda plan: (TicketRenderer(plan.roll or width_mm).render(t), ticket_title(t)),
        width_mm,
    )
    return printer_name


def print_ticket_now(
    parent: QWidget | None,
    send: Callable[[str], str],
    printer: str,
    save: Callable[[], bytes] | None = None,
    title: str = "ticket",
) -> str | None:
    """Send a ticket now (it is small); on failure ask what to do. Returns where it went
    (a printer or a saved file), or None when nothing was printed."""
    while True:
        try:
            return send(printer)
        except PrintFailed as exc:
            choice = ask_after_failure(parent, exc, can_save=save is not None)
        except CoopError:
            raise
        if choice == RETRY:
            continue
        if choice == OTHER:
            other = choose_printer(parent, printer, "ticket")
            if other is None:
                return None
            printer = other
            continue
        if choice == SAVE and save is not None and parent is not None:
            path = save_pdf(parent, save(), title)
            return str(path) if path is not None else None
        return None


def print_delivery_ticket(
    parent: QWidget | None, db: Database, delivery_id: int, pdf_file: str | None = None
) -> str | None:
    """The ticket of a delivery on the ticket printer of Configuración (or into `pdf_file`),
    asking what to do when it fails; recorded only once sent. Returns where it went, None
    when nothing was printed or no ticket printer is configured."""
    from coop_desktop.services.document_data import record_prints, ticket

    settings = ticket_settings()
    if not settings.configured and pdf_file is None:
        return None
    doc = ticket(db, delivery_id, record=False)
    if pdf_file is not None:
        where: str | None = print_ticket(doc, settings.printer, settings.width, pdf_file)
    else:

        def send(name: str) -> str:
            raw = settings.escpos and name == settings.printer
            return print_ticket(
                doc, name, settings.width, escpos=raw, port=settings.port if raw else ""
            )

        where = print_ticket_now(
            parent,
            send,
            settings.printer,
            save=lambda: TicketRenderer(settings.width).render(doc),
            title=f"ticket-{doc.number}",
        )
    if where is not None:
        record_prints(db, "ticket", [str(delivery_id)])
    return where


def sample_ticket(width_mm: int = 80) -> TicketDoc:
    """A ticket with made-up content, for the test print of Configuración."""

    from coop_desktop.documents.content import Header, MemberBlock

    header = Header("Coop Desktop", "", "", "", "", "", "es", None)
    member = MemberBlock("S0000", "Ñusta Quispe Mamani (prueba)", "", "", "Ácora", "Puno", "Puno")
    return TicketDoc(
        header,
        f"PRUEBA-{width_mm}MM",
        member,
        clock.today(),
        "am",
        D("12.5"),
        "L",
        "—",
        D("12.5"),
        mark="PRUEBA",
    )


def print_sample_ticket(printer_name: str, width_mm: int = 80) -> str:
    return print_ticket(sample_ticket(width_mm), printer_name, width_mm)
