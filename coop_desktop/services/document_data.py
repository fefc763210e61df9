"""Build what each document shows from the database (the renderers never see ORM objects).

Printing is recorded in the audit log; every kind of document printed before comes out marked
COPIA, a voided settlement's receipt comes out marked ANULADO with the reason, the date and
the number that replaced it (and the replacement names what it replaces), an open period's
statement BORRADOR."""

from __future__ import annotations

from collections import defaultdict
from contextlib import AbstractContextManager
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.core.errors import NotFound, Refused
from coop_desktop.core.numbers import ZERO
from coop_desktop.documents.content import (
    AdvanceDoc,
    CollectionDoc,
    CollectionRow,
    Header,
    MemberBlock,
    PayrollDoc,
    PayrollRow,
    ReceiptDoc,
    TicketDoc,
)
from coop_desktop.domain.periods import PeriodSpan, parse_period, period_of
from coop_desktop.domain.roles import Permission
from coop_desktop.language import formatting as fmt
from coop_desktop.services.association import load_association
from coop_desktop.services.authz import requires
from coop_desktop.services.context import audit
from coop_desktop.services.deliveries import ticket_label
from coop_desktop.services.settlement_paper import (
    goods,
    number_of,
    stored_money,
    void_notes,
)
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import (
    AuditLog,
    Delivery,
    LedgerEntry,
    Member,
    Period,
    QualityTest,
    Settlement,
    SettlementLine,
)


def header(session: Session) -> Header:
    a = load_association(session)
    return Header(
        a.name, a.ruc, a.address, a.district, a.province, a.department, a.language, a.logo
    )


def member_block(m: Member) -> MemberBlock:
    return MemberBlock(
        m.code,
        f"{m.given_names} {m.surnames}",
        m.dni,
        m.community,
        m.district,
        m.province,
        m.department,
        m.address,
    )


def printed_before(session: Session, kind: str, key: str, record: bool = True) -> bool:
    """True when the document was printed before; with `record`, this print is recorded in
    the audit log (a preview on screen is not a print and records nothing)."""
    return key in reprinted(session, kind, [key], record)


def reprinted(session: Session, kind: str, keys: list[str], record: bool = True) -> set[str]:
    """Which of `keys` (documents of one kind) were printed before; with `record`, this print
    of every one of them is recorded in the audit log."""
    seen: set[str] = set()
    for chunk in range(0, len(keys), 900):
        seen.update(
            k
            for k in session.scalars(
                select(AuditLog.entity_id).where(
                    AuditLog.action == "print",
                    AuditLog.entity == kind,
                    AuditLog.entity_id.in_(keys[chunk : chunk + 900]),
                )
            )
            if k is not None
        )
    if record:
        for key in keys:
            audit(session, "print", kind, key)
    return seen


def _unit(db: Database, record: bool) -> AbstractContextManager[Session]:
    """A document is read in a read-only transaction; one that counts as printed, in one that
    may only append its print to the audit trail (open to the oversight committee too)."""
    return db.record() if record else db.read()


@requires(Permission.PRINT)
def copy_marks(db: Database, kind: str, keys: list[str], record: bool = True) -> set[str]:
    """`reprinted` in its own unit of work, for documents built by a read-only service (a
    preview only reads)."""
    if not keys:
        return set()
    with _unit(db, record) as session:
        return reprinted(session, kind, keys, record)


def warnings(head: Header) -> tuple[str, ...]:
    """What the treasurer should know before handing receipts over (codes, for messages)."""
    return () if head.ruc else ("receipt_without_ruc",)


@requires(Permission.PRINT)
def record_prints(db: Database, kind: str, keys: list[str]) -> None:
    """Count prints that reached the printer (or a saved file): the next one is a COPIA.
    Printing screens build with `record=False` and call this only once the job was sent."""
    if not keys:
        return
    with db.record() as session:
        for key in keys:
            audit(session, "print", kind, key)


@requires(Permission.PRINT)
def ticket(db: Database, delivery_id: int, record: bool = True) -> TicketDoc:
    with db.record() as session:
        d = session.get(Delivery, delivery_id)
        if d is None:
            raise NotFound("unknown_delivery", "delivery", value=delivery_id)
        m = session.get(Member, d.member_id)
        assert m is not None
        a = load_association(session)
        span = period_of(d.date, a.cycle)
        earlier = session.scalars(
            select(Delivery).where(
                Delivery.member_id == m.id,
                Delivery.date >= span.start,
                Delivery.date <= d.date,
                Delivery.rejected.is_(False),
            )
        ).all()
        totals: dict[str, Decimal] = {}
        for x in earlier:  # per unit: litres and kilograms are never added together
            if (x.date, x.shift, x.id) <= (d.date, d.shift, d.id):
                totals[x.unit] = totals.get(x.unit, ZERO) + x.quantity
        copy = printed_before(session, "ticket", str(d.id), record)
        return TicketDoc(
            header(session),
            ticket_label(d) or f"{a.ticket_series}-{d.id:08d}",
            member_block(m),
            d.date,
            d.shift,
            d.quantity,
            d.unit,
            span.code,
            totals.get("L", ZERO),
            d.temperature,
            d.density,
            d.alcohol_positive,
            d.rejected,
            d.reject_reason,
            "COPIA" if copy else "",
            tuple(sorted(totals.items())),
        )


