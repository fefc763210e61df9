"""`coop check` for the money: every stored figure recomputed and compared.

- Each settlement on its own face: net = gross + credits − deductions; gross, credits,
  deductions and carried-out equal the sums of its lines; a milk line's amount is its
  quantity × unit price (to the unit price's rounding).
- Each settlement against the ledger: its milk credit is in the ledger, a paid settlement has
  exactly one payment entry for its net (none when unpaid), a void one has its reason.
- Each closed period priced again with the close's own function, as of the close (the
  deduction order and certifications it used are stored with the period): every settlement
  and line must come out the same, and every member who delivered must have one.
- Each document series: no number twice, no gap (settlements, advance receipts), the
  counter at or past the highest number; every protective trigger present on this engine.
- The audit trail holds the close of every closed period and the payment of every paid one.
Each problem names the row it found.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from coop_desktop.core.numbers import CENT, TEN_THOUSANDTH, D, from_minor
from coop_desktop.domain.periods import parse_period

PRICED = D("0.00001")  # settlement_line.priced_quantity
PRICE = TEN_THOUSANDTH
MILK_KINDS = ("milk", "rejected")


def _money(minor: int | None) -> Decimal:
    return from_minor(minor or 0, 2)


def _series_problems(
    label: str, numbers: list[int], counter: int | None, gapless: bool
) -> list[str]:
    problems = []
    counts = Counter(numbers)
    for number, times in sorted(counts.items()):
        if times > 1:
            problems.append(f"serie {label}: el número {number:08d} está emitido {times} veces")
    if numbers:
        top = max(numbers)
        if counter is None or counter < top:
            problems.append(
                f"serie {label}: el contador ({counter}) está por debajo del número más alto "
                f"emitido ({top:08d}); se volvería a emitir"
            )
        elif gapless and counter > top:
            problems.append(
                f"serie {label}: el contador llegó a {counter:08d} pero el número más alto "
                f"que existe es {top:08d}: faltan los últimos"
            )
        if gapless:
            missing = sorted(set(range(1, top + 1)) - set(counts))
            if missing:
                shown = ", ".join(f"{n:08d}" for n in missing[:5])
                problems.append(f"serie {label}: faltan los números {shown}")
    return problems


def series(conn: Connection) -> list[str]:
    counters: dict[str, int] = {
        str(r[0]): int(r[1])
        for r in conn.execute(text("SELECT series, last_number FROM document_counter"))
    }
    skipped = _skipped_by_restores(conn)
    problems: list[str] = []
    groups: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for s, n in conn.execute(text("SELECT series, number FROM settlement")):
        groups[(s, True)].append(int(n))
    for (number,) in conn.execute(
        text("SELECT document_number FROM ledger_entry WHERE document_number IS NOT NULL")
    ):
        head, _, digits = str(number).partition("-")
        if digits.isdigit():
            groups[(head, True)].append(int(digits))
        else:
            problems.append(f"recibo de adelanto con número ilegible «{number}»")
    for s, n in conn.execute(
        text("SELECT ticket_series, ticket_number FROM delivery WHERE ticket_number IS NOT NULL")
    ):
        groups[(s, False)].append(int(n))
    for (label, gapless), numbers in sorted(groups.items()):
        numbers = numbers + sorted(skipped.get(label, set()) - set(numbers)) if gapless else numbers
        problems += _series_problems(label, numbers, counters.get(label), gapless)
    missing = conn.execute(text("SELECT COUNT(*) FROM delivery WHERE ticket_number IS NULL"))
    if missing.scalar():
        problems.append("hay entregas sin número de ticket")
    return problems


def _skipped_by_restores(conn: Connection) -> dict[str, set[int]]:
    """Numbers handed out in data that a restore discarded: never reissued, so never a gap."""
    skipped: dict[str, set[int]] = defaultdict(set)
    for (after,) in conn.execute(
        text("SELECT after FROM audit_log WHERE action = 'restore' AND entity = 'database'")
    ):
        for label, (first, last) in json.loads(after or "{}").get("skipped", {}).items():
            skipped[label] |= set(range(int(first), int(last) + 1))
    return skipped


def settlements_on_their_face(conn: Connection) -> list[str]:
    problems: list[str] = []
    lines: dict[int, list[tuple[str, Decimal | None, int | None, int]]] = defaultdict(list)
    for sid, kind, qty, priced, price, amount in conn.execute(
        text(
            "SELECT settlement_id, kind, quantity, priced_quantity, unit_price, amount "
            "FROM settlement_line"
        )
    ):  # a 100 lb or 100 kg milk line keeps its quantity to 1/100000 (priced_quantity)
        exact_qty = (
            D(priced) * PRICED if priced is not None
            else None if qty is None else from_minor(qty, 3)
        )  # fmt: skip
        lines[sid].append((kind, exact_qty, price, amount))
    for row in conn.execute(
        text(
            "SELECT s.id, s.series, s.number, s.gross, s.credits, s.deductions, s.carried_out, "
            "s.net, s.status, s.void_reason, s.paid_on, p.code FROM settlement s JOIN period p "
            "ON p.id = s.period_id"
        )
    ):
        sid, series_, number, gross, credits, deductions, carried_out, net = row[:8]
        status, void_reason, paid_on, code = row[8:]
        name = f"{code}: liquidación {series_}-{number:08d}"
        own = lines.get(sid, [])
        milk = sum(a for k, _q, _p, a in own if k in MILK_KINDS)
        carried = sum(a for k, _q, _p, a in own if k == "carried_out")
        taken = -sum(a for k, _q, _p, a in own if k not in MILK_KINDS and a < 0)
        given = sum(a for k, _q, _p, a in own if k not in (*MILK_KINDS, "carried_out") and a > 0)
        for label, stored, from_lines in (
            ("bruto", gross, milk),
            ("abonos", credits, given),
            ("descuentos", deductions, taken),
            ("pasa al periodo siguiente", carried_out, carried),
        ):
            if stored != from_lines:
                problems.append(
                    f"{name}: {label} guardado {_money(stored)} ≠ "
                    f"{_money(from_lines)} de sus líneas"
                )
        if net != gross + credits - deductions:
            problems.append(f"{name}: neto {_money(net)} ≠ bruto + abonos − descuentos")
        if net < 0:
            problems.append(f"{name}: neto negativo ({_money(net)})")
        for kind, qty, price, amount in own:
            if kind == "milk" and qty is not None and price is not None:
                exact = qty * D(price) * PRICE
                slack = qty * PRICE / 2 + CENT / 2
                if abs(exact - _money(amount)) > slack:
                    problems.append(
                        f"{name}: línea de leche {qty} × {D(price) * PRICE} ≠ {_money(amount)}"
                    )
        if status == "void" and not void_reason:
            problems.append(f"{name}: anulada sin motivo")
        if status == "paid" and paid_on is None:
            problems.append(f"{name}: pagada sin fecha de pago")
        if status not in ("issued", "paid", "void"):
            problems.append(f"{name}: estado desconocido «{status}»")
    return problems


def settlements_against_ledger(conn: Connection) -> list[str]:
    """Milk credits and payments in the ledger match the settlements they belong to."""
    problems: list[str] = []
    reversed_ = {
        r[0]
        for r in conn.execute(
            text("SELECT reverses_id FROM ledger_entry WHERE reverses_id IS NOT NULL")
        )
    }
    chain: dict[int, tuple[int, int]] = {}  # settlement id → (period id, member id)
    current: dict[tuple[int, int], Any] = {}
    voided: list[Any] = []
    for row in conn.execute(
        text(
            "SELECT s.id, s.period_id, s.member_id, s.series, s.number, s.gross, s.net, "
            "s.status, p.code, p.status FROM settlement s JOIN period p ON p.id = s.period_id"
        )
    ):
        chain[row[0]] = (row[1], row[2])
        if row[7] == "void":
            voided.append(row)
        elif (row[1], row[2]) in current:
            other = current[(row[1], row[2])]
            problems.append(
                f"{row[8]}: el socio {row[2]} tiene dos liquidaciones vigentes "
                f"({other[3]}-{other[4]:08d} y {row[3]}-{row[4]:08d})"
            )
        else:
            current[(row[1], row[2])] = row
    milk: dict[tuple[int, int], int] = defaultdict(int)
    paid: dict[int, list[int]] = defaultdict(list)
    for eid, sid, kind, amount in conn.execute(
        text(
            "SELECT id, settlement_id, kind, amount FROM ledger_entry WHERE "
            "settlement_id IS NOT NULL AND reverses_id IS NULL AND kind IN ('milk', 'payment')"
        )
    ):
        if eid in reversed_ or sid not in chain:
            continue
        if kind == "milk":
            milk[chain[sid]] += amount
        else:
            paid[sid].append(amount)
    for key in set(milk) | set(current):
        found = current.get(key)
        gross = found[5] if found is not None and found[9] != "open" else 0
        if milk.get(key, 0) != gross:
            who = (
                f"{found[8]}: liquidación {found[3]}-{found[4]:08d}"
                if found is not None
                else f"socio {key[1]}"
            )
            problems.append(
                f"{who}: leche abonada en la cuenta {_money(milk.get(key, 0))} ≠ bruto "
                f"{_money(gross)}"
            )
    for row in current.values():
        sid, net, status = row[0], row[6], row[7]
        name = f"{row[8]}: liquidación {row[3]}-{row[4]:08d}"
        payments = paid.get(sid, [])
        if status == "paid" and net and payments != [-net]:
            problems.append(
                f"{name}: marcada pagada, pero la cuenta tiene {len(payments)} pagos vigentes "
                f"({', '.join(str(_money(-p)) for p in payments) or 'ninguno'}) en vez de uno "
                f"de {_money(net)}"
            )
        if status == "issued" and payments:
            problems.append(f"{name}: por pagar pero la cuenta tiene un pago registrado")
    for row in voided:
        if paid.get(row[0]):
            problems.append(
                f"{row[8]}: liquidación {row[3]}-{row[4]:08d} anulada con un pago vigente"
            )
    return problems


def closes_recomputed(conn: Connection) -> list[str]:
    """Each closed period priced again by the close's own function, as it was closed."""
    from coop_desktop.services.closeout.closing import CloseInputs, compute

    problems: list[str] = []
    periods = conn.execute(
        text("SELECT id, code, totals FROM period WHERE status <> 'open' ORDER BY start_date")
    ).all()
    if not periods:
        return problems
    session = Session(bind=conn)
    codes: dict[int, str] = {
        int(r[0]): str(r[1]) for r in conn.execute(text("SELECT id, code FROM member"))
    }
    for period_id, code, totals_text in periods:
        stored = json.loads(totals_text or "{}")
        inputs = CloseInputs.from_json(stored.get("inputs", {}))
        result = compute(conn, session, parse_period(code), collect_missing=False, inputs=inputs)
        fresh = {m.member_id: m for m in result.members}
        kept = {
            r[1]: r
            for r in conn.execute(
                text(
                    "SELECT id, member_id, kg, litres, gross, credits, deductions, carried_in, "
                    "carried_out, net, series, number FROM settlement WHERE period_id = :p AND "
                    "status <> 'void'"
                ),
                {"p": period_id},
            )
        }
        lines: dict[int, Counter[tuple[Any, ...]]] = defaultdict(Counter)
        listed: set[int] = set()  # settlements whose milk lines name their deliveries
        for sid, kind, qty, price, amount, priced, deliveries in conn.execute(
            text(
                "SELECT l.settlement_id, l.kind, l.quantity, l.unit_price, l.amount, "
                "l.priced_quantity, l.deliveries FROM settlement_line l JOIN settlement s ON "
                "s.id = l.settlement_id WHERE s.period_id = :p AND s.status <> 'void'"
            ),
            {"p": period_id},
        ):
            lines[sid][(kind, qty, price, amount, priced, deliveries)] += 1
            if deliveries is not None:
                listed.add(sid)
        for member_id in sorted(set(fresh) | set(kept)):
            m, row = fresh.get(member_id), kept.get(member_id)
            who = codes.get(member_id, member_id)
            if row is None:
                problems.append(f"{code}: el socio {who} tiene movimientos pero no liquidación")
                continue
            name = f"{code}: liquidación {row[10]}-{row[11]:08d} ({who})"
            if m is None:
                problems.append(f"{name}: no hay entregas ni movimientos que la respalden")
                continue
            expected = (
                m.milk.kg,
                m.milk.litres,
                m.calc.gross,
                m.calc.credit_total,
                m.calc.applied_total,
                m.calc.carried_in,
                m.calc.carried_out,
                m.calc.net,
            )
            stored_row = (
                from_minor(row[2], 3),
                from_minor(row[3], 3),
                *(_money(v) for v in row[4:10]),
            )
            labels = (
                "kg",
                "litros",
                "bruto",
                "abonos",
                "descuentos",
                "deuda anterior",
                "pasa",
                "neto",
            )
            for label, got, want in zip(labels, stored_row, expected, strict=True):
                if got != want:
                    problems.append(f"{name}: {label} guardado {got} ≠ {want} al recalcular")
            if lines[row[0]] != _expected_lines(m, row[0] in listed):
                problems.append(
                    f"{name}: sus líneas (cantidades, precios, montos o las entregas que pagan) "
                    "no coinciden con las entregas recalculadas"
                )
    return problems


