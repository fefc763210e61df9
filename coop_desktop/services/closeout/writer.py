"""Writing a computed close: settlements with gapless numbers, their lines, the ledger
entries the close generates, the period's control totals and its new status."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from coop_desktop.core.gc_pause import paused_gc
from coop_desktop.core.numbers import TEN
from coop_desktop.domain.pricing.period import MilkLine
from coop_desktop.language import formatting as fmt
from coop_desktop.services.association import load_association
from coop_desktop.services.context import actor, audit, now
from coop_desktop.services.numbering import reserve_numbers
from coop_desktop.storage.bulk import fetch_raw, insert_rows, sqlite_date, sqlite_datetime
from coop_desktop.storage.columns import table_columns
from coop_desktop.storage.models import Period
from coop_desktop.storage.types import MONEY, PRICED_QUANTITY, QUANTITY, UNIT_PRICE

CHUNK = 500


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def totals_json(totals: dict[str, Any]) -> str:
    return json.dumps(_jsonable(totals), sort_keys=True)


def milk_description(line: MilkLine) -> str:
    if line.rejected:
        return f"Rechazada: {line.reason}"
    return _price_text(line.unit_price, line.unit)


@lru_cache(maxsize=4096)
def _price_text(price: Decimal, unit: str) -> str:
    """Cached: a close writes the same few prices for thousands of members."""
    return f"Leche a {fmt.unit_price(price)} por {fmt.unit_label(unit)}"


def _lines(m: Any) -> list[dict[str, Any]]:
    """The settlement's lines; a milk line keeps its unit, its quantity in that unit
    (`priced_quantity`; `quantity` repeats it for kg, L and lb lines, whose quantity has
    three places) and the ids of the deliveries it pays."""
    lines: list[dict[str, Any]] = []
    for ln in m.milk.lines:
        lines.append(
            {
                "kind": "rejected" if ln.rejected else "milk",
                "description": milk_description(ln),
                "quantity": None if ln.unit.startswith("100") else ln.quantity,
                "unit_price": ln.unit_price,
                "amount": ln.amount,
                "unit": ln.unit,
                "priced_quantity": ln.quantity,
                "deliveries": ",".join(map(str, ln.ids)),
            }
        )
    for c in m.calc.credits:
        lines.append(
            {
                "kind": c.kind,
                "description": c.description,
                "quantity": None,
                "unit_price": None,
                "amount": c.amount,
            }
        )
    for d in m.calc.deductions:
        lines.append(
            {
                "kind": d.item.kind,
                "description": d.item.description,
                "quantity": None,
                "unit_price": None,
                "amount": -d.applied,
            }
        )
    for d in m.calc.deductions:
        if d.uncovered:
            lines.append(
                {
                    "kind": "carried_out",
                    "description": d.item.description,
                    "quantity": None,
                    "unit_price": None,
                    "amount": d.uncovered,
                }
            )
    return lines


def line_minor_rows(m: Any) -> list[tuple[Any, ...]]:
    """A settlement's lines as stored: (kind, quantity, unit price, amount) in integer minor
    units, then the description, and for a milk line its unit, its quantity in that unit and
    the deliveries it pays. `coop check` compares stored lines with these."""
    return [
        (
            ln["kind"],
            _minor(_Q, ln["quantity"]),
            _minor(_P, ln["unit_price"]),
            _M.to_minor(ln["amount"]),
            ln["description"],
            ln.get("unit"),
            _minor(_PQ, ln.get("priced_quantity")),
            ln.get("deliveries"),
        )
        for ln in _lines(m)
    ]


SETTLEMENT_COLUMNS = table_columns(
    "settlement", leave_out=("paid_on", "payment_method", "payment_reference", "void_reason")
)
LINE_COLUMNS = (
    "settlement_id",
    "position",
    "kind",
    "description",
    "quantity",
    "unit_price",
    "amount",
    "unit",
    "priced_quantity",
    "deliveries",
)
ENTRY_COLUMNS = (
    "member_id",
    "settlement_id",
    "date",
    "kind",
    "description",
    "amount",
    "loan_id",
    "charge_id",
    "recorded_by",
    "recorded_at",
)


class _Minor:
    """Decimal → integer minor units for the bulk writes: exact values only, like `Fixed`,
    without SQLAlchemy's per-value machinery (a close converts hundreds of thousands)."""

    def __init__(self, scale: int) -> None:
        self.factor = TEN**scale

    def to_minor(self, value: Decimal) -> int:
        scaled = value * self.factor
        minor = int(scaled)
        if minor != scaled:
            raise ValueError(f"{value} has more places than the column keeps")
        return minor


_Q, _M, _P, _PQ = _Minor(QUANTITY), _Minor(MONEY), _Minor(UNIT_PRICE), _Minor(PRICED_QUANTITY)


