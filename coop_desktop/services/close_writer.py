"""Writing a computed close: settlements with gapless numbers, their lines, the ledger
entries the close generates, the period's control totals and its new status."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from coop_desktop.numbers import trim
from coop_desktop.services.association import load_association
from coop_desktop.services.context import actor, audit, now
from coop_desktop.storage.models import DocumentCounter, LedgerEntry, Period, Settlement
from coop_desktop.storage.models import SettlementLine as LineRow

CHUNK = 500


def reserve_numbers(session: Session, series: str, count: int) -> int:
    """Reserve `count` consecutive numbers of a series; returns the first. The counter row is
    locked until the transaction ends, so numbering stays gapless under concurrent closes."""
    counter = session.scalars(
        select(DocumentCounter).where(DocumentCounter.series == series).with_for_update()
    ).first()
    if counter is None:
        counter = DocumentCounter(series=series, last_number=0)
        session.add(counter)
        session.flush()
    first = counter.last_number + 1
    counter.last_number += count
    session.flush()
    return first


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def totals_json(totals: dict[str, Any]) -> str:
    return json.dumps(_jsonable(totals), sort_keys=True)


def _lines(m: Any) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for ln in m.milk.lines:
        text = (
            f"Rechazada: {ln.reason}"
            if ln.rejected
            else f"Leche a {trim(ln.unit_price)} por {ln.unit}"
        )
        lines.append(
            {
                "kind": "rejected" if ln.rejected else "milk",
                "description": text,
                "quantity": ln.quantity,
                "unit_price": ln.unit_price,
                "amount": ln.amount,
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


def write_close(session: Session, period: Period, result: Any, progress: Any) -> Any:
    association = load_association(session)
    series = association.settlement_series
    first = reserve_numbers(session, series, len(result.members))
    stamp, who = now(), actor()
    members = [replace(m, number=f"{series}-{first + i:08d}") for i, m in enumerate(result.members)]
    next_start = period.end_date + timedelta(days=1)
    total = len(members)
    for offset in range(0, total, CHUNK):
        chunk = members[offset : offset + CHUNK]
        ids = session.scalars(
            insert(Settlement).returning(Settlement.id, sort_by_parameter_order=True),
            [
                {
                    "period_id": period.id,
                    "member_id": m.member_id,
                    "series": series,
                    "number": first + offset + i,
                    "kg": m.milk.kg,
                    "litres": m.milk.litres,
                    "gross": m.calc.gross,
                    "credits": m.calc.credit_total,
                    "deductions": m.calc.applied_total,
                    "carried_in": m.calc.carried_in,
                    "carried_out": m.calc.carried_out,
                    "net": m.calc.net,
                    "status": "issued",
                    "created_at": stamp,
                }
                for i, m in enumerate(chunk)
            ],
        ).all()
        line_rows: list[dict[str, Any]] = []
        entries: list[dict[str, Any]] = []
        for settlement_id, m in zip(ids, chunk, strict=True):
            for position, line in enumerate(_lines(m), start=1):
                line_rows.append({"settlement_id": settlement_id, "position": position, **line})
            base = {
                "member_id": m.member_id,
                "settlement_id": settlement_id,
                "recorded_by": who,
                "recorded_at": stamp,
                "quantity": None,
                "unit_price": None,
                "product_id": None,
                "corrects_id": None,
                "loan_id": None,
                "charge_id": None,
            }
            if m.calc.gross:
                entries.append(
                    {
                        **base,
                        "date": period.end_date,
                        "kind": "milk",
                        "description": f"Leche del periodo {period.code}",
                        "amount": m.calc.gross,
                    }
                )
            for d in m.calc.deductions:
                item = d.item
                if item.entry_id is None:  # generated by the close: charges and loans
                    entries.append(
                        {
                            **base,
                            "date": period.end_date,
                            "kind": item.kind,
                            "description": item.description,
                            "amount": -item.amount,
                            "loan_id": item.loan_id,
                            "charge_id": item.charge_id,
                        }
                    )
                if d.uncovered:
                    entries.append(
                        {
                            **base,
                            "date": period.end_date,
                            "kind": "carried",
                            "description": f"Pasa al periodo siguiente: {item.description}",
                            "amount": d.uncovered,
                        }
                    )
                    entries.append(
                        {
                            **base,
                            "date": next_start,
                            "kind": "carried",
                            "description": f"Saldo de {period.code}: {item.description}",
                            "amount": -d.uncovered,
                        }
                    )
        session.execute(insert(LineRow), line_rows)
        if entries:
            session.execute(insert(LedgerEntry), entries)
        if progress:
            progress("write", min(offset + CHUNK, total), total)
    totals = result.totals()
    period.totals = totals_json(totals)
    period.status = "closed"
    period.closed_at = stamp
    period.closed_by = who
    audit(
        session,
        "close",
        "period",
        period.code,
        after=_jsonable({**totals, "first_number": f"{series}-{first:08d}"}),
    )
    session.flush()
    return replace(result, members=tuple(members))
