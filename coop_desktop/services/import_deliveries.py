"""Rows of a deliveries file turned into storage-ready records, by the field rules every
typed delivery obeys (`deliveries.clean_delivery` is made of them: `v.quantity`,
`v.choice`, `v.not_future`, `quick_test`, `rejection`).

The hot path of a 100,000-row import: each cell is converted and validated once per
distinct value of its column and the result reused (the rules are pure: same cell, same
answer, same refusal), so a file with 2,000 members and quantities drawn from a continuous
range costs a few thousand validations per column, not one per row and field. Whether a
date falls in a closed period is decided later, after the rows already in the database are
set aside (`import_match`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from coop_desktop.core.errors import CoopError, NotFound, Refused, ValidationError
from coop_desktop.domain import import_cells as cells
from coop_desktop.domain import validation as v
from coop_desktop.domain.import_cells import Cell
from coop_desktop.domain.import_columns import QUANTITY_KEYS, QUANTITY_UNITS, ColumnMatch
from coop_desktop.services.deliveries import quick_test, rejection
from coop_desktop.services.import_rows import Context, Prepared, minor
from coop_desktop.services.import_table import Problem, RawTable

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
_FAILED = object()  # a memo's mark for a cell its rule refused


class _Column:
    """One field's rule applied to the distinct cells of its column, memoised."""

    __slots__ = ("errors", "key", "memo", "rule")

    def __init__(self, key: str, rule: Callable[[Cell], Any]) -> None:
        self.key = key
        self.rule = rule
        self.memo: dict[Cell, Any] = {}
        self.errors: dict[Cell, CoopError] = {}

    def __call__(self, cell: Cell) -> Any:
        try:
            return self.memo[cell]
        except KeyError:
            pass
        try:
            value = None if cells.is_blank(cell) else self.rule(cell)
        except CoopError as exc:
            self.errors[cell] = exc
            value = _FAILED
        self.memo[cell] = value
        return value


def _rules(ctx: Context) -> dict[str, Callable[[Cell], Any]]:
    comma = ctx.decimal_comma

    def quantity(c: Cell) -> int:
        return minor(v.quantity(cells.number_cell(c, "quantity", v.QUANTITY_SCALE, comma)), 3)

    def day(c: Cell) -> Any:
        return cells.date_cell(
            c, "date", ctx.today, from_workbook=ctx.from_workbook, epoch_1904=ctx.epoch_1904
        )

    def measured(key: str, scale: int) -> Callable[[Cell], int | None]:
        def read(c: Cell) -> int | None:
            value = quick_test(key, cells.number_cell(c, key, scale, comma))
            return None if value is None else minor(value, scale)

        return read

    return {
        "quantity": quantity,
        "unit": lambda c: v.choice(cells.text_cell(c), v.UNITS, "unit"),
        "date": day,
        "shift": lambda c: cells.choice_cell(c, "shift"),
        "reject_reason": cells.text_cell,
        "rejected": lambda c: cells.flag_cell(c, "rejected"),
        "temperature": measured("temperature", 1),
        "density": measured("density", 4),
        "alcohol_positive": lambda c: cells.flag_cell(c, "alcohol_positive"),
        "cooled": lambda c: cells.flag_cell(c, "cooled"),
    }


def prepare_deliveries(
    table: RawTable, match: ColumnMatch, ctx: Context, progress: Progress | None = None
) -> Prepared:
    out = Prepared()
    columns = match.column_of
    quantities = [(k, columns[k]) for k in QUANTITY_KEYS if k in columns]
    qty_key = quantities[0][0] if quantities else None
    where = {k: columns.get(k) for k in FIELDS}
    where["quantity"] = columns.get(qty_key or "")
    if where["reject_reason"] is None:  # a rejection without reason is the "rejected" cell
        where["reject_reason"] = where["rejected"]
    picks = [where["quantity"], *(columns.get(k) for k in FIELDS[1:])]
    rules = _rules(ctx)
    memo = [_Column(k, rules[k]) for k in FIELDS]
    default_unit = QUANTITY_UNITS.get(qty_key or "", ctx.default_unit)
    member_column = columns.get("member", columns.get("member_dni"))
    members: dict[Cell, tuple[int, str, str] | CoopError] = {}
    seen: dict[str, int] = {}
    total = len(table.rows)
    for n, (row, values) in enumerate(table.rows):
        if progress is not None and n % 10_000 == 0:
            progress(n, total)
        width = len(values)
        raw = [values[i] if i is not None and i < width else None for i in picks]
        unit_of, rejected_column = default_unit, False
        if len(quantities) > 1:  # litres and kg, accepted and rejected: the one filled in
            filled = [(k, i) for k, i in quantities if i < width and not cells.is_blank(values[i])]
            if len(filled) > 1:
                out.problems.append(
                    Problem(row, filled[1][1], ValidationError("two_quantities", "quantity"))
                )
                continue
            if filled:
                which, column = filled[0]
                raw[0] = values[column]
                unit_of = QUANTITY_UNITS.get(which, ctx.default_unit)
                rejected_column = which.startswith("rejected_")
        got = [m(c) for m, c in zip(memo, raw, strict=True)]
        key = values[member_column] if member_column is not None and member_column < width else None
        member = members.get(key)
        if member is None:
            member = members[key] = _member(values, columns, ctx)
        if isinstance(member, CoopError):
            out.problems.append(Problem(row, member_column, member))
        failed = (
            _failures(memo, raw, got)
            if _FAILED in got or got[0] is None or got[2] is None or got[3] is None
            else None
        )
        if failed:
            for field, error in failed:
                out.problems.append(Problem(row, where.get(field), error))
            continue
        if isinstance(member, CoopError):
            continue
        qty, unit, day, shift, reason, rejected, temp, dens, alcohol, cooled = got
        try:
            is_rejected, why = rejection(reason, True if rejected_column else rejected)
        except CoopError as exc:
            out.problems.append(Problem(row, where["reject_reason"], exc))
            continue
        tail = (
            day,
            shift,
            qty,
            unit or unit_of,
            temp,
            dens,
            alcohol,
            cooled or False,
            is_rejected,
            why,
        )
        text = "\x1f".join(map(str, tail))
        base = hashlib.blake2b(f"d\x1f{member[1].lower()}\x1f{text}".encode(), digest_size=16)
        print_ = base.hexdigest()
        count = seen.get(print_, 0)
        seen[print_] = count + 1
        if count:  # an identical row again in the file: another delivery, another print
            print_ = hashlib.blake2b(f"{print_}#{count}".encode(), digest_size=16).hexdigest()
        out.days.add(day)
        out.records.append((row, (member[0], *tail), print_))
    return out


def _failures(memo: list[_Column], raw: list[Cell], got: list[Any]) -> list[tuple[str, CoopError]]:
    """Every refusal of the row's cells, in the order of FIELDS; a missing quantity, date
    or shift is one too."""
    failed = [
        (m.key, m.errors[c]) for m, c, value in zip(memo, raw, got, strict=True) if value is _FAILED
    ]
    for i, key in ((0, "quantity"), (2, "date"), (3, "shift")):
        if got[i] is None:
            failed.append((key, ValidationError("required", key)))
    order = {k: i for i, k in enumerate(FIELDS)}
    return sorted(failed, key=lambda f: order[f[0]])


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
