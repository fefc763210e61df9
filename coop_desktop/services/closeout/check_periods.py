"""`coop check` for closed periods: the stored control totals must equal the settlements
(the settlements themselves are priced again in `check_money`)."""

from __future__ import annotations

import json

from sqlalchemy import Connection, text

from coop_desktop.core.numbers import CENT, GRAM, D
from coop_desktop.domain.settlement import DEDUCTION_KINDS


def closed_periods_match(conn: Connection) -> list[str]:
    problems: list[str] = []
    periods = conn.execute(
        text("SELECT id, code, totals FROM period WHERE status <> 'open' ORDER BY start_date")
    ).all()
    if not periods:
        return problems
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
            "kg": sums["kg"] * GRAM,
            "litres": sums["litres"] * GRAM,
        }
        expected |= {
            k: sums[k] * CENT
            for k in ("gross", "credits", "deductions_total", "carried_in", "carried_out", "net")
        }
        for key, value in expected.items():
            if key not in stored or D(str(stored[key])) != value:
                problems.append(
                    f"{code}: total de control «{key}» guardado "
                    f"{stored.get(key)} ≠ {value} de las liquidaciones"
                )
        # A kind owed but not covered at all applies 0.00: no line amount, no difference.
        stored_kinds = {k: D(v) for k, v in stored.get("deductions", {}).items() if D(v)}
        found_kinds = {k: v * CENT for k, v in by_kind.items()}
        for kind in sorted(set(stored_kinds) | set(found_kinds)):
            if stored_kinds.get(kind) != found_kinds.get(kind):
                problems.append(
                    f"{code}: descuentos de tipo «{kind}» guardados {stored_kinds.get(kind, 0)} "
                    f"≠ {found_kinds.get(kind, 0)} de las liquidaciones"
                )
    return problems


def period_status_matches(conn: Connection) -> list[str]:
    """A period is paid when all its current settlements are, closed while one is still to
    pay, open with none current."""
    problems: list[str] = []
    for code, status, issued, paid in conn.execute(
        text(
            "SELECT p.code, p.status, SUM(CASE WHEN s.status = 'issued' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN s.status = 'paid' THEN 1 ELSE 0 END) FROM period p LEFT JOIN "
            "settlement s ON s.period_id = p.id GROUP BY p.id, p.code, p.status ORDER BY p.code"
        )
    ):
        issued, paid = int(issued or 0), int(paid or 0)
        if status == "paid" and issued:
            problems.append(f"{code}: figura pagado, pero {issued} liquidaciones están por pagar")
        elif status == "closed" and paid and not issued:
            problems.append(f"{code}: todas sus liquidaciones están pagadas, pero figura cerrado")
        elif status == "open" and (issued or paid):
            problems.append(f"{code}: figura abierto, pero tiene liquidaciones vigentes")
        elif status not in ("open", "closed", "paid"):
            problems.append(f"{code}: estado desconocido «{status}»")
    return problems
