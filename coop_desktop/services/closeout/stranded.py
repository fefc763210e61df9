"""Entries stranded behind a closed period, and their repair.

A delivery or an account movement dated in no closed period but before the last one (a
mistyped year, a day/month mix-up in an imported file, written before the date rule existed
or by raw SQL) was never settled and can never be: its period cannot close any more (a later
one is closed) and it blocks every later close. `coop check` lists each one with the command
that repairs it; `redate` repairs it in one audited transaction:

- a delivery is entered again on the first open day (a new ticket number; a quality test
  that named it follows it) and the stranded row is deleted;
- an account movement is reversed on its own day (the two net to nothing there) and entered
  again on the first open day, naming the one it replaces.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, exists, select, update
from sqlalchemy.orm import Session, aliased

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.domain import validation as v
from coop_desktop.domain.entry_dates import DateRule
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.settlement import NOT_SETTLED
from coop_desktop.language import formatting as fmt
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.date_rule import load_rule, locked_rule
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Delivery, LedgerEntry, Member, QualityTest

KINDS = ("delivery", "entry")


@dataclass(frozen=True, slots=True)
class Stranded:
    kind: str  # "delivery" | "entry"
    id: int
    member_code: str
    day: date
    blocker: str  # the closed period after it
    what: str  # "23.900 L" or "advance -20.00"

    @property
    def command(self) -> str:
        return f"coop redate {self.kind} {self.id}"

    def sentence(self) -> str:
        noun = "entrega" if self.kind == "delivery" else "movimiento"
        return (
            f"{noun} {self.id} ({self.member_code}, {fmt.day(self.day)}, {self.what}): es "
            f"anterior al periodo cerrado {self.blocker} y nunca se liquidó; traba los cierres "
            f"siguientes. Se corrige con: {self.command}"
        )


def _gaps(rule: DateRule) -> Iterator[tuple[date | None, date]]:
    """The stretches of days before the last closed period that no closed period holds."""
    low: date | None = None
    for span in rule.closed:
        if low is None or span.start > low:
            yield low, span.start - timedelta(days=1)
        after = span.end + timedelta(days=1)
        low = after if low is None or after > low else low


def _netted() -> object:
    """An entry reversed on its own day, or such a reversal: the pair nets to nothing."""
    other = aliased(LedgerEntry)
    return exists().where(
        and_(other.reverses_id == LedgerEntry.id, other.date == LedgerEntry.date)
    ) | exists().where(and_(other.id == LedgerEntry.reverses_id, other.date == LedgerEntry.date))


def find_stranded(session: Session, limit: int | None = None) -> list[Stranded]:
    """Every delivery and settled account movement stranded behind a closed period (read
    through the date index, one range per gap between closed periods)."""
    rule = load_rule(session)
    found: list[Stranded] = []
    for low, high in _gaps(rule):
        deliveries = (
            select(Delivery.id, Member.code, Delivery.date, Delivery.quantity, Delivery.unit)
            .join(Member, Member.id == Delivery.member_id)
            .where(Delivery.date <= high)
            .order_by(Delivery.date, Delivery.id)
        )
        entries = (
            select(LedgerEntry.id, Member.code, LedgerEntry.date, LedgerEntry.kind)
            .add_columns(LedgerEntry.amount)
            .join(Member, Member.id == LedgerEntry.member_id)
            .where(
                LedgerEntry.date <= high,
                LedgerEntry.kind.not_in(NOT_SETTLED),
                ~_netted(),  # type: ignore[operator]
            )
            .order_by(LedgerEntry.date, LedgerEntry.id)
        )
        if low is not None:
            deliveries = deliveries.where(Delivery.date >= low)
            entries = entries.where(LedgerEntry.date >= low)
        if limit is not None:
            deliveries, entries = deliveries.limit(limit), entries.limit(limit)
        for row in session.execute(deliveries):
            blocker = rule.blocker(row[2])
            assert blocker is not None
            qty = fmt.quantity(row[3], row[4])
            found.append(Stranded("delivery", row[0], row[1], row[2], blocker.code, qty))
        for row in session.execute(entries):
            blocker = rule.blocker(row[2])
            assert blocker is not None
            what = f"{row[3]} {row[4]}"
            found.append(Stranded("entry", row[0], row[1], row[2], blocker.code, what))
    return found


def stranded_entries(db: Database) -> list[Stranded]:
    with db.read() as session:
        return find_stranded(session)


@dataclass(frozen=True, slots=True)
class Redated:
    kind: str
    id: int  # the stranded row
    new_id: int  # the row entered again
    day: date  # where it went
    reversal_id: int | None = None  # an account movement's reversal


def _target(rule: DateRule, day: date | str | None, today: date) -> date:
    first = rule.open_day(today)
    if day is None:
        return first
    chosen = v.iso_date(day)
    if rule.frozen(chosen) or chosen > first:
        lowest = rule.first_open_day or chosen
        raise ValidationError(
            "redate_target",
            "date",
            value=fmt.day(chosen),
            next=fmt.day(lowest),
            last=fmt.day(first),
        )
    return chosen


def _stranded(rule: DateRule, what: str, row_id: int, day: date) -> None:
    if not rule.stranded(day):
        raise Refused("redate_not_stranded", "id", value=f"{what} {row_id}", day=fmt.day(day))


def _move_delivery(session: Session, rule: DateRule, row_id: int, day: date, why: str) -> Redated:
    from coop_desktop.services.association import load_association
    from coop_desktop.services.numbering import reserve_numbers

    old = session.get(Delivery, row_id)
    if old is None:
        raise NotFound("unknown_delivery", "delivery", value=row_id)
    _stranded(rule, "entrega", row_id, old.date)
    series = load_association(session).ticket_series
    skip = {"id", "date", "ticket_series", "ticket_number", "recorded_by", "recorded_at"}
    values = {c.key: getattr(old, c.key) for c in Delivery.__table__.columns if c.key not in skip}
    new = Delivery(
        **values,
        date=day,
        ticket_series=series,
        ticket_number=reserve_numbers(session, series, 1),
        recorded_by=actor(),
        recorded_at=now(),
    )
    session.add(new)
    session.flush()
    tests = list(session.scalars(select(QualityTest.id).where(QualityTest.delivery_id == old.id)))
    if tests:
        session.execute(
            update(QualityTest).where(QualityTest.id.in_(tests)).values(delivery_id=new.id)
        )
    before = row_dict(old)
    session.delete(old)
    session.flush()
    after = {**row_dict(new), "reason": why, "tests_moved": tests}
    audit(session, "redate", "delivery", row_id, before=before, after=after)
    return Redated("delivery", row_id, new.id, day)


def _move_entry(session: Session, rule: DateRule, row_id: int, day: date, why: str) -> Redated:
    from coop_desktop.services.reversals import reverse

    old = session.get(LedgerEntry, row_id)
    if old is None:
        raise NotFound("unknown_entry", "id", value=row_id)
    if old.kind in NOT_SETTLED or old.settlement_id is not None or old.reverses_id is not None:
        raise Refused("redate_not_movable", "id", value=row_id, kind=old.kind)
    _stranded(rule, "movimiento", row_id, old.date)
    reversals = reverse(session, [old], f"fecha corregida: {why}", same_day=True)
    if not reversals:  # reversed already
        raise Refused("redate_not_movable", "id", value=row_id, kind=old.kind)
    reversal = reversals[0]
    new = LedgerEntry(
        member_id=old.member_id,
        date=day,
        kind=old.kind,
        description=f"{old.description} (registrado el {fmt.day(old.date)})"[:200],
        amount=old.amount,
        quantity=old.quantity,
        unit_price=old.unit_price,
        product_id=old.product_id,
        corrects_id=old.id,
        recorded_by=actor(),
        recorded_at=now(),
    )
    session.add(new)
    session.flush()
    audit(session, "create", "ledger_entry", new.id, after=row_dict(new))
    after = {"reason": why, "reversal": reversal.id, "entry": new.id, "date": day.isoformat()}
    audit(session, "redate", "ledger_entry", row_id, before=row_dict(old), after=after)
    return Redated("entry", row_id, new.id, day, reversal.id)


@requires(Permission.ACCOUNTS)
def redate(
    db: Database,
    items: Sequence[tuple[str, int]],
    reason: str | None = None,
    day: date | str | None = None,
    today: date | None = None,
) -> list[Redated]:
    """Move stranded entries (("delivery" | "entry", id), …, or every one when `items` is
    empty) to the first open day (or `day`, an open day up to it), in one transaction."""
    why = v.optional_text(reason) or "fecha anterior a un periodo cerrado"
    for kind, _ in items:
        if kind not in KINDS:
            raise ValidationError("redate_kind", "kind", value=kind)
    with db.write() as session:
        if not items:
            items = [(s.kind, s.id) for s in find_stranded(session)]
        dates = _dates(session, items)
        rule = load_rule(session)
        target = _target(rule, day, today or clock.today())
        rule = locked_rule(session, [*dates, target])
        moved = []
        for kind, row_id in items:
            move = _move_delivery if kind == "delivery" else _move_entry
            moved.append(move(session, rule, row_id, target, why))
        return moved


def _dates(session: Session, items: Sequence[tuple[str, int]]) -> list[date]:
    ids = {k: [i for kind, i in items if kind == k] for k in KINDS}
    found: list[date] = list(
        session.scalars(select(Delivery.date).where(Delivery.id.in_(ids["delivery"])))
    )
    found += session.scalars(select(LedgerEntry.date).where(LedgerEntry.id.in_(ids["entry"])))
    return found
