"""Rows of a file set against what the database already holds, before anything is written:
a row imported before (its fingerprint), or whose delivery or test is already recorded with
the same values (typed in Acopio, or imported from another file), is skipped — whatever the
state of its period; a row whose key matches but whose quantity (or measures) differ is a
correction, shown for the person to confirm, never a second delivery. Only the rows left
(new ones and corrections) meet the closed-period guard.

Keys: a delivery is (member, date, shift), the n-th row of a key in the file facing the n-th
delivery of that key in the database; a test is (member, sample date, delivery)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.messages import measure_name
from coop_desktop.core.numbers import GRAM, D, from_minor
from coop_desktop.domain.measures import MEASURES
from coop_desktop.language import formatting as fmt
from coop_desktop.services.closeout.inputs import date_param
from coop_desktop.services.import_lookup import known_prints
from coop_desktop.storage.bulk import fetch_raw

Record = tuple[int, Any, str]  # file row, record, fingerprint


@dataclass(frozen=True, slots=True)
class Correction:
    """A row that changes what is recorded: the delivery (or test) it corrects, what the
    database holds and what the file says."""

    row: int
    target: int  # delivery or quality test id
    day: date
    record: Any  # the file's record
    fingerprint: str
    before: dict[str, Any]  # field -> stored value (quantity in minor units, unit; measures)
    after: dict[str, Any]
    who: str = ""  # the member's code

    def texts(self, kind: str) -> tuple[str, str]:
        """(what is recorded, what the file says) as people read them."""
        if kind == "deliveries":
            return tuple(  # type: ignore[return-value]
                fmt.quantity(from_minor(v["quantity"], 3), v["unit"])
                for v in (self.before, self.after)
            )
        return tuple(  # type: ignore[return-value]
            ", ".join(f"{_label(k)} {_measure(k, v.get(k))}" for k in self.after)
            for v in (self.before, self.after)
        )

    def error(self, kind: str) -> ValidationError:
        """The correction as a problem to confirm, naming the difference."""
        before, after = self.texts(kind)
        if kind == "deliveries":
            change = (D(self.after["quantity"]) - D(self.before["quantity"])) * GRAM
            difference = (
                ("+" if change > 0 else fmt.MINUS) + fmt.quantity(abs(change), self.after["unit"])
                if self.before["unit"] == self.after["unit"]
                else f"{self.before['unit']} → {self.after['unit']}"
            )
            return ValidationError(
                "correction_to_confirm",
                "quantity",
                value=self.who,
                day=fmt.day(self.day),
                shift=_shift(self.record[2]),
                before=before,
                after=after,
                difference=difference,
            )
        return ValidationError(
            "test_correction_to_confirm",
            "measure",
            value=self.who,
            day=fmt.day(self.day),
            before=before,
            after=after,
        )


def _label(key: str) -> str:
    return measure_name(key).lower()


def _measure(key: str, value: Any) -> str:
    if value is None:
        return "—"
    spec = MEASURES[key]
    if spec.boolean:
        return "positivo" if value else "negativo"
    return fmt.as_recorded(D(value).scaleb(-spec.scale)) + (" %" if spec.unit == "%" else "")


def _shift(shift: str) -> str:
    return {"am": "mañana", "pm": "tarde"}.get(shift, shift)


@dataclass
class Matched:
    fresh: list[Record] = field(default_factory=list)
    skipped: int = 0  # already in the database: imported before, or recorded the same
    corrections: list[Correction] = field(default_factory=list)


def match(session: Session, kind: str, records: Sequence[Record], codes: dict[int, str]) -> Matched:
    """The file's records against the database: skipped, corrections, and the rest."""
    known = known_prints(session, kind, [p for _, _, p in records])
    if not records:
        return Matched()
    found = (_deliveries if kind == "deliveries" else _tests)(session, records, known)
    found.corrections = [replace(c, who=codes.get(c.record[0], "")) for c in found.corrections]
    return found


def _span(records: Sequence[Record]) -> tuple[date, date]:
    days = [rec[1] for _, rec, _ in records]
    return min(days), max(days)


