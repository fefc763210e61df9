"""The fast implementation of `milk.price_reading`: deliveries as plain tuples, grouped
before they are priced.

Under every basis but `delivery`, all of a member's accepted deliveries under one scheme
version, with the same flags (and, for `latest`/`rolling`, on the same day) share one unit
price, so they are summed in integer minor units first and priced once per group. A member
whose practices change inside the period (adopted or left on a day of it) is grouped day by
day, so each delivery is priced with what was held on its date. Litres
become kg per delivery, half up to the gram, in integer arithmetic with the scheme's density
as an exact fraction. A delivery whose own tests (or a lab test linked to it) a rejection
rule reads is priced on its own. The result is the same as pricing every delivery on its own
(`period.price_member`), which a property test checks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from coop_desktop.core.i18n import N_, Later
from coop_desktop.core.numbers import CENT, GRAM, ZERO, from_minor, quantize
from coop_desktop.domain.pricing.basis import MemberQuality, quality_for
from coop_desktop.domain.pricing.period import (
    REJECTED,
    Milk,
    MilkLine,
    Timeline,
    daily_tiers,
    line_order,
)
from coop_desktop.domain.pricing.pricer import MissingQuality, Pricer
from coop_desktop.domain.pricing.reading import OWN_BITS, PeriodReading, own_measures

NO_FLAGS: frozenset[str] = frozenset()
COOLED = frozenset({"cooled"})
NO_QUALITY = MemberQuality([])


class _Acc:
    """Sums of one group of deliveries, in integer minor units (pounds aside)."""

    __slots__ = ("grams", "ids", "lb", "ml")

    def __init__(self) -> None:
        self.lb = ZERO
        self.grams = 0
        self.ml = 0
        self.ids: list[int] = []


class _Line:
    __slots__ = ("ids", "quantity")

    def __init__(self) -> None:
        self.quantity = ZERO
        self.ids: list[int] = []


class _Version:
    """Integer helpers for one scheme version."""

    def __init__(self, pricer: Pricer) -> None:
        self.pricer = pricer
        scheme = pricer.scheme
        # density = num / den exactly, whatever its number of places
        _sign, digits, exponent = scheme.density.as_tuple()
        assert isinstance(exponent, int)
        self.num: int = int("".join(map(str, digits))) * 10 ** max(exponent, 0)
        self.den: int = 10 ** max(-exponent, 0)
        self.base = scheme.unit.removeprefix("100")
        self.is_lb = self.base == "lb"
        self.hundred = scheme.unit.startswith("100")
        self.per_day = scheme.basis.kind in ("latest", "rolling")
        self.per_delivery = scheme.basis.kind == "delivery"
        self.daily_tiers = daily_tiers(pricer)
        # -1: no rejection rule; else the bits of the quick tests the rules read
        self.mask = (
            sum({OWN_BITS[r.measure] for r in scheme.rejections if r.measure in OWN_BITS})
            if scheme.rejections
            else -1
        )

    def grams(self, ml: int) -> int:
        return (2 * ml * self.num + self.den) // (2 * self.den)

    def ml(self, grams: int) -> int:
        return (2 * grams * self.den + self.num) // (2 * self.num)

    def lb(self, quantity: int, unit: str) -> Decimal:
        """The pricing quantity of a pound-based scheme (per delivery, to the 0.001 lb)."""
        if self.base != "lb":
            return ZERO
        return self.pricer.quantities(from_minor(quantity, 3), unit)[0]

    def quantity(self, acc: _Acc) -> Decimal:
        """A group's quantity in the pricing unit, from its integer sums."""
        if self.base == "lb":
            return acc.lb
        q = from_minor(acc.grams if self.base == "kg" else acc.ml, 3)
        return q / 100 if self.hundred else q


