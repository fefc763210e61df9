"""Build monthly statements: every delivery priced on its own, the price factors of the
period, what a better band would have paid, quality against the references, the money."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop import formatting as fmt
from coop_desktop.documents.dto import Amount, Header, QualityRow, StatementDoc, StatementLine
from coop_desktop.domain.measures import MEASURES, out_of_reference
from coop_desktop.domain.periods import PeriodSpan, parse_period
from coop_desktop.domain.pricing import model as pm
from coop_desktop.domain.pricing.basis import MemberQuality, weighted
from coop_desktop.domain.pricing.engine import CENT, Pricer
from coop_desktop.domain.pricing.period import (
    DeliveryIn,
    MilkLine,
    PricedDelivery,
    Timeline,
    price_member,
)
from coop_desktop.domain.settlement import SettlementCalc
from coop_desktop.numbers import ZERO, ZERO_MONEY, quantize
from coop_desktop.services.closeout import CloseResult, compute
from coop_desktop.services.documents import copy_marks, header, lines_by_settlement, member_block
from coop_desktop.services.member_trend import trends
from coop_desktop.services.period_data import PeriodData, load_period
from coop_desktop.services.schemes import load_timeline
from coop_desktop.services.settlement_paper import computed_money, stored_money
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Member, Period, Settlement, SettlementLine

SHORT = {
    "fat": "Grasa",
    "protein": "Prot.",
    "st": "ST",
    "snf": "SNF",
    "density": "Dens.",
    "acidity": "Acidez",
    "ufc": "UFC",
    "scc": "CCS",
    "tram": "TRAM",
    "temperature": "Temp.",
    "added_water": "Agua",
}


def _shown(key: str, value: Decimal) -> str:
    return fmt.count(value) if MEASURES[key].scale == 0 else fmt.as_recorded(value)


def _quality_text(measures: Mapping[str, Decimal | bool], keys: tuple[str, ...]) -> str:
    """Short, one line per delivery: "ST 12.13 % · UFC 118,280"."""
    parts = []
    for key in keys:
        value = measures.get(key)
        if isinstance(value, Decimal):
            unit = " %" if MEASURES[key].unit == "%" else ""
            parts.append(f"{SHORT.get(key, key)} {_shown(key, value)}{unit}")
    return " · ".join(parts) or "sin análisis"


def _factors(
    milk_lines: tuple[MilkLine, ...],
    priced: tuple[PricedDelivery, ...],
    pricers: dict[str, Pricer],
    flags: frozenset[str],
) -> tuple[tuple[Amount, ...], tuple[str, ...]]:
    """Sum each price factor over the milk lines; and what the next better band or step of
    each factor would have added."""
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO_MONEY)
    better: dict[str, Decimal] = defaultdict(lambda: ZERO_MONEY)
    better_text: dict[str, str] = {}
    for line in milk_lines:
        if line.rejected or not line.unit_price:
            continue
        pricer = pricers[line.scheme]
        sample = next(
            p
            for p in priced
            if p.scheme == line.scheme and p.unit_price == line.unit_price and not p.rejected
        )
        cooled = {"cooled"} if sample.delivery.cooled else set()
        volume = sum(
            (p.quantity for p in priced if not p.rejected and p.scheme == line.scheme), ZERO
        )
        _price, _amount, lines, _warn = pricer.explain(
            line.quantity, sample.quality, flags | cooled, volume
        )
        for ln in lines:
            totals[ln.label] += ln.amount
        for c in pricer.scheme.components:
            gain, text = _next_better(c, sample.quality)
            if gain > 0:
                better[c.label] += quantize(gain * line.quantity, CENT)
                better_text[c.label] = text
    factors = tuple(Amount(label, amount) for label, amount in totals.items())
    hints = tuple(
        f"Con {better_text[label]} habría recibido {fmt.money(amount)} más."
        for label, amount in better.items()
        if amount > 0
    )
    return factors, hints


def _next_better(c: pm.Component, quality: Mapping[str, Decimal | bool]) -> tuple[Decimal, str]:
    if isinstance(c, pm.Bands):
        value = quality.get(c.measure)
        if not isinstance(value, Decimal):
            return ZERO, ""
        current = next((b for b in c.bands if b.contains(value)), None)
        if current is None:
            return ZERO, ""
        higher = [b for b in c.bands if b.amount > current.amount]
        if not higher:
            return ZERO, ""
        target = min(higher, key=lambda b: b.amount)
        name = f"{c.label.lower()} clase {target.label}" if target.label else c.label.lower()
        return target.amount - current.amount, name
    if isinstance(c, pm.Steps):
        value = quality.get(c.measure)
        if not isinstance(value, Decimal) or not c.bonus:
            return ZERO, ""
        if c.max_bonus is not None and (value - c.reference) >= c.max_bonus / c.bonus * c.step:
            return ZERO, ""
        gain = c.bonus if value >= c.reference - c.step else c.penalty
        return gain, f"{fmt.as_recorded(c.step)} puntos más de {c.label.lower()}"
    return ZERO, ""


def _quality_rows(
    used: Mapping[str, Decimal | bool],
    previous: Mapping[str, Decimal | bool],
    keys: tuple[str, ...],
) -> tuple[QualityRow, ...]:
    rows = []
    for key in keys:
        m = MEASURES.get(key)
        value = used.get(key)
        if m is None or m.boolean or not isinstance(value, Decimal):
            continue
        low = f"≥ {_shown(key, m.ref_low)}" if m.ref_low is not None else ""
        high = f"≤ {_shown(key, m.ref_high)}" if m.ref_high is not None else ""
        before = previous.get(key)
        rows.append(
            QualityRow(
                f"{m.label_es} ({m.unit})" if m.unit else m.label_es,
                _shown(key, value),
                " ".join(x for x in (low, high) if x) or "—",
                _quality_text({key: before}, (key,)).removeprefix(m.label_es + " ")
                if isinstance(before, Decimal)
                else "—",
                not out_of_reference(key, value),
            )
        )
    return tuple(rows)


def statements(
    db: Database, code: str, member_code: str | None = None, record: bool = False
) -> list[StatementDoc]:
    """One statement per member with activity; an open period's are drafts (BORRADOR). A
    closed period's statement printed before comes out COPIA; with `record` this build
    counts as a print (the CLI); screens record once the job was sent (`record_prints`)."""
    docs = _statements(db, code, member_code)
    final = [d for d in docs if not d.draft]
    keys = [f"{d.period}/{d.member.code}" for d in final]
    copies = copy_marks(db, "statement", keys, record)
    return [
        replace(d, mark="COPIA") if f"{d.period}/{d.member.code}" in copies else d for d in docs
    ]


def _statements(db: Database, code: str, member_code: str | None) -> list[StatementDoc]:
    span = parse_period(code)
    with db.read() as session:
        conn = session.connection()
        head = header(session)
        period = session.scalars(select(Period).where(Period.code == span.code)).first()
        closed = period is not None and period.status != "open"
        timeline = load_timeline(session)
        pricers = {p.scheme.name: p for p in timeline.pricers()}
        members = {m.id: m for m in session.scalars(select(Member))}
        settled: dict[int, tuple[SettlementCalc | None, Settlement | None]] = {}
        lines: dict[int, list[SettlementLine]] = {}
        known: dict[str, CloseResult] = {}
        if closed and period is not None:
            rows = session.scalars(
                select(Settlement).where(
                    Settlement.period_id == period.id, Settlement.status != "void"
                )
            ).all()
            settled = {s.member_id: (None, s) for s in rows}
            lines = lines_by_settlement(session, [s.id for s in rows])
        else:
            result = compute(conn, session, span)
            settled = {mc.member_id: (mc.calc, None) for mc in result.members}
            known[span.code] = result
        period_data = load_period(conn, span)
        prev = span.previous()
        docs = []
        wanted = [
            mid
            for mid in settled
            if member_code is None or members[mid].code.lower() == member_code.strip().lower()
        ]
        for member_id in sorted(wanted, key=lambda i: members[i].code):
            calc, settlement = settled[member_id]
            m = members[member_id]
            docs.append(
                _statement(
                    head,
                    m,
                    span,
                    prev,
                    timeline,
                    pricers,
                    period_data,
                    calc,
                    settlement,
                    lines.get(settlement.id, []) if settlement else [],
                )
            )
        return _with_trends(session, span, docs, {members[i].code: i for i in wanted}, known)


def _with_trends(
    session: Session,
    span: PeriodSpan,
    docs: list[StatementDoc],
    ids: dict[str, int],
    known: dict[str, CloseResult],
) -> list[StatementDoc]:
    """Each statement with the member's last six periods (`services/member_trend.py`)."""
    found = trends(session, span, ids.values(), known)
    return [replace(d, trend=found.get(ids[d.member.code], ())) for d in docs]