def _minor(kind: _Minor, value: Decimal | None) -> int | None:
    return None if value is None else kind.to_minor(value)


@paused_gc()
def write_close(session: Session, period: Period, result: Any, progress: Any) -> Any:
    """Write everything with executemany in integer minor units (no ORM object per row)."""
    association = load_association(session)
    series = association.settlement_series
    first = reserve_numbers(session, series, len(result.members))
    stamp, who = now(), actor()
    members = [replace(m, number=f"{series}-{first + i:08d}") for i, m in enumerate(result.members)]
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    # Dates in storage form once (ISO text on SQLite), not once per row.
    end: Any = sqlite_date(period.end_date) if sqlite else period.end_date
    next_start: Any = period.end_date + timedelta(days=1)
    next_start = sqlite_date(next_start) if sqlite else next_start
    when: Any = sqlite_datetime(stamp) if sqlite else stamp
    insert_rows(
        conn,
        "settlement",
        SETTLEMENT_COLUMNS,
        [
            (
                period.id,
                m.member_id,
                series,
                first + i,
                _Q.to_minor(m.milk.kg),
                _Q.to_minor(m.milk.litres),
                _M.to_minor(m.calc.gross),
                _M.to_minor(m.calc.credit_total),
                _M.to_minor(m.calc.applied_total),
                _M.to_minor(m.calc.carried_in),
                _M.to_minor(m.calc.carried_out),
                _M.to_minor(m.calc.net),
                "issued",
                when,
            )
            for i, m in enumerate(members)
        ],
        adapted=sqlite,
    )
    ids = dict(
        fetch_raw(
            conn,
            "SELECT member_id, id FROM settlement WHERE period_id = ? AND "
            "series = ? AND number >= ?",
            (period.id, series, first),
        )
    )
    total = len(members)
    for offset in range(0, total, CHUNK):
        line_rows: list[tuple[Any, ...]] = []
        entries: list[tuple[Any, ...]] = []
        for m in members[offset : offset + CHUNK]:
            sid = ids[m.member_id]
            for position, row in enumerate(line_minor_rows(m), start=1):
                line_rows.append((sid, position, row[0], row[4], *row[1:4], *row[5:8]))
            entries += _entries(m, sid, period.code, end, next_start, who, when)
        insert_rows(conn, "settlement_line", LINE_COLUMNS, line_rows, adapted=sqlite)
        insert_rows(conn, "ledger_entry", ENTRY_COLUMNS, entries, adapted=sqlite)
        if progress:
            progress("write", min(offset + CHUNK, total), total)
    totals = result.totals()
    period.totals = totals_json({**totals, "inputs": result.inputs.to_json()})
    period.status = "closed"
    period.closed_at = stamp
    period.closed_by = who
    audit(
        session,
        "close",
        "period",
        period.code,
        after=_jsonable(
            {
                **totals,
                "first_number": f"{series}-{first:08d}",
                # which member got which number (`coop check` sees two numbers swapped)
                "settlements": [[m.member_id, first + i] for i, m in enumerate(members)],
            }
        ),
    )
    session.flush()
    return replace(result, members=tuple(members))


def _entries(
    m: Any, sid: int, code: str, end: Any, next_start: Any, who: str, stamp: Any
) -> list[tuple[Any, ...]]:
    """The ledger entries a close generates: the milk credit, the charges and instalments it
    applied by itself, and each uncovered debt carried to the next period (dates and times
    already in storage form)."""
    rows: list[tuple[Any, ...]] = []
    if m.calc.gross:
        rows.append(
            (
                m.member_id,
                sid,
                end,
                "milk",
                f"Leche del periodo {code}",
                _M.to_minor(m.calc.gross),
                None,
                None,
                who,
                stamp,
            )
        )
    for d in m.calc.deductions:
        item = d.item
        if item.entry_id is None:
            rows.append(
                (
                    m.member_id,
                    sid,
                    end,
                    item.kind,
                    item.description,
                    -_M.to_minor(item.amount),
                    item.loan_id,
                    item.charge_id,
                    who,
                    stamp,
                )
            )
        if d.uncovered:
            left = _M.to_minor(d.uncovered)
            rows.append(
                (
                    m.member_id,
                    sid,
                    end,
                    "carried",
                    f"Pasa al periodo siguiente: {item.description}",
                    left,
                    None,
                    None,
                    who,
                    stamp,
                )
            )
            rows.append(
                (
                    m.member_id,
                    sid,
                    next_start,
                    "carried",
                    f"Saldo de {fmt.period(code)}: {item.description}",
                    -left,
                    None,
                    None,
                    who,
                    stamp,
                )
            )
    return rows
