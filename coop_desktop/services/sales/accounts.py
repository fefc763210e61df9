"""The buyers' accounts: sales priced on receipt, payments received, the balance; a buyer's
statement per period, and the buyer's own statement (liquidación) compared day by day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError, NotFound, Refused, ValidationError
from coop_desktop.core.numbers import ZERO, ZERO_MONEY, D, parse_number
from coop_desktop.domain import validation as v
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.sales.reconcile import DayDifference, StatementLine, differences
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.date_rule import guard_date
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.services.sales.buyers import BuyerInfo, _info, buyer_by_code
from coop_desktop.services.sales.dispatch_list import DispatchInfo, list_dispatches
from coop_desktop.services.sales.voids import reverse_entry_rows
from coop_desktop.storage.engine import Database
from coop_desktop.storage.sales_models import BuyerEntry


@dataclass(frozen=True, slots=True)
class AccountEntry:
    id: int
    day: date
    kind: str  # sale | payment
    description: str
    reference: str | None
    amount: Decimal  # + owed by the buyer, − paid
    balance: Decimal
    reverses_id: int | None


@dataclass(frozen=True, slots=True)
class BuyerAccount:
    buyer: BuyerInfo
    opening: Decimal
    entries: tuple[AccountEntry, ...]
    sales: Decimal
    payments: Decimal
    balance: Decimal


@requires(Permission.SALES)
def receive_payment(
    db: Database, buyer: str, amount: object, day: date | str, reference: str | None = None
) -> AccountEntry:
    """Money received from a buyer (cash, transfer), with its date and reference."""
    value = v.money(amount)
    if value <= 0:
        raise ValidationError("not_positive", "amount", value=amount)
    when = v.not_future(v.iso_date(day), clock.today())
    ref = v.optional_text(reference)
    with db.write() as session:
        guard_date(session, when)
        b = buyer_by_code(session, buyer)
        entry = BuyerEntry(
            buyer_id=b.id,
            date=when,
            kind="payment",
            amount=-value,
            reference=ref,
            description=("Pago recibido" + (f" ({ref})" if ref else ""))[:200],
            recorded_by=actor(),
            recorded_at=now(),
        )
        session.add(entry)
        session.flush()
        audit(session, "create", "buyer_entry", entry.id, after=row_dict(entry))
        return AccountEntry(entry.id, when, "payment", entry.description, ref, -value, ZERO, None)


@requires(Permission.SALES)
def reverse_payment_entry(db: Database, entry_id: int, reason: str) -> None:
    """A payment recorded by mistake: a reversal entry of the opposite amount."""
    why = v.required_text(reason, "reason", 200)
    with db.write() as session:
        entry = session.get(BuyerEntry, entry_id)
        if entry is None:
            raise NotFound("unknown_buyer_entry", "entry", value=str(entry_id))
        if entry.kind == "sale":
            raise Refused("sale_entry_reversal", "entry", value=str(entry_id))
        done = session.scalars(select(BuyerEntry.id).where(BuyerEntry.reverses_id == entry.id))
        if entry.reverses_id is not None or done.first() is not None:
            raise Refused("entry_reversed", "entry", value=str(entry_id))
        reverse_entry_rows(session, [entry], why)


def _entries(session: Session, buyer_id: int) -> list[BuyerEntry]:
    return list(
        session.scalars(
            select(BuyerEntry)
            .where(BuyerEntry.buyer_id == buyer_id)
            .order_by(BuyerEntry.date, BuyerEntry.id)
        ).all()
    )


def buyer_account(
    db: Database, buyer: str, start: date | None = None, end: date | None = None
) -> BuyerAccount:
    """The account's entries (in a range, after the balance brought forward) and totals."""
    with db.read() as session:
        b = buyer_by_code(session, buyer)
        info = _info(session, b)
        rows = _entries(session, b.id)
    opening = sum((e.amount for e in rows if start is not None and e.date < start), ZERO_MONEY)
    running = opening
    shown = []
    sales = payments = ZERO_MONEY
    for e in rows:
        if (start is not None and e.date < start) or (end is not None and e.date > end):
            continue
        running += e.amount
        if e.kind == "sale":
            sales += e.amount
        else:
            payments -= e.amount
        shown.append(
            AccountEntry(
                e.id, e.date, e.kind, e.description, e.reference, e.amount, running, e.reverses_id
            )
        )
    return BuyerAccount(info, opening, tuple(shown), sales, payments, running)


@dataclass(frozen=True, slots=True)
class BuyerStatement:
    account: BuyerAccount
    start: date
    end: date
    dispatches: tuple[DispatchInfo, ...]  # dispatched in the period, annulled ones left out

    @property
    def received_quantity(self) -> Decimal:
        return sum(
            (
                d.reception.quantity
                for d in self.dispatches
                if d.reception and not d.reception.rejected
            ),
            ZERO,
        )