def _expected_lines(m: Any, listed: bool) -> Counter[tuple[Any, ...]]:
    """(kind, quantity, unit price, amount, priced quantity, deliveries) of each line a close
    writes; lines written before milk lines named their deliveries (0006) compare without
    the last two."""
    from coop_desktop.services.closeout.writer import line_minor_rows

    rows = line_minor_rows(m)
    if listed:
        return Counter((*row[:4], row[6], row[7]) for row in rows)
    return Counter((*row[:4], None, None) for row in rows)


def entries_match_their_audit(conn: Connection) -> list[str]:
    """Each account movement typed by a person (advance, input, adjustment, …) is as its
    audit record says, and none exists without one: an edit or deletion made with the
    triggers dropped shows here (the audit trail itself is verified by its hash chain)."""
    problems: list[str] = []
    recorded: dict[int, dict[str, Any]] = {}
    ranges: list[tuple[int, int]] = []
    for entity_id, action, after in conn.execute(
        text(
            "SELECT entity_id, action, after FROM audit_log WHERE entity = 'ledger_entry' "
            "AND action IN ('create', 'demo')"
        )
    ):
        data = json.loads(after or "{}")
        if action == "demo":
            ranges.append((int(data.get("first", 0)), int(data.get("last", -1))))
        elif entity_id is not None and str(entity_id).isdigit():
            recorded[int(entity_id)] = data
    rows = {
        r[0]: r
        for r in conn.execute(
            text(
                "SELECT id, member_id, date, kind, amount, document_number FROM ledger_entry "
                "WHERE settlement_id IS NULL AND reverses_id IS NULL"
            )
        )
    }
    for entry_id, data in sorted(recorded.items()):
        row = rows.get(entry_id)
        if row is None:
            if not conn.execute(
                text("SELECT 1 FROM ledger_entry WHERE id = :i"), {"i": entry_id}
            ).first():
                problems.append(f"movimiento {entry_id}: registrado en la auditoría, ya no existe")
            continue
        stored_amount = str(_money(row[4]))
        receipt = data.get("document_number", row[5])  # a receipt number swapped shows too
        if (str(row[3]), str(row[2])[:10], stored_amount, row[5]) != (
            str(data.get("kind")),
            str(data.get("date"))[:10],
            str(D(str(data.get("amount", "0"))).quantize(CENT)),
            receipt,
        ) or int(data.get("member_id", -1)) != row[1]:
            problems.append(
                f"movimiento {entry_id} ({row[3]}): no coincide con lo que registró la auditoría"
            )
    for entry_id, row in sorted(rows.items()):
        if entry_id not in recorded and not any(a <= entry_id <= b for a, b in ranges):
            problems.append(
                f"movimiento {entry_id} ({row[3]}, {_money(row[4])}): no hay registro de "
                "quién lo hizo"
            )
    return problems


