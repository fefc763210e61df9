"""The one date rule for everything dated (deliveries, tests, account movements, the start of a
charge or a loan, a scheme version, imported rows, the analyzer's results).

Periods close in order, so the closes already made cover every day up to the end of the last
closed period. A new entry dated on or before that day would either change a closed period
or sit in an earlier period that can never close again (the later one is closed) and block
every close after it. Both are refused, naming the closed period and the way forward: the
first open day after it, where an adjustment (or the re-entered row) is settled.

Pure: the services read the closed periods and call this; `coop check` uses the same rule to
find entries already stranded behind a closed period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from coop_desktop.core.errors import Refused


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


@dataclass(frozen=True, slots=True)
class ClosedSpan:
    """A closed (or paid) period: its code and its first and last day."""

    code: str
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class DateRule:
    """What the closed periods say about a date."""

    closed: tuple[ClosedSpan, ...] = ()  # by start date

    @classmethod
    def of(cls, spans: Iterable[ClosedSpan]) -> DateRule:
        return cls(tuple(sorted(spans, key=lambda s: s.start)))

    @property
    def last(self) -> ClosedSpan | None:
        """The closed period that ends last: nothing may be dated on or before its end."""
        return max(self.closed, key=lambda s: s.end) if self.closed else None

    @property
    def first_open_day(self) -> date | None:
        last = self.last
        return None if last is None else last.end + timedelta(days=1)

    def frozen(self, day: date) -> bool:
        """True when `day` is on or before the end of the last closed period."""
        last = self.last
        return last is not None and day <= last.end

    def holding(self, day: date) -> ClosedSpan | None:
        """The closed period `day` falls in, if any."""
        return next((s for s in self.closed if s.start <= day <= s.end), None)

    def stranded(self, day: date) -> bool:
        """True when `day` lies in no closed period but before one: an entry dated there can
        never be settled (it blocks every later close until it is moved)."""
        return self.frozen(day) and self.holding(day) is None

    def blocker(self, day: date) -> ClosedSpan | None:
        """The closed period that freezes `day`: the one holding it, or else the first closed
        period after it."""
        if not self.frozen(day):
            return None
        held = self.holding(day)
        if held is not None:
            return held
        return min((s for s in self.closed if s.start > day), key=lambda s: s.start)

    def open_day(self, day: date) -> date:
        """`day`, or when it is frozen, the first open day after the last closed period (where
        a late entry, an adjustment or a repaired entry goes)."""
        first = self.first_open_day
        return day if first is None or day >= first else first

    def refusal(self, day: date, field: str = "date") -> Refused | None:
        """The refusal a new entry dated `day` meets (None when the day is open)."""
        blocker = self.blocker(day)
        if blocker is None:
            return None
        first = self.first_open_day
        assert first is not None
        params = {"value": _day(day), "period": blocker.code, "next": _day(first)}
        if self.holding(day) is not None:
            return Refused("period_closed", field, **params)
        return Refused("date_before_close", field, **params)

    def refuse(self, day: date, field: str = "date") -> None:
        refused = self.refusal(day, field)
        if refused is not None:
            raise refused

    def refuse_start(self, day: date, field: str = "start") -> None:
        """A start date (a charge, a loan) in force from `day` would change what the closes
        already made deducted: refused on or before the last closed period's end."""
        last = self.last
        if last is not None and day <= last.end:
            raise Refused(
                "starts_in_closed",
                field,
                value=_day(day),
                period=last.code,
                next=_day(last.end + timedelta(days=1)),
            )
