"""Practices a member holds, as dated facts: adopted on a day, left on a later day.

A fact is never edited: leaving a practice is a new fact, and a practice left on the day it
was adopted was never held (how a fact recorded by mistake is taken back). What a member held
on a day is read from the facts, the same way for pricing (a certification's price
component), for indicators (`--by practice`) and for the screens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from coop_desktop.core.errors import ValidationError

ADOPTED, LEFT = "adopted", "left"
KINDS = (ADOPTED, LEFT)
# The practices every association starts with; their codes are the certification flags a
# price scheme names (`pricing.model.FLAGS`). An association adds its own.
SEEDED: tuple[tuple[str, str, str], ...] = (
    ("good_practice", "Buenas prácticas ganaderas", "Good livestock practices"),
    (
        "regenerative",
        "Pastoreo rotacional / ganadería regenerativa",
        "Rotational grazing / regenerative livestock farming",
    ),
    ("organic", "Producción orgánica", "Organic production"),
    ("herd_health", "Sanidad del hato", "Herd health"),
)
NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Span:
    """A practice held from `start` (included) until `end` (excluded; None: still held)."""

    code: str
    start: date
    end: date | None = None

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Held:
    """A member's practices over time (spans of any practice, in any order)."""

    spans: tuple[Span, ...] = ()

    def on(self, day: date) -> frozenset[str]:
        """The practices held on `day`."""
        if not self.spans:
            return NOTHING
        return frozenset(s.code for s in self.spans if s.holds(day))

    def changes(self, start: date, end: date) -> tuple[date, ...]:
        """Days in (start, end] on which the set held changes (a span starts or ends)."""
        days = {d for s in self.spans for d in (s.start, s.end) if d is not None}
        return tuple(sorted(d for d in days if start < d <= end))

    def constant(self, start: date, end: date) -> frozenset[str] | None:
        """What is held over the whole of [start, end], or None when it changes inside."""
        return None if self.changes(start, end) else self.on(start)

    def within(self, start: date, end: date) -> Held:
        """Only the spans that touch [start, end] (what a close stores with its period)."""
        return Held(
            tuple(s for s in self.spans if s.start <= end and (s.end is None or s.end > start))
        )

    @classmethod
    def always(cls, codes: Iterable[str]) -> Held:
        """Practices held on every day (a close stored before practices were dated)."""
        return cls(tuple(Span(c, date.min) for c in sorted(codes)))


NO_PRACTICES = Held()


def spans(facts: Iterable[tuple[str, str, date]]) -> tuple[Span, ...]:
    """The spans of a member's facts (code, kind, day), read in the order they were
    recorded; an empty span (left on the day it was adopted) is dropped."""
    open_since: dict[str, date] = {}
    out: list[Span] = []
    for code, kind, day in facts:
        if kind == ADOPTED:
            open_since.setdefault(code, day)
        elif code in open_since:
            start = open_since.pop(code)
            if day > start:
                out.append(Span(code, start, day))
    out += [Span(code, start) for code, start in open_since.items()]
    return tuple(sorted(out, key=lambda s: (s.code, s.start)))


def check_fact(
    recorded: Iterable[tuple[str, date]], kind: str, day: date, practice: str, member: str
) -> None:
    """May this fact follow the member's facts of this practice (kind, day, in the order
    recorded)? Facts go forward in time: a practice is adopted when it is not held, left
    when it is, and never on a day before its last fact."""
    if kind not in KINDS:
        raise ValidationError("bad_choice", "kind", value=kind, valid=", ".join(KINDS))
    last = list(recorded)[-1:] or [(LEFT, date.min)]
    last_kind, last_day = last[0]
    if kind == ADOPTED and last_kind == ADOPTED:
        raise ValidationError(
            "practice_already_held",
            "practice",
            value=practice,
            member=member,
            day=last_day,
        )
    if kind == LEFT and last_kind != ADOPTED:
        raise ValidationError("practice_not_held", "practice", value=practice, member=member)
    if day < last_day:
        raise ValidationError(
            "practice_before_last_fact",
            "date",
            value=practice,
            day=day,
            last=last_day,
        )
