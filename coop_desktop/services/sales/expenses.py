"""Expenses of the collection business (transport, cleaning, analyzer, staff, other): dated,
with a note; a mistake is reversed by an entry of the opposite amount naming it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, select

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.core.numbers import D
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.sales.margin import EXPENSE_CATEGORIES
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.date_rule import guard_date
from coop_desktop.services.closeout.inputs import date_param
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.sales.voids import reverse_expense_row
from coop_desktop.storage.bulk import fetch_raw
from coop_desktop.storage.engine import Database
from coop_desktop.storage.sales_models import Expense


@dataclass(frozen=True, slots=True)
class ExpenseInfo:
    id: int
    day: date
    category: str
    amount: Decimal
    note: str | None
    reverses_id: int | None
    reversed: bool = False  # a later entry reverses this one


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
        undone = set(
            session.scalars(select(Expense.reverses_id).where(Expense.reverses_id.is_not(None)))
        )
        return [
            ExpenseInfo(e.id, e.date, e.category, e.amount, e.note, e.reverses_id, e.id in undone)
            for e in rows
        ]


def expenses_of(conn: Connection, start: date, end: date) -> Decimal:
    rows = fetch_raw(
        conn,
        "SELECT SUM(amount) FROM expense WHERE date >= ? AND date <= ?",
        (date_param(conn, start), date_param(conn, end)),
    )
    return D(int(rows[0][0] or 0)).scaleb(-2)
