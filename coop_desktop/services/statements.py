"""Build monthly statements: every delivery with its quality and price, what each price
factor added or took away, how to earn more, quality against the references, the money.

A closed period's statement is what was stored: its milk lines (unit, unit price, quantity,
amount and the deliveries each line pays) come from `settlement_line`, its money from the
settlement; nothing is priced again, so a scheme imported later cannot change it. An open
period's statement is a draft priced by the one pricing function, delivery by delivery.
Either way a delivery shows the unit price of the line that pays it and its quantity in the
pricing unit, and its amount is that product to the céntimo, so every row multiplies out by
hand. The close rounds once per line, not per delivery: the statement's "Redondeo" is the
difference, at most half a céntimo per delivery (none when the rows already add up).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core.i18n import in_language_of
from coop_desktop.core.numbers import CENT, ZERO, quantize
from coop_desktop.documents.content import Header, StatementDoc, StatementLine
from coop_desktop.domain.periods import PeriodSpan, parse_period
from coop_desktop.domain.practices import NO_PRACTICES
from coop_desktop.domain.pricing.advice import tips
from coop_desktop.domain.pricing.basis import MemberQuality
from coop_desktop.domain.pricing.period import (
    REJECTED,
    DeliveryIn,
    MemberPeriod,
    MilkLine,
    Timeline,
    price_member,
)
from coop_desktop.domain.pricing.reading import PeriodReading
from coop_desktop.domain.settlement import SettlementCalc
from coop_desktop.services.association import load_association
from coop_desktop.services.closeout import inputs as data
from coop_desktop.services.closeout.closing import CloseResult, compute
from coop_desktop.services.document_data import (
    copy_marks,
    header,
    lines_by_settlement,
    member_block,
)
from coop_desktop.services.member_trend import trends
from coop_desktop.services.schemes import load_timeline
from coop_desktop.services.settlement_paper import computed_money, stored_money
from coop_desktop.services.statement_parts import factors, quality_rows, quality_text, tip_text
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Member, Period, Settlement, SettlementLine

MILK_KINDS = ("milk", "rejected")


@dataclass(frozen=True)
class _Period:
    span: PeriodSpan
    timeline: Timeline
    reading: PeriodReading
    deliveries: dict[int, list[DeliveryIn]]
    previous: dict[int, list[DeliveryIn]]
    previous_reading: PeriodReading
    currency: str  # the association's: every amount of a statement is in it

    def context(self, member: int, previous: bool = False) -> MemberPeriod:
        reading = self.previous_reading if previous else self.reading
        return MemberPeriod(
            self.timeline,
            reading.quality.get(member) or MemberQuality([]),
            (self.previous if previous else self.deliveries).get(member, []),
            reading.span,
            self.reading.flags.get(member, NO_PRACTICES),
        )


def stored_lines(lines: list[SettlementLine]) -> tuple[MilkLine, ...]:
    """A settlement's milk lines as stored: unit, unit price, quantity, amount, and the ids
    of the deliveries each pays (its scheme is the one in force on those deliveries' dates:
    the versions a closed period was priced with cannot change)."""
    found = []
    for ln in lines:
        if ln.kind not in MILK_KINDS:
            continue
        ids = tuple(int(i) for i in (ln.deliveries or "").split(",") if i)
        quantity = ln.priced_quantity if ln.priced_quantity is not None else ln.quantity
        rejected = ln.kind == "rejected"
        found.append(
            MilkLine(
                "",
                ln.unit or "",
                ln.unit_price or ZERO,
                quantity or ZERO,
                ln.amount,
                len(ids),
                rejected,
                ln.description.removeprefix("Rechazada: ") if rejected else "",
                ids,
            )
        )
    return tuple(found)


def _adopt_ids(stored: tuple[MilkLine, ...], priced: tuple[MilkLine, ...]) -> tuple[MilkLine, ...]:
    """Closes made before lines kept their deliveries: take them from the line of the same
    price (and reason) of the reference pricing."""
    if all(ln.ids for ln in stored):
        return stored
    by_key = {(p.rejected, p.unit_price, p.reason): p for p in priced}
    result = []
    for ln in stored:
        match = by_key.get((ln.rejected, ln.unit_price, ln.reason))
        ids = ln.ids or (match.ids if match else ())
        unit = ln.unit or (match.unit if match else "")
        result.append(MilkLine("", unit, ln.unit_price, ln.quantity, ln.amount, len(ids),
                               ln.rejected, ln.reason, ids))  # fmt: skip
    return tuple(result)


def statements(
    db: Database,
    code: str,
    member_code: str | Collection[str] | None = None,
    record: bool = False,
) -> list[StatementDoc]:
    """One statement per member with activity (or only of the member code, or codes, given);
    an open period's are drafts (BORRADOR). A
    closed period's statement printed before comes out COPIA; with `record` this build
    counts as a print (the CLI); screens record once the job was sent (`record_prints`)."""
    docs = _statements(db, code, member_code)
    final = [d for d in docs if not d.draft]
    keys = [f"{d.period}/{d.member.code}" for d in final]
    copies = copy_marks(db, "statement", keys, record)
    return [
        replace(d, mark="COPIA") if f"{d.period}/{d.member.code}" in copies else d for d in docs
    ]


def _statements(
    db: Database, code: str, member_code: str | Collection[str] | None
) -> list[StatementDoc]:
    span = parse_period(code)
    with db.read() as session:
        conn = session.connection()
        head = header(session)
        period = session.scalars(select(Period).where(Period.code == span.code)).first()
        closed = period is not None and period.status != "open"
        timeline = load_timeline(session)
        members = {m.id: m for m in session.scalars(select(Member))}
        settled: dict[int, tuple[SettlementCalc | None, Settlement | None]] = {}
        known: dict[str, CloseResult] = {}
        if closed and period is not None:
            rows = session.scalars(
                select(Settlement).where(
                    Settlement.period_id == period.id, Settlement.status != "void"
                )
            ).all()
            settled = {s.member_id: (None, s) for s in rows}
        else:
            result = compute(conn, session, span)
            settled = {mc.member_id: (mc.calc, None) for mc in result.members}
            known[span.code] = result
        codes = (
            None
            if member_code is None
            else {
                c.strip().lower()
                for c in ([member_code] if isinstance(member_code, str) else member_code)
            }
        )
        wanted = [mid for mid in settled if codes is None or members[mid].code.lower() in codes]
        only = None if codes is None else wanted  # a few statements read their members only
        stored_ids = [s.id for m in wanted if (s := settled[m][1]) is not None]
        lines = lines_by_settlement(session, stored_ids) if stored_ids else {}
        reading = data.read_period(conn, span, only=only)
        previous = data.read_period(conn, span.previous(), only=only)
        context = _Period(
            span,
            timeline,
            reading,
            reading.deliveries(),
            previous.deliveries(),
            previous,
            load_association(session).currency,
        )
        docs = []
        for member_id in sorted(wanted, key=lambda i: members[i].code):
            calc, settlement = settled[member_id]
            stored = lines.get(settlement.id, []) if settlement else []
            docs.append(_statement(head, members[member_id], context, calc, settlement, stored))
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


@in_language_of("head.lang")  # the member's statement in the document's language
def _statement(
    head: Header,
    m: Member,
    p: _Period,
    calc: SettlementCalc | None,
    settlement: Settlement | None,
    stored: list[SettlementLine],
) -> StatementDoc:
    ctx = p.context(m.id)
    keys = tuple(dict.fromkeys(k for pr in p.timeline.pricers() for k in pr.needed))
    draft = None
    if settlement is not None:
        milk_lines = stored_lines(stored)
        if not all(ln.ids for ln in milk_lines):
            priced = price_member(p.timeline, ctx.quality, ctx.deliveries, p.span, ctx.flags, True)
            milk_lines = _adopt_ids(milk_lines, priced.lines)
    else:
        draft = price_member(
            p.timeline, ctx.quality, ctx.deliveries, p.span, ctx.flags, collect_missing=True
        )
        milk_lines = draft.lines
    by_id = {d.id: d for d in ctx.deliveries}
    rows: list[StatementLine] = []
    densities: set[Decimal] = set()
    for line in milk_lines:
        for d in (by_id[i] for i in line.ids if i in by_id):
            pricer = p.timeline.at(d.day)
            in_unit, kg, litres = pricer.quantities(d.quantity, d.unit)
            amount = quantize(in_unit * line.unit_price, CENT)
            densities.add(pricer.scheme.density)
            shown = {} if d.rejected else ctx.measures(d, pricer)
            rows.append(
                StatementLine(
                    d.day,
                    d.shift,
                    d.quantity,
                    d.unit,
                    litres,
                    kg,
                    in_unit,
                    line.unit or pricer.scheme.unit,
                    quality_text(shown, keys, head.lang),
                    line.unit_price,
                    amount,
                    (line.reason or REJECTED) if line.rejected else None,
                )
            )
    rows.sort(key=lambda r: (r.day, r.shift))
    daily: dict[object, Decimal] = defaultdict(lambda: ZERO)
    for d in ctx.deliveries:
        if not d.rejected:
            daily[d.day] += p.timeline.at(d.day).quantities(d.quantity, d.unit)[2]
    better = tuple(tip_text(t, head.lang, p.currency) for t in tips(ctx))
    if settlement is not None:
        money = stored_money(settlement, stored)
        kg, litres = settlement.kg, settlement.litres
        number: str | None = f"{settlement.series}-{settlement.number:08d}"
    else:
        assert calc is not None and draft is not None
        money = computed_money(calc)
        kg, litres = draft.kg, draft.litres
        number = None
    return StatementDoc(
        head,
        member_block(m),
        p.span.code,
        p.span.start,
        p.span.end,
        tuple(rows),
        quality_rows(ctx, p.context(m.id, previous=True), keys, head.lang),
        factors(ctx, milk_lines),
        better,
        kg,
        litres,
        money,
        tuple(sorted(densities)),
        tuple(sorted(daily.items())),  # type: ignore[arg-type]
        number,
        draft=settlement is None,
    )