@requires(Permission.PRINT)
def advance_receipt(db: Database, number: str, record: bool = True) -> AdvanceDoc:
    """The receipt of an advance, by its number (R001-00000001); reprints are COPIA."""
    key = number.strip().upper()
    with db.record() as session:
        entry = session.scalars(
            select(LedgerEntry).where(
                LedgerEntry.document_number == key, LedgerEntry.kind == "advance"
            )
        ).first()
        if entry is None:
            raise NotFound("unknown_receipt", "number", value=number)
        m = session.get(Member, entry.member_id)
        assert m is not None
        span = period_of(entry.date, load_association(session).cycle)
        copy = printed_before(session, "advance", key, record)
        return AdvanceDoc(
            header(session),
            key,
            member_block(m),
            entry.date,
            -entry.amount,
            span.code,
            "COPIA" if copy else "",
        )


def _closed_period(session: Session, span: PeriodSpan) -> Period:
    period = session.scalars(select(Period).where(Period.code == span.code)).first()
    if period is None or period.status == "open":
        raise Refused("period_not_closed", "period", value=span.code)
    return period


@requires(Permission.PRINT)
def receipts(
    db: Database, code: str, member_code: str | None = None, record: bool = True
) -> list[ReceiptDoc]:
    """The receipts of a closed period (void ones marked ANULADO, reprints COPIA)."""
    span = parse_period(code)
    with db.record() as session:
        period = _closed_period(session, span)
        head = header(session)
        query = (
            select(Settlement, Member)
            .join(Member)
            .where(Settlement.period_id == period.id)
            .order_by(Member.code, Settlement.number)
        )
        if member_code is not None:
            query = query.where(func.lower(Member.code) == member_code.strip().lower())
        rows = [(s, m) for s, m in session.execute(query).all()]
        lines = lines_by_settlement(session, [s.id for s, _ in rows])
        notes, replaces = void_notes(session, period, rows)
        printable = [number_of(s) for s, _ in rows if s.status != "void"]
        copies = reprinted(session, "settlement", printable, record)
        docs = []
        for s, m in rows:
            number = number_of(s)
            mark = "ANULADO" if s.status == "void" else ("COPIA" if number in copies else "")
            docs.append(
                ReceiptDoc(
                    head,
                    number,
                    member_block(m),
                    span.code,
                    span.start,
                    span.end,
                    s.created_at.date(),
                    s.kg,
                    s.litres,
                    goods(lines[s.id]),
                    stored_money(s, lines[s.id]),
                    s.payment_method or m.payment_method,
                    mark,
                    notes.get(s.id),
                    replaces.get(s.id),
                )
            )
        return docs


def lines_by_settlement(session: Session, ids: list[int]) -> dict[int, list[SettlementLine]]:
    found: dict[int, list[SettlementLine]] = defaultdict(list)
    for chunk in range(0, len(ids), 900):
        for ln in session.scalars(
            select(SettlementLine)
            .where(SettlementLine.settlement_id.in_(ids[chunk : chunk + 900]))
            .order_by(SettlementLine.settlement_id, SettlementLine.position)
        ):
            found[ln.settlement_id].append(ln)
    return found


@requires(Permission.PRINT)
def payroll(db: Database, code: str, record: bool = False) -> PayrollDoc:
    """One row per member's current settlement, in the summary every document shows (milk +
    credits − deductions − debt brought in + debt carried on = net). A reprint is COPIA."""
    span = parse_period(code)
    with _unit(db, record) as session:
        period = _closed_period(session, span)
        rows = [
            (s, m)
            for s, m in session.execute(
                select(Settlement, Member)
                .join(Member)
                .where(Settlement.period_id == period.id, Settlement.status != "void")
                .order_by(Member.code)
            ).all()
        ]
        lines = lines_by_settlement(session, [s.id for s, _ in rows])
        out = []
        for s, m in rows:
            money = stored_money(s, lines[s.id])
            out.append(
                PayrollRow(
                    m.code,
                    f"{m.given_names} {m.surnames}",
                    m.dni,
                    s.kg,
                    money.summary,
                    number_of(s),
                )
            )
        copy = printed_before(session, "payroll", span.code, record)
        return PayrollDoc(
            header(session), span.code, span.start, span.end, tuple(out), "COPIA" if copy else ""
        )


@requires(Permission.PRINT)
def collection(db: Database, day: date, record: bool = False) -> CollectionDoc:
    """The day's deliveries by shift, with their quick tests; a reprint is COPIA."""
    with _unit(db, record) as session:
        rows = session.execute(
            select(Delivery, Member)
            .join(Member)
            .where(Delivery.date == day)
            .order_by(Delivery.shift, Member.code, Delivery.id)
        ).all()
        tests = {
            t.delivery_id: t
            for t in session.scalars(
                select(QualityTest).where(
                    QualityTest.sample_date == day, QualityTest.delivery_id.is_not(None)
                )
            )
        }
        head = header(session)
        lang = head.lang
        out = []
        for d, m in rows:
            parts = []
            if d.temperature is not None:
                parts.append(fmt.temperature(d.temperature, lang))
            if d.density is not None:
                parts.append(f"dens. {fmt.as_recorded(d.density, lang)}")
            if d.alcohol_positive is not None:
                parts.append("alcohol +" if d.alcohol_positive else "alcohol −")
            t = tests.get(d.id)
            if t is not None and t.fat is not None:
                parts.append(f"{'fat' if lang == 'en' else 'grasa'} {fmt.percent(t.fat, 2, lang)}")
            out.append(
                CollectionRow(
                    d.shift,
                    m.code,
                    f"{m.given_names} {m.surnames}",
                    d.quantity,
                    d.unit,
                    ", ".join(parts),
                    d.rejected,
                    d.reject_reason,
                )
            )
        copy = printed_before(session, "collection", day.isoformat(), record)
        return CollectionDoc(head, day, tuple(out), "COPIA" if copy else "")
