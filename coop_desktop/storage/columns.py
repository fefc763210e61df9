"""Column lists for the bulk paths (the close's writer, imports, the demo), read from the
tables themselves so they cannot drift from the model or from each other: a path that leaves
a column to its default says which, by name."""

from __future__ import annotations

from collections.abc import Iterable

from coop_desktop.storage.models import Base


def table_columns(table: str, *, leave_out: Iterable[str] = ()) -> tuple[str, ...]:
    """`table`'s columns in the table's order, less its id and `leave_out`."""
    skip = {"id", *leave_out}
    known = {c.name for c in Base.metadata.tables[table].columns}
    unknown = skip - known - {"id"}
    if unknown:
        raise KeyError(f"{table} has no column {sorted(unknown)}")
    return tuple(c.name for c in Base.metadata.tables[table].columns if c.name not in skip)
