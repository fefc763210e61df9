"""Rows of an imported file turned into validated records, by the same rules a typed entry
obeys: members through `members.clean_draft`, deliveries through
`deliveries.clean_delivery`, tests through `quality.clean_measures`, every date through the
closed-period guard. Every problem of every row is collected with its row and column.

The cells' own conversions (numbers, dates, shifts) are memoised per distinct text: a file of
100,000 deliveries holds a few hundred distinct dates and quantities.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from coop_desktop.core.errors import CoopError, NotFound, ValidationError
from coop_desktop.domain import import_cells as cells
from coop_desktop.domain import validation as v
from coop_desktop.domain.import_cells import Cell
from coop_desktop.domain.import_columns import ColumnMatch
from coop_desktop.domain.measures import MEASURES
from coop_desktop.services.import_table import Problem, RawTable
from coop_desktop.services.quality import clean_measures, with_total_solids

Progress = Callable[[int, int], None]


@dataclass
class Context:
    """What the rows are checked against, read in the import's unit of work."""

    today: date
    members: dict[str, tuple[int, str, str]]  # code.lower() -> (id, code, status)
    dnis: dict[str, tuple[int, str, str]]  # dni -> (id, code, status)
    closed: Callable[[date], CoopError | None]  # the closed-period refusal of a day
    decimal_comma: bool = False
    epoch_1904: bool = False
    from_workbook: bool = False
    default_unit: str = "L"
    deliveries_of: Callable[[list[int]], dict[int, int]] | None = None  # id -> member id
    needs_st: Callable[[date], bool] = field(default=lambda _day: False)  # scheme prices ST?


@dataclass
class Prepared:
    records: list[tuple[int, Any, str]] = field(default_factory=list)  # row, record, print
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    days: set[date] = field(default_factory=set)


def fingerprint(parts: list[object], seen: dict[str, int]) -> str:
    """A row's identity: its cleaned values (so 15,5 and 15.5, or a CSV and an XLSX of the
    same rows, give the same print), numbered when the file repeats an identical row."""
    base = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()
    n = seen.get(base, 0)
    seen[base] = n + 1
    if n == 0:
        return base
    return hashlib.blake2b(f"{base}#{n}".encode(), digest_size=16).hexdigest()


class Row:
    """One row's cells by field, with its problems collected."""

    def __init__(self, row: int, values: list[Cell], match: ColumnMatch, out: Prepared) -> None:
        self.row = row
        self.values = values
        self.columns = match.column_of
        self.out = out
        self.ok = True

    def get(self, key: str) -> Cell:
        i = self.columns.get(key)
        return self.values[i] if i is not None and i < len(self.values) else None

    def fail(self, error: CoopError, key: str | None = None) -> None:
        self.ok = False
        column = self.columns.get(key or error.field or "")
        self.out.problems.append(Problem(self.row, column, error))

    def convert(self, key: str, fn: Callable[[Cell], Any]) -> Any:
        value = self.get(key)
        if cells.is_blank(value):
            return None
        try:
            return fn(value)
        except CoopError as exc:
            self.fail(exc, key)
            return None


def _memo(fn: Callable[[Cell], Any]) -> Callable[[Cell], Any]:
    cache: dict[Cell, Any] = {}

    def cached(value: Cell) -> Any:
        try:
            return cache[value]
        except KeyError:
            result = cache[value] = fn(value)
            return result
        except TypeError:  # unhashable: never for cells, kept for safety
            return fn(value)

    return cached


def _member_of(r: Row, ctx: Context) -> tuple[int, str, str] | None:
    code = cells.text_cell(r.get("member"))
    dni = cells.text_cell(r.get("member_dni"))
    if code is None and dni is None:
        r.fail(ValidationError("required", "member"), "member" if "member" in r.columns else None)
        return None
    try:
        found = ctx.members.get(code.lower()) if code else ctx.dnis.get(v.dni(dni) or "")
    except CoopError as exc:  # a DNI that is not 8 digits
        r.fail(exc, "member_dni")
        return None
    if found is None:
        key = "member" if code else "member_dni"
        r.fail(NotFound("unknown_member", "member", value=code or dni), key)
    return found


def minor(value: Decimal, scale: int) -> int:
    """A validated value (at most `scale` decimals) in integer minor units, as stored."""
    return int(value.scaleb(scale))


def _measure_reader(key: str, ctx: Context) -> Callable[[Cell], Decimal]:
    """A measure cell read by the one number parser (density also in kg/m³ or degrees, as
    analyzers write it); its scale and range are checked by `clean_measures`."""

    def read(value: Cell) -> Decimal:
        number = cells.number_cell(value, key, None, ctx.decimal_comma)
        return cells.density_reading(number) if key == "density" else number

    return read


def prepare_tests(table: RawTable, match: ColumnMatch, ctx: Context) -> Prepared:
    out = Prepared()
    prints: dict[str, int] = {}
    keys = [k for k in MEASURES if k in match.column_of]
    wanted: dict[int, list[int]] = {}
    for row, values in table.rows:
        r = Row(row, values, match, out)
        member = _member_of(r, ctx)
        day = r.convert(
            "date",
            lambda c: cells.date_cell(
                c, "date", ctx.today, from_workbook=ctx.from_workbook, epoch_1904=ctx.epoch_1904
            ),
        )
        if day is None and r.ok:
            r.fail(ValidationError("required", "date"), "date")
        raw: dict[str, object] = {}
        for key in keys:
            spec = MEASURES[key]
            if spec.boolean:
                value = r.get(key)
                if not cells.is_blank(value):
                    raw[key] = cells.text_cell(value)
                continue
            number = r.convert(key, _measure_reader(key, ctx))
            if number is not None:
                raw[key] = number
        delivery = r.convert("delivery", lambda c: cells.integer_cell(c, "delivery"))
        lab = cells.text_cell(r.get("lab"))
        if not r.ok or member is None or day is None:
            continue
        try:
            clean = clean_measures(raw)
            full, derived = with_total_solids(clean, ctx.needs_st(day))
        except CoopError as exc:
            r.fail(exc, exc.field if exc.field in r.columns else None)
            continue
        out.days.add(day)
        if delivery is not None:
            wanted.setdefault(delivery, []).append(len(out.records))
        stored = {
            k: value if isinstance(value, bool) else minor(value, MEASURES[k].scale)
            for k, value in full.items()
        }
        record = (member[0], day, delivery, stored, lab, member[1], {"st"} if derived else set())
        # the print is of what the file says (a derived ST is the program's, not the file's)
        measures = [f"{k}={stored[k]}" for k in sorted(stored) if not (derived and k == "st")]
        out.records.append(
            (
                row,
                record,
                fingerprint(["test", member[1].lower(), day, delivery, lab, *measures], prints),
            )
        )
    if wanted and ctx.deliveries_of is not None:
        owners = ctx.deliveries_of(list(wanted))
        bad: set[int] = set()
        for delivery_id, positions in wanted.items():
            for pos in positions:
                row, record, _ = out.records[pos]
                owner = owners.get(delivery_id)
                if owner is None:
                    error: CoopError = NotFound("unknown_delivery", "delivery", value=delivery_id)
                elif owner != record[0]:
                    error = ValidationError(
                        "delivery_member_mismatch", "delivery", value=delivery_id, other=record[5]
                    )
                else:
                    continue
                out.problems.append(Problem(row, match.column_of.get("delivery"), error))
                bad.add(pos)
        out.records = [rec for i, rec in enumerate(out.records) if i not in bad]
    return out
