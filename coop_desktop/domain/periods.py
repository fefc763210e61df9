"""Payment periods and their codes: `2026-10` (month), `2026-10-q1`/`-q2` (fortnights 1–15 and
16–end), `2026-10-d1`..`d3` (10-day: 1–10, 11–20, 21–end), `2026-W43` (ISO week)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from coop_desktop.core.errors import ValidationError

_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(q[12]|d[123]))?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
KIND_OF_SUFFIX = {"q": "fortnight", "d": "decade"}


@dataclass(frozen=True, slots=True)
class PeriodSpan:
    code: str
    kind: str  # month | fortnight | decade | week
    start: date
    end: date  # inclusive

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def previous(self) -> PeriodSpan:
        """The period of the same cycle just before this one."""
        return period_of(self.start - timedelta(days=1), self.kind)


def parse_period(code: str) -> PeriodSpan:
    text = (code or "").strip()
    match = _MONTH.match(text)
    if match:
        year, month, part = int(match[1]), int(match[2]), match[3]
        if not 1 <= month <= 12 or not 1900 <= year <= 2999:
            raise ValidationError("bad_period", "period", value=code)
        last = calendar.monthrange(year, month)[1]
        if part is None:
            return PeriodSpan(text, "month", date(year, month, 1), date(year, month, last))
        n = int(part[1])
        if part[0] == "q":
            start, end = (1, 15) if n == 1 else (16, last)
        else:
            start, end = ((n - 1) * 10 + 1, n * 10 if n < 3 else last)
        return PeriodSpan(
            text, KIND_OF_SUFFIX[part[0]], date(year, month, start), date(year, month, end)
        )
    match = _WEEK.match(text)
    if match:
        try:
            if not 1900 <= int(match[1]) <= 2999:
                raise ValueError(code)
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise ValidationError("bad_period", "period", value=code) from None
        return PeriodSpan(text, "week", monday, monday + timedelta(days=6))
    raise ValidationError("bad_period", "period", value=code)


def period_of(day: date, cycle: str) -> PeriodSpan:
    """The period of the association's cycle that contains `day`."""
    if cycle == "month":
        return parse_period(f"{day:%Y-%m}")
    if cycle == "fortnight":
        return parse_period(f"{day:%Y-%m}-q{1 if day.day <= 15 else 2}")
    if cycle == "decade":
        return parse_period(f"{day:%Y-%m}-d{min(3, (day.day - 1) // 10 + 1)}")
    year, week, _ = day.isocalendar()
    return parse_period(f"{year}-W{week:02d}")
