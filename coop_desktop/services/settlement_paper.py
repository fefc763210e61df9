"""A settlement as documents print it: its money item by item (what each deduction was, what
the period covered and what passed on), the milk bought line by line, and the story of a void
(reason, day, replacement). Shared by receipts, statements and the payroll."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core.numbers import ZERO_MONEY
from coop_desktop.documents.content import Amount, Debit, GoodsLine, Money, VoidNote
from coop_desktop.domain.settlement import CREDIT_KINDS, DEDUCTION_KINDS, SettlementCalc
from coop_desktop.storage.models import AuditLog, Member, Period, Settlement, SettlementLine

GOODS_ES = "Leche fresca cruda"


def stored_money(s: Settlement, lines: list[SettlementLine]) -> Money:
    """A closed settlement's credits and debits, item by item, from its stored lines: each
    deduction line holds what was covered (−amount); a "carried_out" line of the same
    description holds what passed to the next period. Uncovered items are always the last
    ones (deductions are covered in priority order), so they are paired from the end."""
    credits = tuple(
        Amount(ln.description, ln.amount)
        for ln in lines
        if ln.kind in CREDIT_KINDS and ln.amount > 0
    )
    debits = [ln for ln in lines if ln.kind in DEDUCTION_KINDS and ln.amount <= 0]
    left: dict[int, Decimal] = {}
    j = len(debits) - 1
    for ln in reversed([x for x in lines if x.kind == "carried_out"]):
        while j >= 0 and debits[j].description != ln.description:
            j -= 1
        if j >= 0:
            left[j] = ln.amount
            j -= 1
    items = tuple(
        Debit(ln.kind, ln.description, -ln.amount + left.get(i, ZERO_MONEY), -ln.amount)
        for i, ln in enumerate(debits)
    )
    return Money(s.gross, credits, items, s.net)


def computed_money(calc: SettlementCalc) -> Money:
    """The same, from a settlement computed for an open period (a draft)."""
    return Money(
        calc.gross,
        tuple(Amount(c.description, c.amount) for c in calc.credits),
        tuple(
            Debit(d.item.kind, d.item.description, d.item.amount, d.applied)
            for d in calc.deductions
        ),
        calc.net,
    )


def goods(lines: list[SettlementLine]) -> tuple[GoodsLine, ...]:
    """The milk bought, one line per unit price, as stored by the close: quantity in the
    unit it was priced in × unit price = value (a 100 lb line: hundredweights to 1/100000).
    Closes made before lines kept their unit wrote it at the end of the description ("Leche a
    1.28 por kg")."""
    found = []
    for ln in lines:
        quantity = ln.priced_quantity if ln.priced_quantity is not None else ln.quantity
        if ln.kind not in ("milk", "rejected") or quantity is None or ln.unit_price is None:
            continue
        if ln.kind == "rejected" and not ln.amount:
            continue  # rejected milk paid nothing: it was not bought
        unit = ln.unit or (
            ln.description.rsplit(" por ", 1)[-1] if " por " in ln.description else "kg"
        )
        label = GOODS_ES if ln.kind == "milk" else f"{GOODS_ES} ({ln.description})"
        found.append(GoodsLine(label, quantity, unit, ln.unit_price, ln.amount))
    return tuple(found)


def number_of(s: Settlement) -> str:
    return f"{s.series}-{s.number:08d}"


def void_notes(
    session: Session, period: Period, rows: list[tuple[Settlement, Member]]
) -> tuple[dict[int, VoidNote], dict[int, str]]:
    """For each voided settlement: its reason, when it was voided and the number issued in
    its place; for each replacement: the number it replaces. A receipt voided on its own is
    replaced by the copy issued at once; a period reopened and closed again replaces each
    settlement with the member's next one."""
    by_member: dict[int, list[Settlement]] = defaultdict(list)
    for s, _m in rows:
        by_member[s.member_id].append(s)
    events = session.execute(
        select(AuditLog.action, AuditLog.entity_id, AuditLog.at).where(
            ((AuditLog.action == "void") & (AuditLog.entity == "settlement"))
            | (
                (AuditLog.action == "reopen")
                & (AuditLog.entity == "period")
                & (AuditLog.entity_id == period.code)
            )
        )
    ).all()
    voided_on = {key: at for action, key, at in events if action == "void"}
    reopened = sorted(at for action, _key, at in events if action == "reopen")
    notes: dict[int, VoidNote] = {}
    replaces: dict[int, str] = {}
    for settlements in by_member.values():
        ordered = sorted(settlements, key=lambda x: x.id)
        for i, s in enumerate(ordered):
            if s.status != "void":
                continue
            when = voided_on.get(number_of(s)) or next(
                (at for at in reopened if at >= s.created_at), None
            )
            after = ordered[i + 1] if i + 1 < len(ordered) else None
            notes[s.id] = VoidNote(
                s.void_reason or "",
                when.date() if when else None,
                number_of(after) if after else None,
            )
            if after is not None:
                replaces[after.id] = number_of(s)
    return notes, replaces