def audit_covers(conn: Connection) -> list[str]:
    """Every closed period's close and every paid settlement's payment are in the audit."""
    problems: list[str] = []
    closes = {
        r[0]
        for r in conn.execute(
            text("SELECT entity_id FROM audit_log WHERE action = 'close' AND entity = 'period'")
        )
    }
    for (code,) in conn.execute(text("SELECT code FROM period WHERE status <> 'open'")):
        if code not in closes:
            problems.append(f"{code}: cerrado, pero la auditoría no registra su cierre")
    paid_ids: set[int] = set()
    for (after,) in conn.execute(
        text("SELECT after FROM audit_log WHERE action = 'pay' AND entity = 'period'")
    ):
        paid_ids |= {int(i) for i in json.loads(after or "{}").get("settlements", [])}
    for sid, series_, number in conn.execute(
        text("SELECT id, series, number FROM settlement WHERE status = 'paid'")
    ):
        if sid not in paid_ids:
            problems.append(
                f"liquidación {series_}-{number:08d}: pagada, pero la auditoría no registra el pago"
            )
    return problems


def schema_intact(conn: Connection) -> list[str]:
    from coop_desktop.services.closeout.check_schema import schema_intact as intact

    return intact(conn)


MONEY_CHECKS = (
    schema_intact,
    series,
    settlements_on_their_face,
    settlements_against_ledger,
    closes_recomputed,
    audit_covers,
    entries_match_their_audit,
)
