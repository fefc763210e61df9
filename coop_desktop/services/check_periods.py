"""`coop check` for closed periods: the stored control totals must equal the settlements, and
the settlements must equal the deliveries priced again with the schemes in force."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from coop_desktop.domain.periods import parse_period
from coop_desktop.domain.pricing.period import Timeline
from coop_desktop.domain.pricing.reading import price_reading
from coop_desktop.domain.settlement import DEDUCTION_KINDS
from coop_desktop.services import close_data as data
from coop_desktop.services.schemes import load_timeline

CENTS = Decimal("0.01")
MILLI = Decimal("0.001")
FROZEN_TRIGGERS = {
    f"{t}_closed_{op}"
    for t in ("delivery", "quality_test", "ledger_entry")
    for op in ("insert", "update", "delete")
}


def triggers_present(conn: Connection) -> list[str]:
    if conn.dialect.name != "sqlite":
        return []
    names = {
        r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    return [
        f"falta el disparador {n} (periodos cerrados sin protección)"
        for n in sorted(FROZEN_TRIGGERS - names)
    ]


def closed_periods_match(conn: Connection) -> list[str]:
    problems: list[str] = []
    periods = conn.execute(
        text("SELECT id, code, totals FROM period WHERE status <> 'open' ORDER BY start_date")
    ).all()
    if not periods:
        return problems
    session = Session(bind=conn)
    timeline = load_timeline(session)
    for period_id, code, totals_text in periods:
        rows = conn.execute(
            text(
                "SELECT id, member_id, kg, litres, gross, credits, deductions, carried_in, "
                "carried_out, net FROM settlement WHERE period_id = :p AND status <> 'void'"
            ),
            {"p": period_id},
        ).all()
        sums = {
            k: 0
            for k in (
                "kg",
                "litres",
                "gross",
                "credits",
                "deductions_total",
                "carried_in",
                "carried_out",
                "net",
            )
        }
        for r in rows:
            if r[9] != r[4] + r[5] - r[6]:
                problems.append(
                    f"{code}: liquidación {r[0]} no cuadra (neto ≠ bruto + abonos − descuentos)"
                )
            for key, value in zip(sums, r[2:], strict=True):
                sums[key] += value
        by_kind: dict[str, int] = {}
        for kind, amount in conn.execute(
            text(
                "SELECT l.kind, SUM(l.amount) FROM settlement_line l JOIN settlement s ON "
                "s.id = l.settlement_id WHERE s.period_id = :p AND s.status <> 'void' AND "
                "l.amount <= 0 GROUP BY l.kind"
            ),
            {"p": period_id},
        ):
            if kind in DEDUCTION_KINDS and amount:
                by_kind[kind] = -int(amount)
        stored = json.loads(totals_text or "{}")
        expected = {
            "members": len(rows),
            "kg": sums["kg"] * MILLI,
            "litres": sums["litres"] * MILLI,
        }
        expected |= {
            k: sums[k] * CENTS
            for k in ("gross", "credits", "deductions_total", "carried_in", "carried_out", "net")
        }
        for key, value in expected.items():
            if key not in stored or Decimal(str(stored[key])) != value:
                problems.append(
                    f"{code}: total de control «{key}» guardado "
                    f"{stored.get(key)} ≠ {value} de las liquidaciones"
                )
        stored_kinds = {k: Decimal(v) for k, v in stored.get("deductions", {}).items()}
        if stored_kinds != {k: v * CENTS for k, v in by_kind.items()}:
            problems.append(f"{code}: descuentos por tipo no coinciden con las liquidaciones")
        problems += _reprice(conn, code, rows, timeline, stored)
    return problems


def _reprice(
    conn: Connection,
    code: str,
    rows: Sequence[Any],
    timeline: Timeline,
    stored: dict[str, Any],
) -> list[str]:
    span = parse_period(code)
    milk = price_reading(
        data.read_period(conn, span, data.pricing_keys(timeline)), timeline, collect_missing=True
    )
    problems = []
    by_member = {r[1]: r for r in rows}
    rejected = sum((m.rejected_litres for m in milk.values()), Decimal("0.000"))
    if Decimal(str(stored.get("rejected_litres", "0"))) != rejected:
        problems.append(f"{code}: litros rechazados guardados ≠ {rejected} de las entregas")
    for member, m in milk.items():
        r = by_member.get(member)
        if r is None:
            problems.append(f"{code}: el socio {member} entregó leche pero no tiene liquidación")
            continue
        if (r[2] * MILLI, r[3] * MILLI, r[4] * CENTS) != (m.kg, m.litres, m.gross):
            problems.append(
                f"{code}: liquidación {r[0]}: kg, litros o bruto ≠ entregas "
                f"valorizadas ({m.kg} kg, {m.gross})"
            )
    return problems
