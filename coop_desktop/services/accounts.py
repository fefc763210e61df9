"""Member accounts: advances, inputs sold on credit, recurring charges, loans, adjustments,
and each member's ledger with its running balance (positive: the association owes the member).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.core.numbers import CENT, ZERO, quantize
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.settlement import CHARGE_KINDS, KIND_LABELS, instalments
from coop_desktop.language import formatting as fmt
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.date_rule import guard_date, load_rule
from coop_desktop.services.closeout.locks import lock_months, lock_terms
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.member_rows import member_by_code
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Charge, LedgerEntry, Loan, Product


@dataclass(frozen=True, slots=True)
class LedgerLine:
    id: int
    date: date
    kind: str
    description: str
    amount: Decimal
    balance: Decimal
    settlement_id: int | None
    corrects_id: int | None
    document_number: str | None = None  # the receipt it was printed on (advances)
    reverses_id: int | None = None  # the entry this one cancels


def money_amount(value: object, field: str = "amount") -> Decimal:
    amount = v.money(value, field)
    if amount <= 0:
        raise ValidationError("not_positive", field, value=value)
    return amount


def _entry(
    session: Session,
    member_id: int,
    day: date,
    kind: str,
    description: str,
    amount: Decimal,
    **extra: object,
) -> LedgerEntry:
    guard_date(session, day)
    entry = LedgerEntry(
        member_id=member_id,
        date=day,
        kind=kind,
        description=description,
        amount=amount,
        recorded_by=actor(),
        recorded_at=now(),
        **extra,
    )
    session.add(entry)
    session.flush()
    audit(session, "create", "ledger_entry", entry.id, after=row_dict(entry))
    return entry


@requires(Permission.ACCOUNTS)
def add_advance(
    db: Database,
    member_code: str,
    amount: object,
    day: date | str | None = None,
    today: date | None = None,
) -> tuple[int, str]:
    """An advance paid in cash: a debit the next close deducts. It gets the next number of
    the association's receipt series, the number of the receipt the member signs.
    Returns (ledger entry id, receipt number)."""
    from coop_desktop.services.association import load_association
    from coop_desktop.services.numbering import reserve_numbers

    value = money_amount(amount)
    when = v.not_future(v.iso_date(day or today or clock.today()), today or clock.today())
    with db.write() as session:
        member = member_by_code(session, member_code)
        series = load_association(session).receipt_series
        number = f"{series}-{reserve_numbers(session, series, 1):08d}"
        entry = _entry(
            session,
            member.id,
            when,
            "advance",
            f"Adelanto en efectivo (recibo {number})",
            -value,
            document_number=number,
        )
        return entry.id, number


@requires(Permission.ACCOUNTS)
def add_product(db: Database, name: str, price: object, unit: str = "unidad") -> int:
    clean = v.required_text(name, "name", 100)
    value = v.money(price, "price", 4)
    if value <= 0:
        raise ValidationError("not_positive", "price", value=price)
    with db.write() as session:
        if session.scalars(
            select(Product).where(func.lower(Product.name) == clean.lower())
        ).first():
            raise ValidationError("duplicate_product", "name", value=clean)
        product = Product(name=clean, unit=v.required_text(unit, "unit", 20), price=value)
        session.add(product)
        session.flush()
        audit(session, "create", "product", product.id, after=row_dict(product))
        return product.id


@requires(Permission.ACCOUNTS)
def sell_input(
    db: Database,
    member_code: str,
    product_name: str,
    quantity: object,
    day: date | str | None = None,
    today: date | None = None,
) -> int:
    """An input sold on credit: quantity × unit price, rounded to the céntimo."""
    qty = v.decimal(quantity, "quantity", 3)
    if qty <= 0:
        raise ValidationError("not_positive", "quantity", value=quantity)
    when = v.not_future(v.iso_date(day or today or clock.today()), today or clock.today())
    with db.write() as session:
        member = member_by_code(session, member_code)
        product = session.scalars(
            select(Product).where(func.lower(Product.name) == product_name.strip().lower())
        ).first()
        if product is None:
            raise NotFound("unknown_product", "product", value=product_name)
        amount = quantize(qty * product.price, CENT)
        description = f"{product.name} × {fmt.as_recorded(qty)} {product.unit}"
        return _entry(
            session,
            member.id,
            when,
            "input",
            description,
            -amount,
            quantity=qty,
            unit_price=product.price,
            product_id=product.id,
        ).id


def _lock_start(session: Session, first_day: date) -> None:
    """A charge or loan in force from `first_day`: the locks in their order (its month, then
    the terms a close holds exclusively), then the date rule for a start date."""
    lock_months(session, (first_day,))
    lock_terms(session)
    load_rule(session).refuse_start(first_day)


@requires(Permission.ACCOUNTS)
def add_charge(
    db: Database,
    kind: str,
    amount: object,
    per: str,
    name: str | None = None,
    start: date | str | None = None,
) -> int:
    """A recurring charge every close applies: dues per period, transport per litre, …"""
    clean_kind = v.choice(kind, CHARGE_KINDS, "kind")
    clean_per = v.choice(per, ("period", "litre"), "per")
    value = v.money(amount, "amount", 4 if clean_per == "litre" else 2)
    if value <= 0:
        raise ValidationError("not_positive", "amount", value=amount)
    label = v.optional_text(name) or KIND_LABELS[clean_kind]  # stored in Spanish, as entered
    first_day = v.iso_date(start or clock.today())
    with db.write() as session:
        _lock_start(session, first_day)
        charge = Charge(
            kind=clean_kind,
            name=label,
            amount=value,
            per=clean_per,
            start_date=first_day,
        )
        session.add(charge)
        session.flush()
        audit(session, "create", "charge", charge.id, after=row_dict(charge))
        return charge.id


@requires(Permission.ACCOUNTS)
def add_loan(
    db: Database,
    member_code: str,
    principal: object,
    count: int,
    description: str = "Préstamo",
    start: date | str | None = None,
) -> list[Decimal]:
    """A loan repaid by `count` instalments, one deducted by each close from `start`."""
    value = money_amount(principal)
    schedule = instalments(value, count)
    first_day = v.iso_date(start or clock.today())
    with db.write() as session:
        _lock_start(session, first_day)
        member = member_by_code(session, member_code)
        loan = Loan(
            member_id=member.id,
            description=v.required_text(description, "name"),
            principal=value,
            instalments=count,
            start_date=first_day,
            created_at=now(),
        )
        session.add(loan)
        session.flush()
        audit(session, "create", "loan", loan.id, after=row_dict(loan))
    return schedule


@requires(Permission.ACCOUNTS)
def add_adjustment(
    db: Database,
    member_code: str,
    amount: object,
    reason: str,
    corrects: int | None = None,
    day: date | str | None = None,
    today: date | None = None,
) -> int:
    """A correction in an open period (positive: in the member's favour), optionally naming
    the entry of the same member it corrects. Without a date it goes on today or, when today
    lies in a period already closed (closed before its end), on the first open day after it;
    no later date is accepted."""
    value = v.money(amount, "amount")
    if value == 0:
        raise ValidationError("not_positive", "amount", value=amount)
    text = v.required_text(reason, "reason")
    now_day = today or clock.today()
    with db.write() as session:
        first_open = load_rule(session).open_day(now_day)
        when = v.iso_date(day) if day else first_open
        if when > first_open:
            raise ValidationError("future_date", "date", value=when.isoformat())
        member = member_by_code(session, member_code)
        if corrects is not None:
            target = session.get(LedgerEntry, corrects)
            if target is None:
                raise NotFound("unknown_entry", "corrects", value=corrects)
            if target.member_id != member.id:
                raise Refused(
                    "corrects_other_member", "corrects", value=corrects, member=member.code
                )
        return _entry(session, member.id, when, "adjustment", text, value, corrects_id=corrects).id


def ledger(db: Database, member_code: str) -> list[LedgerLine]:
    with db.read() as session:
        member = member_by_code(session, member_code)
        entries = session.scalars(
            select(LedgerEntry)
            .where(LedgerEntry.member_id == member.id)
            .order_by(LedgerEntry.date, LedgerEntry.id)
        ).all()
        balance = ZERO
        lines = []
        for e in entries:
            balance += e.amount
            lines.append(
                LedgerLine(
                    e.id,
                    e.date,
                    e.kind,
                    e.description,
                    e.amount,
                    balance,
                    e.settlement_id,
                    e.corrects_id,
                    e.document_number,
                    e.reverses_id,
                )
            )
        return lines


@dataclass(frozen=True, slots=True)
class ProductInfo:
    id: int
    name: str
    unit: str
    price: Decimal


@dataclass(frozen=True, slots=True)
class ChargeInfo:
    id: int
    kind: str
    name: str
    amount: Decimal
    per: str
    start_date: date


def list_products(db: Database) -> list[ProductInfo]:
    with db.read() as session:
        return [
            ProductInfo(p.id, p.name, p.unit, p.price)
            for p in session.scalars(
                select(Product).where(Product.active.is_(True)).order_by(Product.name)
            )
        ]


def list_charges(db: Database) -> list[ChargeInfo]:
    with db.read() as session:
        return [
            ChargeInfo(c.id, c.kind, c.name, c.amount, c.per, c.start_date)
            for c in session.scalars(select(Charge).order_by(Charge.id))
        ]
