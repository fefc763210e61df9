"""One document as PDF bytes, by kind, for the screen that previews, prints and saves it.

`record=False` builds the preview: it shows COPIA when the document was printed before but
does not count as a print; printing or saving builds it again with `record=True`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coop_desktop.domain import validation as v
from coop_desktop.errors import NotFound, ValidationError
from coop_desktop.messages import add_messages
from coop_desktop.services import documents as docs
from coop_desktop.services.statements import statements
from coop_desktop.storage.engine import Database

KINDS = ("receipt", "statement", "payroll", "ticket", "collection", "advance")
BATCH_KINDS = ("receipts", "statements", "payroll")

add_messages(
    {
        "nothing_to_print": (
            "No hay documentos que imprimir en el periodo {value}.",
            "There are no documents to print in period {value}.",
        )
    }
)


@dataclass(frozen=True, slots=True)
class Printout:
    kind: str
    title: str  # also the suggested file name
    pdf: bytes
    number: str = ""  # a receipt's settlement number (what can be voided)
    mark: str = ""  # COPIA, ANULADO, BORRADOR or nothing


def delivery_number(key: str) -> int:
    """A ticket's key: the delivery number as typed."""
    if not key.strip().isdigit():
        raise ValidationError("not_an_integer", "delivery", value=key)
    return int(key)


def render(
    db: Database,
    kind: str,
    key: str,
    member: str = "",
    *,
    record: bool = False,
    receipt_size: str = "A5",
    ticket_width: int = 80,
) -> Printout:
    """`key` is the period code (receipt, statement, payroll), the delivery number (ticket),
    the day YYYY-MM-DD (collection) or the advance receipt's number; `member` the member code
    of a settlement receipt or a statement."""
    key = key.strip()
    member = member.strip()
    if kind == "ticket":
        from coop_desktop.documents.ticket import TicketRenderer

        t = docs.ticket(db, delivery_number(key), record)
        return Printout(
            kind, f"ticket-{t.number}", TicketRenderer(ticket_width).render(t), "", t.mark
        )
    if kind == "advance":
        from coop_desktop.documents.advance import AdvanceRenderer

        a = docs.advance_receipt(db, key, record)
        return Printout(kind, f"adelanto-{a.number}", AdvanceRenderer().render(a), "", a.mark)
    if kind == "collection":
        from coop_desktop.documents.collection import CollectionRenderer

        day = v.iso_date(key, "date")
        doc = docs.collection(db, day)
        return Printout(kind, f"acopio-{day.isoformat()}", CollectionRenderer().render(doc))
    if kind == "payroll":
        from coop_desktop.documents.payroll import PayrollRenderer

        return Printout(kind, f"planilla-{key}", PayrollRenderer().render(docs.payroll(db, key)))
    if not member:
        raise ValidationError("required", "member")
    if kind == "receipt":
        from coop_desktop.documents.receipt import ReceiptRenderer

        found = docs.receipts(db, key, member, record)
        if not found:
            raise NotFound("no_settlement", "member", value=member, period=key)
        r = found[-1]  # the newest: a reissued receipt comes after the one it replaced
        pdf = ReceiptRenderer(receipt_size).render(r)
        return Printout(kind, f"{r.number}-{r.member.code}", pdf, r.number, r.mark)
    if kind == "statement":
        from coop_desktop.documents.statement import StatementRenderer

        found_s = statements(db, key, member)
        if not found_s:
            raise NotFound("no_settlement", "member", value=member, period=key)
        s = found_s[0]
        title = f"estado-{key}-{s.member.code}"
        return Printout(kind, title, StatementRenderer().render(s), "", s.shown_mark)
    raise ValidationError("bad_choice", "kind", value=kind, valid=", ".join(KINDS))


def write_batch(
    db: Database,
    kind: str,
    code: str,
    target: Path,
    members: Collection[str] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[Path]:
    """The receipts, statements or payroll of period `code` into `target`: one PDF, or a
    folder with one file per member. `members` (codes) limits receipts and statements to
    those members. Receipts are recorded as printed (the next print is a COPIA). Nothing is
    written if `cancel` is set before the batch is rendered."""
    from coop_desktop.documents.batch import write_batch as write_pdfs

    if kind == "payroll":
        from coop_desktop.documents.payroll import PayrollRenderer

        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(PayrollRenderer().render(docs.payroll(db, code)))
        return [target]
    renderer: Any
    found: list[Any]
    if kind == "receipts":
        from coop_desktop.documents.receipt import ReceiptRenderer

        if members is None:
            found = docs.receipts(db, code)
        else:
            found = [r for m in members for r in docs.receipts(db, code, m)]
        renderer = ReceiptRenderer()
        names = [f"{d.number}-{d.member.code}" for d in found]
    elif kind == "statements":
        from coop_desktop.documents.statement import StatementRenderer

        found = statements(db, code, members)
        renderer = StatementRenderer()
        names = [f"{d.period}-{d.member.code}" for d in found]
    else:
        raise ValidationError("bad_choice", "kind", value=kind, valid=", ".join(BATCH_KINDS))
    if not found:
        raise NotFound("nothing_to_print", "period", value=code)
    return write_pdfs(renderer, found, target, names, progress=progress, cancel=cancel)