def buyer_statement(db: Database, buyer: str, start: date, end: date) -> BuyerStatement:
    account = buyer_account(db, buyer, start, end)
    shipped = [d for d in list_dispatches(db, start, end, buyer) if not d.void]
    return BuyerStatement(account, start, end, tuple(shipped))


# -- the buyer's statement, reconciled -----------------------------------------------------
HEADERS = {
    "date": ("fecha", "date", "día", "dia"),
    "quantity": ("cantidad", "quantity", "litros", "kg", "volumen"),
    "fat": ("grasa", "fat", "mg", "% grasa"),
    "amount": ("monto", "amount", "importe", "total", "valor"),
}


@dataclass(frozen=True, slots=True)
class Reconciliation:
    buyer: str
    rows: int
    differences: tuple[DayDifference, ...]


def _column(headers: list[str]) -> dict[str, int]:
    found = {}
    for i, h in enumerate(headers):
        name = str(h or "").strip().lower()
        for key, names in HEADERS.items():
            if name in names and key not in found:
                found[key] = i
    return found


def _cell_date(value: Any, row: int) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for form in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValidationError("bad_date", "date", value=f"{text} (fila {row})")


def _cell_number(value: Any, field: str, comma: bool) -> Decimal:
    if isinstance(value, Decimal | int):
        return D(value)
    text = str(value or "").strip()
    if comma:
        text = text.replace(".", "").replace(",", ".")
    return parse_number(text, field)


def read_statement(path: Path) -> list[StatementLine]:
    from coop_desktop.services.import_read import read_table
    from coop_desktop.services.import_table import ReadOptions

    def known(cells: list[Any]) -> int:
        """How many of the statement's column names a row holds (the header holds most)."""
        return len(set(_column([str(c or "") for c in cells])))

    table = read_table(path, ReadOptions(), known)
    if table.problems:
        raise table.problems[0].error
    cols = _column(table.headers)
    missing = [k for k in ("date", "quantity", "amount") if k not in cols]
    if missing:
        raise ValidationError("statement_columns", "file", value=", ".join(missing))
    comma = table.decimal == "comma"
    lines = []
    for number, cells in table.rows:
        if not any(str(c or "").strip() for c in cells):
            continue
        try:
            fat = cells[cols["fat"]] if "fat" in cols else None
            lines.append(
                StatementLine(
                    _cell_date(cells[cols["date"]], number),
                    _cell_number(cells[cols["quantity"]], "quantity", comma),
                    _cell_number(cells[cols["amount"]], "amount", comma),
                    None if fat in (None, "") else _cell_number(fat, "fat", comma),
                )
            )
        except CoopError as exc:
            raise ValidationError(
                "statement_row", "file", row=number, problem=exc.render()
            ) from exc
    return lines


_MARGIN = timedelta(days=7)  # a reception may come days after its dispatch


def our_lines(db: Database, buyer: str, start: date, end: date) -> list[StatementLine]:
    """Our receptions of the buyer (not annulled, not rejected) by reception date."""
    lines = []
    for d in list_dispatches(db, start - _MARGIN, end, buyer):
        r = d.reception
        if d.void or r is None or r.rejected or not start <= r.day <= end:
            continue
        fat = r.measures.get("fat")
        lines.append(
            StatementLine(r.day, r.quantity, r.amount, fat if isinstance(fat, Decimal) else None)
        )
    return lines


def reconcile(db: Database, buyer: str, path: Path, *, dry_run: bool = False) -> Reconciliation:
    """Every day where the buyer's statement and our receptions differ (quantity, amount or
    fat), over the statement's dates. Recorded in the audit trail unless `dry_run`."""
    theirs = read_statement(path)
    if not theirs:
        raise ValidationError("file_no_rows", "file")
    start, end = min(x.day for x in theirs), max(x.day for x in theirs)
    with db.read() as session:
        code = buyer_by_code(session, buyer).code
    found = differences(our_lines(db, code, start, end), theirs)
    if not dry_run:
        _record_reconciliation(db, code, path.name, len(theirs), found)
    return Reconciliation(code, len(theirs), tuple(found))


@requires(Permission.SALES)
def _record_reconciliation(
    db: Database, buyer: str, file_name: str, rows: int, found: list[DayDifference]
) -> None:
    with db.write() as session:
        audit(
            session,
            "reconcile",
            "buyer",
            buyer,
            after={
                "file": file_name,
                "rows": rows,
                "days": [d.day.isoformat() for d in found],
            },
        )
