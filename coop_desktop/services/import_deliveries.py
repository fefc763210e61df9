"""Rows of a deliveries file turned into storage-ready records, by `clean_delivery` — the
rule every typed delivery obeys — and the closed-period guard.

The hot path of a 100,000-row import: a row's fields (quantity, date, shift, …) are
converted and validated once per distinct combination and the result reused (the functions
are pure: same cells, same answer, same refusal), so a file of a few hundred distinct dates
and quantities costs a few thousand validations, not a hundred thousand.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from coop_desktop.domain import import_cells as cells
from coop_desktop.domain import validation as v
from coop_desktop.domain.import_cells import Cell
from coop_desktop.domain.import_columns import QUANTITY_KEYS, ColumnMatch
from coop_desktop.errors import CoopError, NotFound, Refused, ValidationError
from coop_desktop.services.deliveries import clean_delivery
from coop_desktop.services.import_read import Problem, RawTable
from coop_desktop.services.import_rows import Context, Prepared, minor

Progress = Callable[[int, int], None]
FIELDS = (
    "quantity",
    "unit",
    "date",
    "shift",
    "reject_reason",
    "rejected",
    "temperature",
    "density",
    "alcohol_positive",
    "cooled",
)
Failure = list[tuple[str, CoopError]]  # (field, why)
Fields = tuple[tuple[Any, ...], str]  # (record tail, its text for the fingerprint)


class _Cleaner:
    """Converts and validates the non-member fields of a row; memoised by their cells."""

    def __init__(self, ctx: Context, qty_key: str | None) -> None:
        self.ctx = ctx
        self.default_unit = {"litres": "L", "kg": "kg"}.get(qty_key or "", ctx.default_unit)
        self.cache: dict[tuple[Cell, ...], Fields | Failure] = {}

    def __call__(self, raw: tuple[Cell, ...]) -> Fields | Failure:
        found = self.cache.get(raw)
        if found is None:
            found = self.cache[raw] = self._clean(raw)
        return found

    def _clean(self, raw: tuple[Cell, ...]) -> Fields | Failure:
        ctx = self.ctx
        qty, unit, day, shift, reason, rejected, temp, dens, alcohol, cooled = raw
        failed: Failure = []

        def convert(key: str, value: Cell, fn: Callable[[Cell], Any]) -> Any:
            if cells.is_blank(value):
                return None
            try:
                return fn(value)
            except CoopError as exc:
                failed.append((key, exc))
                return None

        comma = ctx.decimal_comma
        clean_qty = convert(
            "quantity", qty, lambda c: cells.number_cell(c, "quantity", v.QUANTITY_SCALE, comma)
        )
        if clean_qty is None and not failed:
            failed.append(("quantity", ValidationError("required", "quantity")))
        clean_day = convert(
            "date",
            day,
            lambda c: cells.date_cell(
                c, "date", ctx.today, from_workbook=ctx.from_workbook, epoch_1904=ctx.epoch_1904
            ),
        )
        if clean_day is None and not any(k == "date" for k, _ in failed):
            failed.append(("date", ValidationError("required", "date")))
        clean_shift = convert("shift", shift, lambda c: cells.choice_cell(c, "shift"))
        clean_unit = convert("unit", unit, lambda c: v.choice(cells.text_cell(c), v.UNITS, "unit"))
        clean_temp = convert(
            "temperature", temp, lambda c: cells.number_cell(c, "temperature", 1, comma)
        )
        clean_dens = convert("density", dens, lambda c: cells.number_cell(c, "density", 4, comma))
        flag_alcohol = convert(
            "alcohol_positive", alcohol, lambda c: cells.flag_cell(c, "alcohol_positive")
        )
        flag_cooled = convert("cooled", cooled, lambda c: cells.flag_cell(c, "cooled")) or False
        flag_rejected = convert("rejected", rejected, lambda c: cells.flag_cell(c, "rejected"))
        if failed:
            if clean_qty is not None:  # say all that is wrong: the quantity's own rule too
                try:
                    v.quantity(clean_qty)
                except CoopError as exc:
                    failed.append(("quantity", exc))
            return failed
        try:
            c = clean_delivery(
                clean_qty,
                clean_unit or self.default_unit,
                clean_day,
                clean_shift or "",
                reject_reason=cells.text_cell(reason),
                rejected=flag_rejected,
                temperature=clean_temp,
                density=clean_dens,
                today=ctx.today,
            )
        except CoopError as exc:
            return [(exc.field or "quantity", exc)]
        tail = (
            c.day,
            c.shift,
            minor(c.quantity, v.QUANTITY_SCALE),
            c.unit,
            None if c.temperature is None else minor(c.temperature, 1),
            None if c.density is None else minor(c.density, 4),
            flag_alcohol,
            flag_cooled,
            c.rejected,
            c.reject_reason,
        )
        return tail, "\x1f".join(map(str, tail))


def prepare_deliveries(
    table: RawTable, match: ColumnMatch, ctx: Context, progress: Progress | None = None
) -> Prepared:
    out = Prepared()
    columns = match.column_of
    qty_key = next((k for k in QUANTITY_KEYS if k in columns), None)
    where = {k: columns.get(k) for k in FIELDS}
    where["quantity"] = columns.get(qty_key or "")
    if where["reject_reason"] is None:  # a rejection without reason is the "rejected" cell
        where["reject_reason"] = where["rejected"]
    picks = [columns.get(qty_key or ""), *(columns.get(k) for k in FIELDS[1:])]
    member_column = columns.get("member", columns.get("member_dni"))
    cleaner = _Cleaner(ctx, qty_key)
    members: dict[Cell, tuple[int, str, str] | CoopError] = {}
    seen: dict[str, int] = {}
    total = len(table.rows)
    for n, (row, values) in enumerate(table.rows):
        if progress is not None and n % 10_000 == 0:
            progress(n, total)
        width = len(values)
        raw = tuple(values[i] if i is not None and i < width else None for i in picks)
        fields = cleaner(raw)
        key = values[member_column] if member_column is not None and member_column < width else None
        member = members.get(key)
        if member is None:
            member = members[key] = _member(values, columns, ctx)
        if isinstance(member, CoopError):
            out.problems.append(Problem(row, member_column, member))
        if isinstance(fields, list):
            for field, error in fields:
                out.problems.append(Problem(row, where.get(field), error))
            continue
        if isinstance(member, CoopError):
            continue
        tail, text = fields
        refusal = ctx.closed(tail[0])
        if refusal is not None:
            out.problems.append(Problem(row, where["date"], refusal))
            continue
        out.days.add(tail[0])
        base = hashlib.blake2b(f"d\x1f{member[1].lower()}\x1f{text}".encode(), digest_size=16)
        print_ = base.hexdigest()
        count = seen.get(print_, 0)
        seen[print_] = count + 1
        if count:  # an identical row again in the file: another delivery, another print
            print_ = hashlib.blake2b(f"{print_}#{count}".encode(), digest_size=16).hexdigest()
        out.records.append((row, (member[0], *tail), print_))
    return out


def _member(values: list[Cell], columns: dict[str, int], ctx: Context) -> Any:
    """The member a row names (by code, or by DNI), active; or why not."""

    def cell(key: str) -> str | None:
        i = columns.get(key)
        return cells.text_cell(values[i]) if i is not None and i < len(values) else None

    code, dni = cell("member"), cell("member_dni")
    if code is None and dni is None:
        return ValidationError("required", "member")
    try:
        found = ctx.members.get(code.lower()) if code else ctx.dnis.get(v.dni(dni) or "")
    except CoopError as exc:  # a DNI that is not 8 digits
        return exc
    if found is None:
        return NotFound("unknown_member", "member", value=code or dni)
    if found[2] != "active":
        return Refused("member_not_active", "member", value=found[1], status=found[2])
    return found
