"""Practices: the list the association keeps, and each member's dated facts (adopted on a day,
left on a later day). Facts are appended, never edited; the spans a member held are read
from them the same way by pricing, indicators, the Socios form and the exports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, ValidationError
from coop_desktop.domain import practices as rules
from coop_desktop.domain import validation as v
from coop_desktop.domain.practices import Held, Span
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.text import fold
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.inputs import practices as held_practices
from coop_desktop.services.context import actor, audit, now
from coop_desktop.services.member_rows import member_by_code
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Member, MemberPractice, Practice

_CODE = re.compile(r"[a-z][a-z0-9_]{1,29}")


@dataclass(frozen=True, slots=True)
class PracticeInfo:
    code: str
    name: str
    name_en: str | None = None

    def label(self, lang: str = "es") -> str:
        return (self.name_en or self.name) if lang == "en" else self.name


@dataclass(frozen=True, slots=True)
class Fact:
    """One member's fact as the form records it (practice code, adopted|left, day)."""

    practice: str
    kind: str
    day: date


@dataclass(frozen=True, slots=True)
class HeldSpan:
    """A span a member held a practice, for people: its name, from, until (None: still)."""

    code: str
    name: str
    start: date
    end: date | None


def _info(p: Practice) -> PracticeInfo:
    return PracticeInfo(p.code, p.name, p.name_en)


def all_practices(session: Session) -> list[PracticeInfo]:
    return [_info(p) for p in session.scalars(select(Practice).order_by(Practice.id))]


def list_practices(db: Database) -> list[PracticeInfo]:
    with db.read() as session:
        return all_practices(session)


@requires(Permission.MEMBERS)
def add_practice(db: Database, code: str, name: str, name_en: str | None = None) -> PracticeInfo:
    """A practice of the association's own (silvopasture, improved pastures, …)."""
    clean = (code or "").strip().lower()
    if not _CODE.fullmatch(clean):
        raise ValidationError("bad_practice_code", "code", value=code)
    title = v.required_text(name, "name", 100)
    with db.write() as session:
        if session.scalars(select(Practice).where(Practice.code == clean)).first():
            raise ValidationError("duplicate_practice", "code", value=clean)
        p = Practice(code=clean, name=title, name_en=v.optional_text(name_en), created_at=now())
        session.add(p)
        session.flush()
        audit(session, "create", "practice", p.id, after={"code": clean, "name": title})
        return _info(p)


def find_practice(session: Session, text: str) -> Practice:
    """A practice by its code or its name (Spanish or English; accents and case aside)."""
    key = fold(text or "").strip()
    found = session.scalars(select(Practice).order_by(Practice.id)).all()
    for p in found:
        if key in (p.code, fold(p.name), fold(p.name_en or "")):
            return p
    raise NotFound(
        "unknown_practice", "practice", value=text, valid=", ".join(p.code for p in found)
    )


def _facts_of(session: Session, member_id: int, practice_id: int) -> list[tuple[str, date]]:
    return [
        (kind, day)
        for kind, day in session.execute(
            select(MemberPractice.kind, MemberPractice.day)
            .where(MemberPractice.member_id == member_id, MemberPractice.practice_id == practice_id)
            .order_by(MemberPractice.id)
        )
    ]


def record_fact(
    session: Session, member: Member, practice: Practice, kind: str, day: date, today: date
) -> None:
    """Append one fact in the caller's unit of work, checked and audited (typed, from the
    command line or imported)."""
    v.not_future(day, today, "date")
    rules.check_fact(
        _facts_of(session, member.id, practice.id), kind, day, practice.name, member.code
    )
    fact = MemberPractice(
        member_id=member.id,
        practice_id=practice.id,
        kind=kind,
        day=day,
        recorded_by=actor(),
        recorded_at=now(),
    )
    session.add(fact)
    session.flush()
    audit(
        session,
        "create",
        "member_practice",
        fact.id,
        after={"member": member.code, "practice": practice.code, "kind": kind, "day": day},
    )


def record_facts(
    session: Session, member: Member, facts: Iterable[Fact], today: date | None = None
) -> None:
    for f in facts:
        record_fact(
            session,
            member,
            find_practice(session, f.practice),
            f.kind,
            f.day,
            today or clock.today(),
        )


@requires(Permission.MEMBERS)
def record(
    db: Database, member_code: str, practice: str, kind: str, day: date, today: date | None = None
) -> list[HeldSpan]:
    """`coop members practice add|end`: the member adopted (or left) the practice on `day`;
    returns the member's spans afterwards."""
    with db.write() as session:
        member = member_by_code(session, member_code)
        found = find_practice(session, practice)
        record_fact(session, member, found, kind, day, today or clock.today())
        session.flush()
        return spans_of(session, member.id)


def spans_of(session: Session, member_id: int) -> list[HeldSpan]:
    """Every span the member held a practice, by practice and start."""
    names = {p.code: p.name for p in session.scalars(select(Practice))}
    held = held_practices(session.connection(), member_id).get(member_id, Held())
    return [HeldSpan(s.code, names.get(s.code, s.code), s.start, s.end) for s in held.spans]


def member_spans(db: Database, member_id: int) -> list[HeldSpan]:
    with db.read() as session:
        return spans_of(session, member_id)


def held_on(db: Database, member_ids: Sequence[int], day: date) -> dict[int, frozenset[str]]:
    """What each member held on `day` (the members list, the exports)."""
    with db.read() as session:
        held = held_practices(session.connection())
    return {m: held.get(m, Held()).on(day) for m in member_ids}


def current_spans(session: Session, day: date) -> dict[int, dict[str, Span]]:
    """Per member, the span of each practice held on `day` (its start is what the members
    export writes)."""
    out: dict[int, dict[str, Span]] = {}
    for member, held in held_practices(session.connection()).items():
        for s in held.spans:
            if s.holds(day):
                out.setdefault(member, {})[s.code] = s
    return out
