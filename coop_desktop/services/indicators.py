"""Indicators over any date range, for everyone and per group, against a baseline range.

Read only: one `db.read()` unit of work. The range is widened to whole periods (money is
settled per period): closed periods give what was paid, open ones the close preview, and the
report says which figures are provisional.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import Refused, ValidationError
from coop_desktop.core.numbers import TEN_THOUSANDTH, ZERO, ZERO_QUANTITY, D
from coop_desktop.domain import indicator_figures as ind
from coop_desktop.domain.indicator_groups import GROUPINGS
from coop_desktop.domain.indicator_report import (
    IndicatorReport,
    PeriodRow,
    RangeFacts,
    RangeFigures,
    assemble,
)
from coop_desktop.domain.pricing.period import Timeline
from coop_desktop.domain.roles import Permission
from coop_desktop.language.formatting import day as shown_day
from coop_desktop.services import indicator_data as data
from coop_desktop.services.association import load_association
from coop_desktop.services.authz import requires
from coop_desktop.services.context import audit
from coop_desktop.services.indicator_members import base_on, member_facts, split_by_practice
from coop_desktop.services.practices import all_practices
from coop_desktop.services.sales.margin import range_sales
from coop_desktop.services.schemes import load_timeline
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Setting

REFERENCE_SETTING = "indicator_reference_price"
PRICE_SCALE = 4


def reference_price(db: Database) -> Decimal:
    """The price per kg the report compares with (the national average unless set)."""
    with db.read() as session:
        return _stored_reference(session)


def _stored_reference(session: Session) -> Decimal:
    row = session.get(Setting, REFERENCE_SETTING)
    return D(row.value) if row is not None else ind.NATIONAL_REFERENCE_PRICE


@requires(Permission.REPORTS)
def set_reference_price(db: Database, value: object) -> Decimal:
    price = _positive_price(value)
    with db.write() as session:
        row = session.get(Setting, REFERENCE_SETTING)
        before = None if row is None else {"value": row.value}
        if row is None:
            session.add(Setting(key=REFERENCE_SETTING, value=format(price, "f")))
        else:
            row.value = format(price, "f")
        audit(session, "update", "setting", REFERENCE_SETTING, before, {"value": str(price)})
    return price


def _positive_price(value: object) -> Decimal:
    from coop_desktop.domain.validation import decimal

    price = decimal(value, "price", PRICE_SCALE)
    if price <= 0:
        raise ValidationError("reference_not_positive", "price", value=value)
    return price


def indicators(
    db: Database,
    start: date,
    end: date,
    *,
    by: Sequence[str] = (),
    baseline: tuple[date, date] | None = None,
    reference: object | None = None,
    today: date | None = None,
) -> IndicatorReport:
    """The indicators of [start, end] (widened to whole periods), grouped `by` each of the
    groupings asked, each figure against the `baseline` range when one is given."""
    ranges = [(start, end, "to")] + ([(*baseline, "baseline_to")] if baseline else [])
    for first, last, field in ranges:
        if last < first:
            raise ValidationError(
                "range_reversed", field, start=shown_day(first), end=shown_day(last)
            )
    for grouping in by:
        if grouping not in GROUPINGS:
            raise ValidationError("bad_grouping", "by", value=grouping, valid=", ".join(GROUPINGS))
    day = today or clock.today()
    with db.read() as session:
        association = load_association(session)
        price = _positive_price(reference) if reference is not None else _stored_reference(session)
        timeline = load_timeline(session)
        try:
            classes = ind.scheme_classes(timeline.at(min(end, day)).scheme)
        except Refused:
            classes = ()
        people = data.members(session.connection())
        names = {p.code: (p.name, p.name_en or p.name) for p in all_practices(session)}
        now = _read_range(session, start, end, association.cycle, timeline, classes, people, day)
        before = (
            _read_range(session, *baseline, association.cycle, timeline, classes, people, day)
            if baseline
            else None
        )
    return assemble(
        association.name,
        now,
        before,
        tuple(dict.fromkeys(by)),
        reference_price=price,
        classes=classes,
        practices=names,
    )


def _read_range(
    session: Session,
    start: date,
    end: date,
    cycle: str,
    timeline: Timeline,
    classes: tuple[ind.QualityClass, ...],
    people: dict[int, data.MemberRow],
    today: date,
) -> RangeFacts:
    conn = session.connection()
    planned = data.plan(session, start, end, cycle)
    first, last = planned[0].span.start, planned[-1].span.end
    money = data.period_money(session, planned)
    days = data.delivery_days(conn, first, last)
    tested = data.samples(conn, first, last, classes)
    totals: dict[int, data.Money] = {}
    premiums: dict[int, Decimal] = {}
    rows = []
    for period in money:
        base = base_on(timeline, period.planned.span.end)
        for member, m in period.members.items():
            totals[member] = totals[member].plus(m) if member in totals else m
            extra = data.premium(m, base)
            if extra is not None:
                premiums[member] = premiums.get(member, ZERO) + extra
        rows.append(_period_row(period))
    facts = {}
    for member in set(totals) | set(days) | set(tested):
        who = people[member]
        facts[member] = member_facts(
            who,
            who.held.on(first),
            member in days,
            days.get(member, 0),
            totals.get(member, data.NO_MONEY),
            premiums.get(member),
            tested.get(member),
        )
    parts = list(split_by_practice(conn, facts, people, money, timeline, classes, first, last))
    counted = (min(last, max(today, first)) - first).days + 1
    every = [m for period in money for m in period.members.values()]
    sales = range_sales(
        session,
        first,
        last,
        milk_cost=sum((m.milk_amount for m in every), ZERO),
        litres_untested=sum((m.untested_litres for m in every), ZERO_QUANTITY),
        provisional=any(r.provisional for r in rows),
    )
    figures = RangeFigures(first, last, start, end, counted, tuple(rows), ind.Figures({}), sales)
    return RangeFacts(figures, facts, parts)


def _period_row(period: data.PeriodMoney) -> PeriodRow:
    ms = period.members.values()
    kg = sum((m.kg for m in ms), ZERO)
    gross = sum((m.gross for m in ms), ZERO)
    price = ind.ratio(gross, kg - sum((m.untested_kg for m in ms), ZERO))
    span = period.planned.span
    return PeriodRow(
        span.code,
        span.start,
        span.end,
        period.planned.open,
        sum(1 for m in ms if m.litres > 0),
        sum((m.litres for m in ms), ZERO),
        kg,
        gross,
        sum((m.net for m in ms), ZERO),
        None if price is None else price.quantize(TEN_THOUSANDTH),
        period.missing_tests,
        period.has_milk,
        sum((m.untested_litres for m in ms), ZERO_QUANTITY),
    )


REPORT_FORMATS = ("pdf", "xlsx")


def report_file(db: Database, report: IndicatorReport, kind: str, lang: str = "es") -> bytes:
    """The report as a PDF for the assembly or an XLSX for the project team."""
    if kind == "xlsx":
        from coop_desktop.documents.indicator_xlsx import indicators_xlsx

        return indicators_xlsx(report, lang)
    if kind != "pdf":
        raise ValidationError("bad_choice", "output", value=kind, valid=", ".join(REPORT_FORMATS))
    from coop_desktop.documents.indicator_pdf import IndicatorsRenderer
    from coop_desktop.services.document_data import header

    with db.read() as session:
        head = replace(header(session), lang=lang)
    return IndicatorsRenderer().render(report, head)
