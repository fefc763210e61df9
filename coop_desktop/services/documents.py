"""Build what each document shows from the database (the renderers never see ORM objects).

Printing is recorded in the audit log; a document printed before comes out marked COPIA, a
voided settlement's receipt comes out marked ANULADO, an open period's statement BORRADOR."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.documents.dto import (
    AdvanceDoc,
    Amount,
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
from coop_desktop.domain.settlement import CREDIT_KINDS, DEDUCTION_KINDS
from coop_desktop.errors import NotFound, Refused
from coop_desktop.numbers import ZERO, quantize
from coop_desktop.services.association import load_association
from coop_desktop.services.authz import requires
from coop_desktop.services.context import audit
from coop_desktop.services.deliveries import ticket_label
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

PRICE_STEP = Decimal("0.0001")


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
    )


def printed_before(session: Session, kind: str, key: str, record: bool = True) -> bool:
    """True when the document was printed before; with `record`, this print is recorded in
    the audit log (a preview on screen is not a print and records nothing)."""
    seen = session.scalar(
        select(func.count())
        .select_from(AuditLog)
        .where(AuditLog.action == "print", AuditLog.entity == kind, AuditLog.entity_id == key)
    )
    if record:
        audit(session, "print", kind, key)
    return bool(seen)


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


def settlement_amounts(
    lines: list[SettlementLine],
) -> tuple[tuple[Amount, ...], tuple[Amount, ...]]:
    credits = tuple(
        Amount(ln.description, ln.amount)
        for ln in lines
        if ln.kind in CREDIT_KINDS and ln.amount > 0
    )
    deductions = tuple(
        Amount(ln.description, -ln.amount)
        for ln in lines
        if ln.kind in DEDUCTION_KINDS and ln.amount < 0
    )
    return credits, deductions


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
        rows = session.execute(query).all()
        lines = lines_by_settlement(session, [s.id for s, _ in rows])
        docs = []
        for s, m in rows:
            credits, deductions = settlement_amounts(lines[s.id])
            number = f"{s.series}-{s.number:08d}"
            mark = (
                "ANULADO"
                if s.status == "void"
                else ("COPIA" if printed_before(session, "settlement", number, record) else "")
            )
            average = quantize(s.gross / s.kg, PRICE_STEP) if s.kg else ZERO
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
                    average,
                    s.gross,
                    credits,
                    deductions,
                    s.carried_out,
                    s.net,
                    s.payment_method or m.payment_method,
                    mark,
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


def payroll(db: Database, code: str) -> PayrollDoc:
    span = parse_period(code)
    with db.read() as session:
        period = _closed_period(session, span)
        rows = session.execute(
            select(Settlement, Member)
            .join(Member)
            .where(Settlement.period_id == period.id, Settlement.status != "void")
            .order_by(Member.code)
        ).all()
        return PayrollDoc(
            header(session),
            span.code,
            span.start,
            span.end,
            tuple(
                PayrollRow(
                    m.code,
                    f"{m.given_names} {m.surnames}",
                    m.dni,
                    s.kg,
                    s.gross,
                    s.deductions,
                    s.net,
                    f"{s.series}-{s.number:08d}",
                )
                for s, m in rows
            ),
        )


def collection(db: Database, day: date) -> CollectionDoc:
    with db.read() as session:
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
        out = []
        for d, m in rows:
            parts = []
            if d.temperature is not None:
                parts.append(f"{d.temperature} °C")
            if d.density is not None:
                parts.append(f"dens. {d.density}")
            if d.alcohol_positive is not None:
                parts.append("alcohol +" if d.alcohol_positive else "alcohol −")
            t = tests.get(d.id)
            if t is not None and t.fat is not None:
                parts.append(f"grasa {t.fat}%")
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
        return CollectionDoc(header(session), day, tuple(out))