def _deliveries(session: Session, records: Sequence[Record], known: set[str]) -> Matched:
    conn = session.connection()
    first, last = _span(records)
    stored: dict[tuple[int, date, str], list[tuple[int, int, str]]] = defaultdict(list)
    for delivery_id, member, day, shift, quantity, unit in fetch_raw(
        conn,
        "SELECT id, member_id, date, shift, quantity, unit FROM delivery "
        "WHERE date >= ? AND date <= ? ORDER BY id",
        (date_param(conn, first), date_param(conn, last)),
    ):
        stored[(member, _day(day), shift)].append((delivery_id, int(quantity), unit))
    out = Matched()
    by_key: dict[tuple[int, date, str], list[Record]] = defaultdict(list)
    for r in records:
        rec = r[1]
        by_key[(rec[0], rec[1], rec[2])].append(r)
    for key, rows in by_key.items():
        left = list(stored.get(key, []))
        pending = []
        for r in rows:  # a row imported before is one of the key's deliveries: the same one
            if r[2] in known:
                out.skipped += 1
                same = next((d for d in left if (d[1], d[2]) == (r[1][3], r[1][4])), None)
                if same is not None or left:
                    left.remove(same if same is not None else left[0])
            else:
                pending.append(r)
        for r, found in zip(pending, left + [None] * len(pending), strict=False):
            rec = r[1]
            if found is None:
                out.fresh.append(r)
            elif (found[1], found[2]) == (rec[3], rec[4]):
                out.skipped += 1
            else:
                out.corrections.append(
                    Correction(
                        r[0],
                        found[0],
                        rec[1],
                        rec,
                        r[2],
                        {"quantity": found[1], "unit": found[2]},
                        {"quantity": rec[3], "unit": rec[4]},
                    )
                )
    out.fresh.sort(key=lambda r: r[0])
    out.corrections.sort(key=lambda c: c.row)
    return out


def _tests(session: Session, records: Sequence[Record], known: set[str]) -> Matched:
    conn = session.connection()
    first, last = _span(records)
    keys = list(MEASURES)
    stored: dict[tuple[int, date, int | None], list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for row in fetch_raw(
        conn,
        f"SELECT id, member_id, sample_date, delivery_id, {', '.join(keys)} FROM quality_test "
        "WHERE sample_date >= ? AND sample_date <= ? ORDER BY id",
        (date_param(conn, first), date_param(conn, last)),
    ):
        values = {
            k: (bool(x) if MEASURES[k].boolean else int(x))
            for k, x in zip(keys, row[4:], strict=True)
            if x is not None
        }
        stored[(row[1], _day(row[2]), row[3])].append((row[0], values))
    out = Matched()
    by_key: dict[tuple[int, date, int | None], list[Record]] = defaultdict(list)
    for r in records:
        member, day, delivery = r[1][0], r[1][1], r[1][2]
        by_key[(member, day, delivery)].append(r)
    for key, rows in by_key.items():
        left = list(stored.get(key, []))
        pending = []
        for r in rows:
            if r[2] in known:
                out.skipped += 1
                same = next((t for t in left if _same(_own(r[1]), t[1])), None)
                if same is not None or left:
                    left.remove(same if same is not None else left[0])
            else:
                pending.append(r)
        for r in pending:
            own = _own(r[1])  # the measures the file gives (what it says is compared)
            same = next((t for t in left if _same(own, t[1])), None)
            if same is not None:
                left.remove(same)
                out.skipped += 1
            elif left:
                target = left.pop(0)
                changed = {k for k, x in own.items() if target[1].get(k) != x}
                out.corrections.append(
                    Correction(
                        r[0],
                        target[0],
                        r[1][1],
                        r[1],
                        r[2],
                        {k: target[1].get(k) for k in sorted(changed)},
                        {k: own[k] for k in sorted(changed)},
                    )
                )
            else:
                out.fresh.append(r)
    out.fresh.sort(key=lambda r: r[0])
    out.corrections.sort(key=lambda c: c.row)
    return out


def _own(record: Any) -> dict[str, Any]:
    """A test record's measures as the file gives them (not those derived from them)."""
    return {k: x for k, x in record[3].items() if k not in record[6]}


def _same(own: dict[str, Any], stored: dict[str, Any]) -> bool:
    """The file's measures are those recorded (a test may hold more: a lab's UFC beside an
    analyzer's fat and SNF)."""
    return all(stored.get(k) == x for k, x in own.items())


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
