"""Expenses of the collection business and the margin of a period.

Members' milk is what the closes paid for it (the accepted milk lines of the current
settlements), or the close preview for a period still open (then the margin is
provisional). A range that cuts a period takes the deliveries inside it: each milk line's
amount shared among its deliveries by quantity (to the céntimo, adding up to the line).
Sales are the receptions' amounts of the range's dispatches; a dispatch not yet received is
priced by the buyer's terms on the association's measure (provisional too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError, NotFound, Refused, ValidationError
from coop_desktop.core.numbers import ZERO
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.sales.allocation import split_amount
from coop_desktop.domain.sales.buyer_price import price_sale
from coop_desktop.domain.sales.margin import EXPENSE_CATEGORIES, Margin, margin
from coop_desktop.services.association import load_association
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.date_rule import guard_date
from coop_desktop.services.closeout.inputs import date_param
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.sales.balance import centre_flows, check_range, report_from
from coop_desktop.services.sales.buyers import timelines
from coop_desktop.services.sales.dispatches import DispatchInfo, _infos
from coop_desktop.services.sales.voids import reverse_expense_row
from coop_desktop.storage.bulk import fetch_raw
from coop_desktop.storage.engine import Database
from coop_desktop.storage.sales_models import Dispatch, Expense

ZERO_MONEY = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class ExpenseInfo:
    id: int
    day: date
    category: str
    amount: Decimal
    note: str | None
    reverses_id: int | None


@requires(Permission.SALES)
def add_expense(
    db: Database, category: str, amount: object, day: date | str, note: str | None = None
) -> ExpenseInfo:
    kind = v.choice(category, EXPENSE_CATEGORIES, "category")
    value = v.money(amount)
    if value <= 0:
        raise ValidationError("not_positive", "amount", value=amount)
    when = v.not_future(v.iso_date(day), clock.today())
    text = v.optional_text(note)
    with db.write() as session:
        guard_date(session, when)
        e = Expense(
            date=when,
            category=kind,
            amount=value,
            note=text,
            recorded_by=actor(),
            recorded_at=now(),
        )
        session.add(e)
        session.flush()
        audit(session, "create", "expense", e.id, after=row_dict(e))
        return ExpenseInfo(e.id, when, kind, value, text, None)


@requires(Permission.SALES)
def reverse_expense(db: Database, expense_id: int, reason: str) -> ExpenseInfo:
    why = v.required_text(reason, "reason", 200)
    with db.write() as session:
        e = session.get(Expense, expense_id)
        if e is None:
            raise NotFound("unknown_expense", "entry", value=str(expense_id))
        done = session.scalars(select(Expense.id).where(Expense.reverses_id == e.id)).first()
        if e.reverses_id is not None or done is not None:
            raise Refused("entry_reversed", "entry", value=str(expense_id))
        back = reverse_expense_row(session, e, why)
        return ExpenseInfo(back.id, back.date, back.category, back.amount, back.note, e.id)


def list_expenses(db: Database, start: date, end: date) -> list[ExpenseInfo]:
    with db.read() as session:
        rows = session.scalars(
            select(Expense)
            .where(Expense.date >= start, Expense.date <= end)
            .order_by(Expense.date, Expense.id)
        ).all()
        return [
            ExpenseInfo(e.id, e.date, e.category, e.amount, e.note, e.reverses_id) for e in rows
        ]


# -- members' milk ---------------------------------------------------------------------------
def _line_share(
    conn: Connection, lines: list[tuple[Decimal, tuple[int, ...]]], start: date, end: date
) -> Decimal:
    """The part of milk lines paying deliveries dated in [start, end]."""
    ids = sorted({i for _, group in lines for i in group})
    info: dict[int, tuple[date, Decimal]] = {}
    for chunk in range(0, len(ids), 900):
        part = ids[chunk : chunk + 900]
        for did, day, qty in fetch_raw(
            conn,
            f"SELECT id, date, quantity FROM delivery WHERE id IN ({', '.join('?' * len(part))})",
            part,
        ):
            from coop_desktop.domain.pricing.reading import as_date

            info[did] = (as_date(day), Decimal(int(qty)))
    total = ZERO_MONEY
    for amount, group in lines:
        weights = [info[i][1] for i in group if i in info]
        whole = sum(weights, ZERO)
        if not weights or whole == 0:
            continue
        parts = split_amount(amount, [amount * w / whole for w in weights])
        kept = [i for i in group if i in info]
        total += sum(
            (p for i, p in zip(kept, parts, strict=True) if start <= info[i][0] <= end), ZERO_MONEY
        )
    return total


def milk_cost(session: Session, start: date, end: date) -> tuple[Decimal, bool]:
    """(members' milk in [start, end], provisional) — see the module's note."""
    from coop_desktop.services.closeout.closing import compute
    from coop_desktop.services.indicator_data import plan

    conn = session.connection()
    cycle = load_association(session).cycle
    total, provisional = ZERO_MONEY, False
    for p in plan(session, start, end, cycle):
        whole = start <= p.span.start and p.span.end <= end
        if p.period_id is not None:
            if whole:
                total += _closed_whole(conn, p.period_id)
            else:
                total += _line_share(conn, _closed_lines(conn, p.period_id), start, end)
            continue
        provisional = True
        # deliveries still missing a test the scheme needs count 0 here: provisional anyway
        preview = compute(conn, session, p.span, collect_missing=True)
        lines = [
            (ln.amount, ln.ids) for m in preview.members for ln in m.milk.lines if not ln.rejected
        ]
        if whole:
            total += sum((a for a, _ in lines), ZERO_MONEY)
        else:
            total += _line_share(conn, lines, start, end)
    return total, provisional


def _closed_whole(conn: Connection, period_id: int) -> Decimal:
    rows = fetch_raw(
        conn,
        "SELECT SUM(l.amount) FROM settlement_line l JOIN settlement s ON s.id = l.settlement_id "
        "WHERE l.kind = 'milk' AND s.status != 'void' AND s.period_id = ?",
        (period_id,),
    )
    return Decimal(int(rows[0][0] or 0)).scaleb(-2)


def _closed_lines(conn: Connection, period_id: int) -> list[tuple[Decimal, tuple[int, ...]]]:
    rows = fetch_raw(
        conn,
        "SELECT l.amount, l.deliveries FROM settlement_line l JOIN settlement s "
        "ON s.id = l.settlement_id WHERE l.kind = 'milk' AND s.status != 'void' "
        "AND s.period_id = ?",
        (period_id,),
    )
    return [
        (Decimal(int(a)).scaleb(-2), tuple(int(x) for x in (ids or "").split(",") if x))
        for a, ids in rows
        if int(a)
    ]


# -- sales -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Sales:
    amount: Decimal
    litres: Decimal
    kg: Decimal
    pending: int  # dispatches not yet received (priced on our measure)


def sales_of(session: Session, start: date, end: date) -> Sales:
    rows = list(
        session.scalars(select(Dispatch).where(Dispatch.date >= start, Dispatch.date <= end)).all()
    )
    return sales_from(session, _infos(session, rows))


def sales_from(session: Session, dispatches: list[DispatchInfo]) -> Sales:
    amount, litres, kg, pending = ZERO_MONEY, ZERO, ZERO, 0
    terms = timelines(session)
    for d in dispatches:
        if d.void:
            continue
        r = d.reception
        if r is not None:
            if not r.rejected:
                amount, litres, kg = amount + r.amount, litres + r.litres, kg + r.kg
            continue
        pending += 1
        density = d.measures.get("density")
        try:
            line = terms[_buyer_id(session, d.buyer)].at(d.day, d.buyer)
            sale = price_sale(
                line,
                d.quantity,
                d.unit,
                d.measures,
                density if isinstance(density, Decimal) else None,
            )
        except (CoopError, KeyError):
            continue  # no terms or quality for it yet: counted as nothing, provisional
        if not sale.rejected:
            amount, litres, kg = amount + sale.amount, litres + sale.litres, kg + sale.kg
    return Sales(amount, litres, kg, pending)


def _buyer_id(session: Session, code: str) -> int:
    from coop_desktop.services.sales.buyers import buyer_by_code

    return buyer_by_code(session, code).id


def expenses_of(conn: Connection, start: date, end: date) -> Decimal:
    rows = fetch_raw(
        conn,
        "SELECT SUM(amount) FROM expense WHERE date >= ? AND date <= ?",
        (date_param(conn, start), date_param(conn, end)),
    )
    return Decimal(int(rows[0][0] or 0)).scaleb(-2)


def margin_report(db: Database, start: date, end: date) -> Margin:
    check_range(start, end)
    with db.read() as session:
        flows = centre_flows(session, start, end)
        bal = report_from(flows, start, end, "centre", Decimal(1)).total
        cost, open_period = milk_cost(session, start, end)
        sold = sales_of(session, start, end)
        spent = expenses_of(session.connection(), start, end)
    return margin(
        litres_bought=bal.accepted_l,
        litres_sold=sold.litres,
        shrinkage_l=bal.shrinkage_l,
        sales=sold.amount,
        milk_cost=cost,
        expenses=spent,
        provisional=open_period or sold.pending > 0,
    )


SALES_INDICATORS = ("producer_share_pct", "buyer_price_per_kg", "shrinkage_pct", "litres_sold")


def sales_figures(db: Database, start: date, end: date) -> dict[str, Decimal | bool | None]:
    """The indicators of selling the milk over a range: the producers' share of the sale,
    what buyers paid per kg (their measure), the shrinkage % of the balance, litres sold."""
    from coop_desktop.core.numbers import quantize

    check_range(start, end)
    with db.read() as session:
        flows = centre_flows(session, start, end)
        bal = report_from(flows, start, end, "centre", Decimal(1)).total
        cost, open_period = milk_cost(session, start, end)
        sold = sales_of(session, start, end)
    m = margin(
        litres_bought=bal.accepted_l,
        litres_sold=sold.litres,
        shrinkage_l=bal.shrinkage_l,
        sales=sold.amount,
        milk_cost=cost,
        expenses=ZERO_MONEY,
        provisional=open_period or sold.pending > 0,
    )
    return {
        "producer_share_pct": m.producer_share_pct,
        "buyer_price_per_kg": None
        if sold.kg == 0
        else quantize(sold.amount / sold.kg, Decimal("0.0001")),
        "shrinkage_pct": bal.shrinkage_pct,
        "litres_sold": sold.litres,
        "provisional": m.provisional,
    }