def price_period(
    reading: PeriodReading, timeline: Timeline, collect_missing: bool = False
) -> dict[int, Milk]:
    span, to_date = reading.span, reading.to_date
    versions: dict[int, _Version] = {}
    # raw day -> (version id, version, day, fast-path number or -1, day offset, rule mask)
    day_version: dict[object, tuple[int, _Version, date, int, int, int]] = {}
    # (member, version, cooled, day or None, delivery id or None) -> sums
    groups: dict[tuple[object, ...], _Acc] = {}
    rejected: dict[tuple[int, int, str], _Acc] = {}
    special: dict[int, Sequence[Any]] = {}
    # The fast path (an accepted delivery in litres with nothing to check one by one, under
    # a scheme that groups per period) keys its sums by a plain integer, which hashes and
    # compares far faster than a tuple holding a date string:
    #   plain[(member × 64 + version number) × 2 + cooled] = [mL, g, delivery ids]
    plain: dict[int, list[Any]] = {}
    # accepted millilitres per member and day of the period (period averages, daily tiers)
    daily: dict[int, list[int]] = {}
    numbered: list[_Version] = []  # version number -> version
    origin = span.start.toordinal()
    span_days = (span.end - span.start).days  # rows outside the span take the general path
    linked = {d for mq in reading.quality.values() for d in mq.by_delivery}
    changing = {m for m, held in reading.flags.items() if held.changes(span.start, span.end)}
    need_daily = any(
        p.scheme.basis.kind == "period_average" or daily_tiers(p) for p in timeline.pricers()
    )
    groups_get, rejected_get, daily_get, plain_get = groups.get, rejected.get, daily.get, plain.get
    no_days = [0] * (span_days + 1)
    for r in reading.rows:  # the hot loop: integers and dict lookups only
        rid, member, raw_day, qty, unit, is_rejected, reason, cooled, alcohol, temp, dens, _s = r
        hit = day_version.get(raw_day)
        if hit is None:
            day = to_date(raw_day)
            pricer = timeline.at(day)
            version = versions.get(id(pricer))
            if version is None:
                version = versions[id(pricer)] = _Version(pricer)
                numbered.append(version)
            number = numbered.index(version)
            offset = day.toordinal() - origin
            fast = (
                not (version.per_day or version.per_delivery or version.is_lb)
                and number < 64
                and 0 <= offset <= span_days < 4096
            )
            hit = day_version[raw_day] = (
                id(pricer),
                version,
                day,
                number if fast else -1,
                offset,
                version.mask,
            )
        vid, v, day, number, offset, mask = hit
        # does a rejection rule read this delivery's own tests or a lab test linked to it?
        check = mask >= 0 and (
            rid in linked
            or (alcohol is not None and mask & 1)
            or (temp is not None and mask & 2)
            or (dens is not None and mask & 4)
        )
        if number >= 0 and unit == "L" and not is_rejected and not check and member not in changing:
            if need_daily:
                by_day = daily_get(member)
                if by_day is None:
                    by_day = daily[member] = no_days.copy()
                by_day[offset] += qty
            plain_key = (member * 64 + number) * 2 + cooled
            sums = plain_get(plain_key)
            if sums is None:
                plain[plain_key] = [qty, (2 * qty * v.num + v.den) // (2 * v.den), [rid]]
            else:
                sums[0] += qty
                sums[1] += (2 * qty * v.num + v.den) // (2 * v.den)
                sums[2].append(rid)
            continue
        if unit == "L":
            grams, ml = v.grams(qty), qty
        else:
            grams, ml = qty, v.ml(qty)
        if is_rejected:
            key_r = (member, vid, reason or REJECTED)
            acc = rejected_get(key_r)
            if acc is None:
                acc = rejected[key_r] = _Acc()
        else:
            if need_daily and 0 <= offset <= span_days:
                by_day = daily_get(member)
                if by_day is None:
                    by_day = daily[member] = no_days.copy()
                by_day[offset] += ml
            if v.per_delivery or check:
                special[rid] = r
                key: tuple[object, ...] = (member, vid, bool(cooled), day, rid)
            elif v.per_day or member in changing:
                key = (member, vid, bool(cooled), day, None)
            else:
                key = (member, vid, bool(cooled), None, None)
            acc = groups_get(key)
            if acc is None:
                acc = groups[key] = _Acc()
        if v.is_lb:
            acc.lb += v.lb(qty, unit)
        acc.grams += grams
        acc.ml += ml
        acc.ids.append(rid)
    for plain_key, (ml, grams, ids) in plain.items():
        member, cooled = plain_key // 128, plain_key % 2
        version = numbered[(plain_key // 2) % 64]
        key = (member, id(version.pricer), bool(cooled), None, None)
        acc = groups_get(key)
        if acc is None:
            acc = groups[key] = _Acc()
        acc.grams += grams
        acc.ml += ml
        acc.ids += ids
    return _settle_groups(groups, rejected, daily, special, versions, reading, collect_missing)


def _settle_groups(
    groups: dict[tuple[object, ...], _Acc],
    rejected: dict[tuple[int, int, str], _Acc],
    daily: dict[int, list[int]],
    special: dict[int, Sequence[Any]],
    versions: dict[int, _Version],
    reading: PeriodReading,
    collect_missing: bool,
) -> dict[int, Milk]:
    span, quality, flags = reading.span, reading.quality, reading.flags
    lines: dict[int, dict[tuple[bool, str, str, Decimal, str], _Line]] = defaultdict(dict)
    kg: dict[int, int] = defaultdict(int)
    ml_ok: dict[int, int] = defaultdict(int)
    ml_bad: dict[int, int] = defaultdict(int)
    count: dict[int, int] = defaultdict(int)
    missing: dict[int, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    unpriced: dict[int, int] = defaultdict(int)
    untested: dict[int, list[Decimal]] = {}  # litres, kg, quantity in the pricing unit
    totals: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    for (member, vid, *_rest), acc in groups.items():
        assert isinstance(member, int) and isinstance(vid, int)
        totals[(member, vid)] += versions[vid].quantity(acc)
    averages: dict[tuple[int, int], Mapping[str, Decimal | bool]] = {}
    days_delivered = {m: (len(v) - v.count(0)) or 1 for m, v in daily.items()}
    no_days = [0] * ((span.end - span.start).days + 1)
    for key, acc in groups.items():
        member, vid, cooled, day, delivery_id = key
        assert isinstance(member, int) and isinstance(vid, int)
        v = versions[vid]
        pricer = v.pricer
        scheme = pricer.scheme
        mq = quality.get(member) or NO_QUALITY
        if scheme.basis.kind == "period_average":
            avg = averages.get((member, vid))
            if avg is None:
                avg = averages[(member, vid)] = mq.period_average_by_day(
                    span.start, daily.get(member) or no_days, pricer.needed
                )
        else:
            avg = {}
        row = special.get(delivery_id) if isinstance(delivery_id, int) else None
        own = own_measures(row) if row is not None else {}
        measures = quality_for(
            scheme.basis,
            mq,
            day if isinstance(day, date) else span.end,
            delivery_id if isinstance(delivery_id, int) else None,
            own,
            avg,
        )
        quantity = v.quantity(acc)
        reason = ""
        price: Decimal | None = None
        is_rejected = False
        if row is not None and scheme.rejections:
            linked = mq.by_delivery.get(row[0])
            rule = pricer.rejection({**own, **linked.measures} if linked else own)
            if rule is not None:
                price, reason, is_rejected = rule.price, rule.reason, True
        if price is None:
            volume = totals[(member, vid)]
            if v.daily_tiers:
                volume = quantize(volume / days_delivered.get(member, 1), GRAM)
            held = flags.get(member)
            all_flags = (
                NO_FLAGS if held is None else held.on(day if isinstance(day, date) else span.start)
            )
            if cooled:
                all_flags = all_flags | COOLED
            try:
                price = pricer.unit_price(measures, all_flags, volume)
            except MissingQuality as exc:
                if not collect_missing:
                    what = (
                        Later(N_("la entrega {id}"), id=delivery_id)
                        if isinstance(delivery_id, int)
                        else Later(N_("el socio {member}"), member=member)
                    )
                    raise exc.about(what) from None
                missing[member].append(
                    (delivery_id if isinstance(delivery_id, int) else 0, tuple(exc.measures))
                )
                unpriced[member] += len(acc.ids)
                sums = untested.setdefault(member, [ZERO, ZERO, ZERO])
                sums[0] += from_minor(acc.ml, 3)
                sums[1] += from_minor(acc.grams, 3)
                sums[2] += quantity
                price = ZERO
        line_key = (is_rejected, scheme.name, scheme.unit, price, reason)
        slot = lines[member].get(line_key)
        if slot is None:
            slot = lines[member][line_key] = _Line()
        slot.quantity += quantity
        slot.ids += acc.ids
        count[member] += len(acc.ids)
        if is_rejected:
            ml_bad[member] += acc.ml
        else:
            kg[member] += acc.grams
            ml_ok[member] += acc.ml
    for (member, vid, reason), acc in rejected.items():
        scheme = versions[vid].pricer.scheme
        line_key = (True, scheme.name, scheme.unit, ZERO, reason)
        slot = lines[member].get(line_key)
        if slot is None:
            slot = lines[member][line_key] = _Line()
        slot.quantity += versions[vid].quantity(acc)
        slot.ids += acc.ids
        count[member] += len(acc.ids)
        ml_bad[member] += acc.ml
    result = {}
    for member, by_key in lines.items():
        milk_lines = []
        for line_key in sorted(by_key, key=line_order):
            rej, scheme_name, unit, price, reason = line_key
            ln = by_key[line_key]
            ln.ids.sort()
            milk_lines.append(
                MilkLine(
                    scheme_name,
                    unit,
                    price,
                    ln.quantity,
                    quantize(ln.quantity * price, CENT),
                    len(ln.ids),
                    rej,
                    reason,
                    tuple(ln.ids),
                )
            )
        result[member] = Milk(
            member,
            from_minor(kg[member], 3),
            from_minor(ml_ok[member], 3),
            from_minor(ml_bad[member], 3),
            count[member],
            tuple(milk_lines),
            tuple(missing.get(member, ())),
            (),
            unpriced.get(member, 0),
            *untested.get(member, (ZERO, ZERO, ZERO)),
        )
    return result