def _statement(
    head: Header,
    m: Member,
    span: PeriodSpan,
    prev: PeriodSpan,
    timeline: Timeline,
    pricers: dict[str, Pricer],
    period_data: PeriodData,
    calc: SettlementCalc | None,
    settlement: Settlement | None,
    lines: list[SettlementLine],
) -> StatementDoc:
    deliveries: list[DeliveryIn] = period_data.deliveries.get(m.id, [])
    quality: MemberQuality = period_data.quality.get(m.id, MemberQuality([]))
    flags = period_data.members[m.id].flags if m.id in period_data.members else frozenset()
    milk = price_member(timeline, quality, deliveries, span, flags, collect_missing=True)
    keys = tuple(dict.fromkeys(k for p in pricers.values() for k in p.needed))
    used = next((p.quality for p in milk.deliveries if not p.rejected), {})
    before_samples = [s for s in quality.samples if prev.start <= s.day <= prev.end]
    previous = weighted(before_samples, [1] * len(before_samples), keys) if before_samples else {}
    factors, better = _factors(milk.lines, milk.deliveries, pricers, flags)
    daily: dict[date, Decimal] = defaultdict(lambda: ZERO)
    for p in milk.deliveries:
        if not p.rejected:
            daily[p.delivery.day] += p.litres
    statement_lines = tuple(
        StatementLine(
            p.delivery.day,
            p.delivery.shift,
            p.delivery.quantity,
            p.delivery.unit,
            p.litres,
            p.kg,
            p.quantity,
            p.unit,
            _quality_text(p.quality, keys),
            p.unit_price,
            p.amount,
            p.reason if p.rejected else None,
        )
        for p in milk.deliveries
    )
    densities = tuple(sorted({pricers[p.scheme].scheme.density for p in milk.deliveries}))
    if settlement is not None:
        money = stored_money(settlement, lines)
        number: str | None = f"{settlement.series}-{settlement.number:08d}"
    else:
        assert calc is not None
        money = computed_money(calc)
        number = None
    return StatementDoc(
        head,
        member_block(m),
        span.code,
        span.start,
        span.end,
        statement_lines,
        _quality_rows(used, previous, keys),
        factors,
        better,
        milk.kg,
        milk.litres,
        money,
        densities,
        tuple(sorted(daily.items())),
        number,
        draft=settlement is None,
    )
