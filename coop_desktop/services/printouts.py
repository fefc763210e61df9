"""One document as PDF bytes, by kind, for the screen that previews, prints and saves it.

`record=False` builds the preview: it shows COPIA when the document was printed before but
does not count as a print; printing or saving builds it again with `record=True`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coop_desktop.core.errors import NotFound, ValidationError
from coop_desktop.core.messages import render as render_message
from coop_desktop.documents.layout import RollArea
from coop_desktop.domain import validation as v
from coop_desktop.services import document_data as docs
from coop_desktop.services.statements import statements
from coop_desktop.storage.engine import Database

KINDS = ("receipt", "statement", "payroll", "ticket", "collection", "advance")


@dataclass(frozen=True, slots=True)
class Printout:
    kind: str
    title: str  # also the suggested file name
    pdf: bytes
    number: str = ""  # a receipt's settlement number (what can be voided)
    mark: str = ""  # COPIA, ANULADO, BORRADOR or nothing
    printed_as: tuple[str, str] | None = None  # what a print counts as (kind, key) for COPIA
    warnings: tuple[str, ...] = ()  # message codes the screen shows beside the document

    def notes(self, lang: str = "es") -> list[str]:
        return [render_message(code, lang) for code in self.warnings]


@dataclass(frozen=True)
class Batch:
    """A period's receipts or statements ready to render: the renderer, the documents, a
    file name for each, and what to warn about."""

    renderer: Any
    docs: list[Any]
    names: list[str]
    warnings: tuple[str, ...] = field(default=())

    def notes(self, lang: str = "es") -> list[str]:
        return [render_message(code, lang) for code in self.warnings]


def batch(
    db: Database,
    kind: str,
    code: str,
    member: str | None = None,
    *,
    record: bool = True,
    receipt_size: str = "A5",
    roll: RollArea | None = None,
) -> Batch:
    """Every receipt ("receipts") or statement ("statements") of a period, or one member's;
    building them for printing records the print (the next one is COPIA). `roll`: the roll
    area a printer reports, for roll receipts laid out for it."""
    if kind == "receipts":
        found = docs.receipts(db, code, member, record)
        head = found[0].header if found else None
        return Batch(
            receipt_renderer(receipt_size, roll),
            list(found),
            [f"{d.number}-{d.member.code}" for d in found],
            docs.warnings(head) if head else (),
        )
    if kind == "statements":
        from coop_desktop.documents.statement import StatementRenderer

        found_s = statements(db, code, member, record)
        return Batch(
            StatementRenderer(), list(found_s), [f"{d.period}-{d.member.code}" for d in found_s]
        )
    raise ValidationError("bad_choice", "kind", value=kind, valid="receipts, statements")


PRINTED_AS = {"receipts": "settlement", "statements": "statement", "payroll": "payroll"}


def printed_keys(kind: str, documents: list[Any]) -> list[str]:
    """The keys a print of these documents counts under (`PRINTED_AS[kind]`): a voided
    receipt or a draft statement is never counted."""
    if kind == "receipts":
        return [d.number for d in documents if d.mark != "ANULADO"]
    if kind == "statements":
        return [f"{d.period}/{d.member.code}" for d in documents if not d.draft]
    return [d.period for d in documents]  # the payroll


def receipt_renderer(size: str = "A5", roll: RollArea | None = None) -> Any:
    """The receipt renderer for a size, or for the roll a printer reports (its 80 or 58 mm
    receipt, laid out in the width it prints)."""
    from coop_desktop.documents.receipt import ReceiptRenderer

    if roll is not None:
        size = "58mm" if roll.narrow else "80mm"
    return ReceiptRenderer(size, area=roll)


def record_batch(db: Database, kind: str, documents: list[Any]) -> None:
    """Count a batch as printed once it was sent or saved (the next print is a COPIA)."""
    docs.record_prints(db, PRINTED_AS[kind], printed_keys(kind, documents))


def record_printout(db: Database, printout: Printout) -> None:
    """Count `printout` as printed, once it was sent (or saved): the next one is a COPIA."""
    if printout.printed_as is not None:
        kind, key = printout.printed_as
        docs.record_prints(db, kind, [key])


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
    roll: RollArea | None = None,
) -> Printout:
    """`key` is the period code (receipt, statement, payroll), the delivery number (ticket),
    the day YYYY-MM-DD (collection) or the advance receipt's number; `member` the member code
    of a settlement receipt or a statement. `roll`: the roll area of the printer it goes to
    (a ticket, a receipt printed on a roll printer)."""
    key = key.strip()
    member = member.strip()
    if kind == "ticket":
        from coop_desktop.documents.ticket import TicketRenderer

        t = docs.ticket(db, delivery_number(key), record)
        return Printout(
            kind,
            f"ticket-{t.number}",
            TicketRenderer(roll or ticket_width).render(t),
            "",
            t.mark,
            ("ticket", str(delivery_number(key))),
        )
    if kind == "advance":
        from coop_desktop.documents.advance import AdvanceRenderer

        a = docs.advance_receipt(db, key, record)
        pdf = AdvanceRenderer().render(a)
        return Printout(kind, f"adelanto-{a.number}", pdf, "", a.mark, ("advance", a.number))
    if kind == "collection":
        from coop_desktop.documents.collection import CollectionRenderer

        day = v.iso_date(key, "date")
        doc = docs.collection(db, day, record)
        return Printout(
            kind,
            f"acopio-{day.isoformat()}",
            CollectionRenderer().render(doc),
            "",
            doc.mark,
            ("collection", day.isoformat()),
        )
    if kind == "payroll":
        from coop_desktop.documents.payroll import PayrollRenderer

        sheet = docs.payroll(db, key, record)
        pdf = PayrollRenderer().render(sheet)
        return Printout(kind, f"planilla-{key}", pdf, "", sheet.mark, ("payroll", sheet.period))
    if not member:
        raise ValidationError("required", "member")
    if kind == "receipt":
        found = docs.receipts(db, key, member, record)
        if not found:
            raise NotFound("no_settlement", "member", value=member, period=key)
        r = found[-1]  # the newest: a reissued receipt comes after the one it replaced
        pdf = receipt_renderer(receipt_size, roll).render(r)
        title = f"{r.number}-{r.member.code}"
        return Printout(
            kind,
            title,
            pdf,
            r.number,
            r.mark,
            ("settlement", r.number),
            docs.warnings(r.header),
        )
    if kind == "statement":
        from coop_desktop.documents.statement import StatementRenderer

        found_s = statements(db, key, member, record)
        if not found_s:
            raise NotFound("no_settlement", "member", value=member, period=key)
        s = found_s[0]
        title = f"estado-{key}-{s.member.code}"
        printed = None if s.draft else ("statement", f"{s.period}/{s.member.code}")
        return Printout(kind, title, StatementRenderer().render(s), "", s.shown_mark, printed)
    raise ValidationError("bad_choice", "kind", value=kind, valid=", ".join(KINDS))
