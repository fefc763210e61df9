"""The database's own defence of the money: triggers that no code path or raw SQL gets past.

- Append-only tables (ledger entries, settlement lines, the audit log): no UPDATE, no DELETE.
- Settlements, periods and document counters: no DELETE; UPDATE only of the fields and along
  the status transitions the program itself makes (a settlement's amounts never change; a
  closed period's totals never change while it stays closed; a counter only grows).
- SQLite's `INSERT OR REPLACE` deletes the row it replaces without firing DELETE triggers
  (unless recursive triggers are on), so every protected table also refuses an INSERT whose
  key already exists. PostgreSQL's TRUNCATE fires no row trigger, so each protected or frozen
  table has a statement trigger that refuses it.
- On PostgreSQL every write dated in a period takes a shared advisory lock on the month it
  falls in (inside the closed-period trigger), and a close takes the same locks exclusively:
  a delivery saved by another PC while a period closes either commits before the close reads
  (and is settled) or waits and is then refused as inside a closed period.

`expected_triggers()` names every trigger, so `coop check` can verify they all exist.
Migrations create them through `create_all()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from coop_desktop.storage.columns import table_columns as model_columns

# Tables whose rows carry money or its numbering, and the keys an INSERT OR REPLACE could hit.
APPEND_ONLY = (
    "ledger_entry",
    "settlement_line",
    "audit_log",
    # selling the milk (storage/sales_models.py): annulled or reversed, never changed
    "buyer_price",
    "dispatch",
    "dispatch_reception",
    "buyer_entry",
    "tank_reading",
    "expense",
    "plant_batch",
    "sales_void",
    # the practices a member adopted and left (services/practices.py)
    "member_practice",
)
KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "member_practice": (("id",),),
    "ledger_entry": (("id",), ("document_number",), ("reverses_id",)),
    "settlement_line": (("id",),),
    "audit_log": (("id",), ("seq",)),
    "settlement": (("id",), ("series", "number")),
    "period": (("id",), ("code",)),
    "document_counter": (("series",),),
    "delivery": (("id",), ("ticket_series", "ticket_number")),
    "quality_test": (("id",),),
    "price_scheme_version": (("id",), ("scheme_id", "effective_from")),
    "buyer_price": (("id",), ("buyer_id", "effective_from")),
    "dispatch": (("id",), ("guide_series", "guide_number")),
    "dispatch_reception": (("id",),),
    "buyer_entry": (("id",), ("reverses_id",)),
    "tank_reading": (("id",),),
    "expense": (("id",), ("reverses_id",)),
    "plant_batch": (("id",),),
    "sales_void": (("id",), ("entity", "entity_id")),
}
# Keys no UPDATE may change on the frozen and scheme tables: SQLite's UPDATE OR REPLACE onto
# an existing key deletes that other row without firing its DELETE triggers.
FIXED_KEYS = {
    "delivery": ("id", "ticket_series", "ticket_number"),
    "quality_test": ("id",),
    "price_scheme_version": ("id", "scheme_id", "effective_from"),
}
# Tables a closed period freezes (date column), guarded by the closed-period triggers.
FROZEN = (
    ("delivery", "date"),
    ("quality_test", "sample_date"),
    ("ledger_entry", "date"),
    ("dispatch", "date"),
    ("dispatch_reception", "date"),
    ("buyer_entry", "date"),
    ("tank_reading", "date"),
    ("expense", "date"),
    ("plant_batch", "date"),
    ("sales_void", "date"),
)
NO_TRUNCATE = (*KEYS, "quality_test", "price_scheme_version")
LOCK_CLASS = 0x636F  # advisory lock class id: "co"(op), months are the object ids
TERMS_KEY = -1  # the object id a close takes exclusively and new charges and loans share

# UPDATE conditions that are refused; {ne} is "IS NOT" (SQLite) or "IS DISTINCT FROM".
_PAYMENT_FIELDS = ("paid_on", "payment_method", "payment_reference")
# Everything of a settlement but its status, the payment's fields and a void's reason: read
# from the table, so a column added to it is protected from the start.
_SETTLEMENT_FIXED = (
    "id",
    *model_columns("settlement", leave_out=("status", *_PAYMENT_FIELDS, "void_reason")),
)
_SETTLEMENT_MOVES = (
    "OLD.status = NEW.status",
    "OLD.status = 'issued' AND NEW.status IN ('paid', 'void')",
    "OLD.status = 'paid' AND NEW.status = 'issued'",
)
_PERIOD_MOVES = (
    "OLD.status = NEW.status",
    "OLD.status = 'open' AND NEW.status = 'closed'",
    "OLD.status = 'closed' AND NEW.status IN ('open', 'paid')",
    "OLD.status = 'paid' AND NEW.status = 'closed'",
)


def _changed(columns: tuple[str, ...], ne: str) -> str:
    return " OR ".join(f"NEW.{c} {ne} OLD.{c}" for c in columns)


def _any_of(cases: tuple[str, ...]) -> str:
    return " OR ".join(f"({c})" for c in cases)


def settlement_update_refused(ne: str) -> str:
    """Besides the fixed fields and the moves: a payment's fields are written once, when the
    settlement becomes paid (with a date and a method), cleared only when the payment is
    reversed, and never set on a settlement that is not paid."""
    unpaid_fields = " OR ".join(f"NEW.{c} IS NOT NULL" for c in _PAYMENT_FIELDS)
    return (
        f"{_changed(_SETTLEMENT_FIXED, ne)} OR OLD.status = 'void' "
        f"OR NOT ({_any_of(_SETTLEMENT_MOVES)}) "
        f"OR (NEW.status <> 'void' AND NEW.void_reason IS NOT NULL) "
        f"OR (NEW.status = 'void' AND NEW.void_reason IS NULL) "
        f"OR (OLD.status = 'paid' AND NEW.status = 'paid' AND ({_changed(_PAYMENT_FIELDS, ne)})) "
        f"OR (NEW.status <> 'paid' AND ({unpaid_fields})) "
        "OR (NEW.status = 'paid' AND (NEW.paid_on IS NULL OR NEW.payment_method IS NULL))"
    )


def period_update_refused(ne: str) -> str:
    """Besides the fixed fields and the moves: a period reopens only once none of its
    settlements is current (the program voids them first), closes only with totals, and is
    paid only once none of its settlements is still to pay."""
    closed_fields = _changed(("totals", "closed_at", "closed_by"), ne)
    return (
        f"{_changed(('id', 'code', 'start_date', 'end_date'), ne)} "
        f"OR NOT ({_any_of(_PERIOD_MOVES)}) "
        f"OR (OLD.status <> 'open' AND NEW.status <> 'open' AND ({closed_fields})) "
        "OR (OLD.status = 'open' AND NEW.status = 'closed' AND NEW.totals IS NULL) "
        "OR (OLD.status <> 'open' AND NEW.status = 'open' AND EXISTS (SELECT 1 FROM "
        "settlement s WHERE s.period_id = OLD.id AND s.status <> 'void')) "
        "OR (OLD.status <> 'paid' AND NEW.status = 'paid' AND EXISTS (SELECT 1 FROM "
        "settlement s WHERE s.period_id = OLD.id AND s.status = 'issued'))"
    )


def counter_update_refused(ne: str) -> str:
    return f"NEW.series {ne} OLD.series OR NEW.last_number < OLD.last_number"


def fixed_keys_rule(table: str) -> Callable[[str], str]:
    return lambda ne: _changed(FIXED_KEYS[table], ne)


UPDATE_RULES: dict[str, Callable[[str], str]] = {
    "settlement": settlement_update_refused,
    "period": period_update_refused,
    "document_counter": counter_update_refused,
}
KEY_RULES: dict[str, Callable[[str], str]] = {t: fixed_keys_rule(t) for t in FIXED_KEYS}


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    create: str
    drop: str


def month_key(day: date) -> int:
    """The advisory lock object id of the month holding `day`."""
    return day.year * 12 + day.month - 1


Columns = Callable[[str], set[str]]


def table_columns(bind: Any) -> Columns:
    """For migrations: the columns each table has at this revision (none: not created yet)."""
    from sqlalchemy import inspect

    def columns(table: str) -> set[str]:
        inspector = inspect(bind)  # a fresh one: an inspector caches what it has read
        if not inspector.has_table(table):
            return set()
        return {c["name"] for c in inspector.get_columns(table)}

    return columns


def _sqlite_triggers(columns: Columns | None = None) -> list[Trigger]:
    out: list[Trigger] = []

    def add(name: str, table: str, timing: str, when: str | None, message: str) -> None:
        cond = f" WHEN {when}" if when else ""
        out.append(
            Trigger(
                name,
                table,
                f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {timing} ON {table}{cond} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
                f"DROP TRIGGER IF EXISTS {name}",
            )
        )

    for table, all_keys in KEYS.items():
        # A migration creates these before later revisions add some key columns (the audit's
        # `seq`): keys whose columns do not exist yet wait for the next create_all.
        have = columns(table) if columns is not None else None
        keys = [k for k in all_keys if have is None or set(k) <= have]
        clash = " OR ".join(
            "EXISTS (SELECT 1 FROM {t} WHERE {c})".format(
                t=table, c=" AND ".join(f"{k} = NEW.{k}" for k in key)
            )
            for key in keys
        )
        add(f"{table}_no_replace", table, "INSERT", clash, f"protected row: {table} key exists")
    for table in APPEND_ONLY:
        if table == "audit_log":  # created by migration 0001 under these names
            add("audit_log_no_update", table, "UPDATE", None, "audit_log is append-only")
            add("audit_log_no_delete", table, "DELETE", None, "audit_log is append-only")
            continue
        add(f"{table}_no_update", table, "UPDATE", None, f"append-only: {table}")
        add(f"{table}_no_delete", table, "DELETE", None, f"append-only: {table}")
    for table, rule in UPDATE_RULES.items():
        add(f"{table}_no_delete", table, "DELETE", None, f"protected row: {table}")
        add(f"{table}_guard_update", table, "UPDATE", rule("IS NOT"), f"protected row: {table}")
    for table, rule in KEY_RULES.items():
        add(f"{table}_fixed_keys", table, "UPDATE", rule("IS NOT"), f"protected row: {table}")
    # Dates compared as dates (a stored '2026-09-30 00:00:00' is still the 30th), and only
    # canonical YYYY-MM-DD dates may be written at all.
    closed = (
        "SELECT 1 FROM period WHERE status <> 'open' AND date({d}) BETWEEN start_date AND end_date"
    )
    for table, col in FROZEN:
        old, new = closed.format(d=f"OLD.{col}"), closed.format(d=f"NEW.{col}")
        odd = f"NEW.{col} IS NOT date(NEW.{col})"
        for op, when in (
            ("insert", f"EXISTS ({new}) OR {odd}"),
            ("update", f"EXISTS ({old}) OR EXISTS ({new}) OR {odd}"),
            ("delete", f"EXISTS ({old})"),
        ):
            add(f"{table}_closed_{op}", table, op.upper(), when, f"closed period: {table}")
    return out


_PG_REFUSE = (
    "CREATE OR REPLACE FUNCTION coop_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation'; "
    "END $$"
)


def _pg_closed_function(table: str, col: str) -> str:
    """One statement-level check per table (rows seen through the statement's transition
    tables): a bulk insert of 100,000 deliveries runs it once, not once per row. It takes
    the months of the rows shared (a close holds them exclusively), then refuses any row
    dated inside a closed period."""
    return (
        f"CREATE OR REPLACE FUNCTION refuse_in_closed_period_{table}() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP = 'INSERT' THEN "
        f"PERFORM pg_advisory_xact_lock_shared({LOCK_CLASS}, m) FROM (SELECT DISTINCT "
        f"(extract(year from {col}) * 12 + extract(month from {col}) - 1)::int AS m "
        "FROM new_rows) months; "
        f"IF EXISTS (SELECT 1 FROM new_rows n JOIN period p ON n.{col} BETWEEN p.start_date "
        "AND p.end_date WHERE p.status <> 'open') THEN "
        "RAISE EXCEPTION 'closed period: %', TG_TABLE_NAME "
        "USING ERRCODE = 'integrity_constraint_violation'; END IF; "
        "ELSIF TG_OP = 'DELETE' THEN "
        f"PERFORM pg_advisory_xact_lock_shared({LOCK_CLASS}, m) FROM (SELECT DISTINCT "
        f"(extract(year from {col}) * 12 + extract(month from {col}) - 1)::int AS m "
        "FROM old_rows) months; "
        f"IF EXISTS (SELECT 1 FROM old_rows o JOIN period p ON o.{col} BETWEEN p.start_date "
        "AND p.end_date WHERE p.status <> 'open') THEN "
        "RAISE EXCEPTION 'closed period: %', TG_TABLE_NAME "
        "USING ERRCODE = 'integrity_constraint_violation'; END IF; "
        "ELSE "
        f"PERFORM pg_advisory_xact_lock_shared({LOCK_CLASS}, m) FROM (SELECT DISTINCT "
        f"(extract(year from d) * 12 + extract(month from d) - 1)::int AS m FROM "
        f"(SELECT {col} AS d FROM old_rows UNION ALL SELECT {col} FROM new_rows) r) months; "
        f"IF EXISTS (SELECT 1 FROM (SELECT {col} AS d FROM old_rows UNION ALL SELECT {col} "
        "FROM new_rows) r JOIN period p ON r.d BETWEEN p.start_date AND p.end_date "
        "WHERE p.status <> 'open') THEN "
        "RAISE EXCEPTION 'closed period: %', TG_TABLE_NAME "
        "USING ERRCODE = 'integrity_constraint_violation'; END IF; "
        "END IF; RETURN NULL; END $$"
    )


def _pg_guard_function(table: str, rule: Callable[[str], str]) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION coop_guard_{table}() RETURNS trigger LANGUAGE plpgsql "
        f"AS $$ BEGIN IF {rule('IS DISTINCT FROM')} THEN RAISE EXCEPTION "
        f"'protected row: {table}' USING ERRCODE = 'integrity_constraint_violation'; "
        "END IF; RETURN NEW; END $$"
    )


PG_FUNCTIONS = (
    _PG_REFUSE,
    *(_pg_closed_function(t, c) for t, c in FROZEN),
    *(_pg_guard_function(t, r) for t, r in {**UPDATE_RULES, **KEY_RULES}.items()),
)


def _pg_drop(name: str, table: str) -> str:
    """Drop a trigger if its table exists: an early revision refreshing the triggers runs
    before later revisions have created their tables."""
    return (
        f"DO $$ BEGIN IF to_regclass('{table}') IS NOT NULL THEN "
        f"DROP TRIGGER IF EXISTS {name} ON {table}; END IF; END $$"
    )


def _pg_triggers() -> list[Trigger]:
    out: list[Trigger] = []

    def add(name: str, table: str, timing: str, level: str, when: str | None, fn: str) -> None:
        cond = f" WHEN ({when})" if when else ""
        out.append(
            Trigger(
                name,
                table,
                f"CREATE TRIGGER {name} BEFORE {timing} ON {table} FOR EACH {level}{cond} "
                f"EXECUTE FUNCTION {fn}",
                _pg_drop(name, table),
            )
        )

    for table in APPEND_ONLY:
        if table == "audit_log":  # migration 0001's trigger and function
            continue
        add(
            f"{table}_append_only",
            table,
            "UPDATE OR DELETE",
            "ROW",
            None,
            f"coop_refuse('append-only: {table}')",
        )
    for table in UPDATE_RULES:
        refuse = f"coop_refuse('protected row: {table}')"
        add(f"{table}_no_delete", table, "DELETE", "ROW", None, refuse)
        # a function, not a WHEN clause: the period rule needs a subquery
        add(f"{table}_guard_update", table, "UPDATE", "ROW", None, f"coop_guard_{table}()")
    for table in KEY_RULES:
        add(f"{table}_fixed_keys", table, "UPDATE", "ROW", None, f"coop_guard_{table}()")
    for table in NO_TRUNCATE:
        add(
            f"{table}_no_truncate",
            table,
            "TRUNCATE",
            "STATEMENT",
            None,
            f"coop_refuse('protected table: {table}')",
        )
    for table, _col in FROZEN:
        for op, tables in (
            ("insert", "NEW TABLE AS new_rows"),
            ("update", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("delete", "OLD TABLE AS old_rows"),
        ):
            name = f"{table}_closed_{op}"
            out.append(
                Trigger(
                    name,
                    table,
                    f"CREATE TRIGGER {name} AFTER {op.upper()} ON {table} REFERENCING "
                    f"{tables} FOR EACH STATEMENT EXECUTE FUNCTION "
                    f"refuse_in_closed_period_{table}()",
                    _pg_drop(name, table),
                )
            )
    return out


def _existing(columns: Columns) -> Columns:
    """`columns` that answers an empty set for a table that does not exist yet."""

    def safe(table: str) -> set[str]:
        try:
            return columns(table)
        except Exception:  # the inspector's NoSuchTableError
            return set()

    return safe


def triggers(dialect: str, columns: Columns | None = None) -> list[Trigger]:
    """Every protective trigger; given `columns` (a migration), only those whose table
    exists at that revision."""
    if columns is not None:
        columns = _existing(columns)
    found = _sqlite_triggers(columns) if dialect == "sqlite" else _pg_triggers()
    if columns is None:
        return found
    tables = {t.table for t in found}
    present = {table for table in tables if columns(table)}
    return [t for t in found if t.table in present]


def expected_triggers(dialect: str) -> set[str]:
    names = {t.name for t in triggers(dialect)}
    return names | ({"audit_log_append_only"} if dialect != "sqlite" else set())


def create_all(
    execute: Callable[[str], object], dialect: str, columns: Columns | None = None
) -> None:
    """Create (or re-create) every protective trigger; `execute` runs one DDL statement,
    `columns(table)` (for migrations) names the columns a table has at that revision."""
    if dialect != "sqlite":
        for fn in PG_FUNCTIONS:
            execute(fn)
    for t in triggers(dialect, columns):
        execute(t.drop)
        execute(t.create)


def drop_all(
    execute: Callable[[str], object], dialect: str, columns: Columns | None = None
) -> None:
    for t in triggers(dialect, columns):
        execute(t.drop)
    if dialect != "sqlite":  # the row-level triggers of migration 0003
        for table, _col in FROZEN:
            execute(_pg_drop(f"{table}_closed", table))
