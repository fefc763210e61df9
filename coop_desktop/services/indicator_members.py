"""A member's facts over a range — whole, or in parts where its practices changed inside the
range, so that the indicators by practice count milk with the practices held on its date."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Connection

from coop_desktop.core.errors import Refused
from coop_desktop.core.numbers import ZERO, D
from coop_desktop.domain import indicator_figures as ind
from coop_desktop.domain.pricing.period import Timeline
from coop_desktop.domain.pricing.reading import as_date
from coop_desktop.services import indicator_data as data
from coop_desktop.services.closeout.inputs import date_param
from coop_desktop.storage.bulk import fetch_raw


def split_by_practice(
    conn: Connection,
    facts: dict[int, ind.MemberFacts],
    people: dict[int, data.MemberRow],
    money: Sequence[data.PeriodMoney],
    timeline: Timeline,
    classes: tuple[ind.QualityClass, ...],
    first: date,
    last: date,
) -> Iterator[ind.MemberFacts]:
    """Each member's facts split where its practices changed inside the range: milk counts
    with the practices held on its day. A period in which a practice started or ended is
    divided in proportion to the accepted quantity delivered on each side of the change
    (each part rounded half up, the last part the remainder, so the parts add up to what
    the period paid); delivery days and samples fall on their own dates."""
    changing = {m: people[m].held.changes(first, last) for m in facts}
    changing = {m: c for m, c in changing.items() if c}
    for member, f in facts.items():
        if member not in changing:
            yield f
    if not changing:
        return
    by_day = accepted_by_day(conn, sorted(changing), first, last)
    for member, cuts in changing.items():
        who = people[member]
        bounds = [first, *cuts, last + timedelta(days=1)]
        pieces = list(itertools.pairwise(bounds))
        quantities = by_day.get(member, {})
        money_parts: list[data.Money] = [data.NO_MONEY] * len(pieces)
        premium_parts: list[Decimal | None] = [None] * len(pieces)
        for period in money:
            m = period.members.get(member)
            if m is None:
                continue
            span = period.planned.span
            inside = [
                sum(
                    q
                    for d, q in quantities.items()
                    if max(a, span.start) <= d < b and d <= span.end
                )
                for a, b in pieces
            ]
            total = sum(inside)
            shares = [
                (D(q) / total if total else D(int(a <= span.start < b)))
                for q, (a, b) in zip(inside, pieces, strict=True)
            ]
            split = _split(m, shares)
            base = base_on(timeline, span.end)
            for i, part in enumerate(split):
                money_parts[i] = money_parts[i].plus(part)
                extra = data.premium(part, base)
                if extra is not None:
                    premium_parts[i] = (premium_parts[i] or ZERO) + extra
        for i, (a, b) in enumerate(pieces):
            upto = b - timedelta(days=1)
            delivered = [q for d, q in quantities.items() if a <= d <= upto]
            tested = data.samples(conn, a, upto, classes, member=member).get(member)
            yield member_facts(
                who,
                who.held.on(a),
                bool(delivered),
                sum(1 for q in delivered if q),
                money_parts[i],
                premium_parts[i],
                tested,
            )


def _split(m: data.Money, shares: Sequence[Decimal]) -> list[data.Money]:
    """`m` in parts by `shares` (adding to 1): each rounded, the last one the remainder."""
    out: list[data.Money] = []
    taken = data.NO_MONEY
    nonzero = [i for i, share in enumerate(shares) if share]
    for i, share in enumerate(shares):
        if not share:
            out.append(data.NO_MONEY)
        elif i == nonzero[-1]:
            out.append(m.part(share, taken))
        else:
            piece = m.part(share)
            taken = taken.plus(piece)
            out.append(piece)
    return out


def member_facts(
    who: data.MemberRow,
    practices: frozenset[str],
    delivered: bool,
    days: int,
    t: data.Money,
    premium: Decimal | None,
    s: data.MemberSamples | None,
) -> ind.MemberFacts:
    return ind.MemberFacts(
        who.id,
        who.gender,
        who.district,
        who.community,
        who.centre,
        practices,
        delivered,
        days,
        t.litres,
        t.kg,
        t.gross,
        t.net,
        premium,
        t.untested_litres,
        t.untested_kg,
        s.samples if s else 0,
        s.quality if s else {},
        s.classes if s else (),
    )


def base_on(timeline: Timeline, day: date) -> Decimal | None:
    try:
        return ind.base_rate(timeline.at(day).scheme)
    except Refused:
        return None


def accepted_by_day(
    conn: Connection, members: Sequence[int], start: date, end: date
) -> dict[int, dict[date, int]]:
    """Accepted quantity (mL or g as stored) per day with any delivery (0: rejected milk
    alone), for a few members (those whose practices changed inside the range)."""
    out: dict[int, dict[date, int]] = {}
    for i in range(0, len(members), 500):
        part = list(members[i : i + 500])
        for member, day, quantity in fetch_raw(
            conn,
            "SELECT member_id, date, SUM(CASE WHEN rejected THEN 0 ELSE quantity END) "
            f"FROM delivery WHERE member_id IN ({data.placeholders(part)}) AND date >= ? "
            "AND date <= ? GROUP BY member_id, date",
            (*part, date_param(conn, start), date_param(conn, end)),
        ):
            out.setdefault(member, {})[as_date(day)] = int(quantity)
    return out
