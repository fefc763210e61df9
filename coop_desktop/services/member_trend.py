"""A member's own trend for the statement: the last six periods' litres, total solids, UFC
and price per kg, read the way the indicators read them (stored settlements for closed
periods, the close preview for open ones, marked provisional)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sqlalchemy.orm import Session

from coop_desktop.core.numbers import ONE, TEN_THOUSANDTH, ZERO, ZERO_QUANTITY, quantize
from coop_desktop.documents.content import TrendPoint
from coop_desktop.domain.indicator_figures import mean
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.services import indicator_data as data
from coop_desktop.services.closeout.closing import CloseResult
from coop_desktop.storage.bulk import fetch_raw

TREND_PERIODS = 6
TREND_KEYS = ("st", "ufc")
PRICE_STEP = TEN_THOUSANDTH


def last_periods(span: PeriodSpan, count: int = TREND_PERIODS) -> list[PeriodSpan]:
    """`span` and the periods of its cycle before it, oldest first."""
    spans = [span]
    while len(spans) < count:
        spans.insert(0, spans[0].previous())
    return spans


def trends(
    session: Session,
    span: PeriodSpan,
    member_ids: Collection[int],
    known: Mapping[str, CloseResult] | None = None,
) -> dict[int, tuple[TrendPoint, ...]]:
    """Each member's last six periods ending with `span` (`known`: previews already
    computed, by period code, so a batch of statements prices an open period once)."""
    conn = session.connection()
    spans = last_periods(span)
    closed = dict(
        fetch_raw(
            conn,
            "SELECT code, id FROM period WHERE status != 'open' AND code IN "
            f"({', '.join('?' for _ in spans)})",
            [s.code for s in spans],
        )
    )
    planned = [data.PlannedPeriod(s, closed.get(s.code)) for s in spans]
    money = data.period_money(session, planned, dict(known or {}))
    wanted = set(member_ids)
    points: dict[int, list[TrendPoint]] = {m: [] for m in wanted}
    for p, paid in zip(planned, money, strict=True):
        quality = data.samples(conn, p.span.start, p.span.end, keys=TREND_KEYS)
        for member in wanted:
            m = paid.members.get(member)
            q = quality.get(member)
            averages = {
                key: quantize(mean(sums, key), ONE.scaleb(-2 if key == "st" else 0))
                for key, sums in (q.quality.items() if q else ())
                if sums.count
            }
            priced = m.kg - m.untested_kg if m is not None else ZERO
            price = quantize(m.gross / priced, PRICE_STEP) if m is not None and priced > 0 else None
            points[member].append(
                TrendPoint(
                    p.span.code,
                    m.litres if m is not None else ZERO_QUANTITY,
                    averages.get("st"),
                    averages.get("ufc"),
                    price,
                    p.open,
                )
            )
    return {m: _from_first_activity(ps) for m, ps in points.items()}


def _from_first_activity(points: list[TrendPoint]) -> tuple[TrendPoint, ...]:
    """Periods before the member's first milk or sample are left out (a new member's
    statement does not start with empty columns)."""
    first = next(
        (i for i, pt in enumerate(points) if pt.litres or pt.st is not None or pt.ufc is not None),
        len(points),
    )
    return tuple(points[first:])
