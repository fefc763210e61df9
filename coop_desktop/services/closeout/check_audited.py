"""`coop check` through the audit chain: rows that only audited services change (members,
recurring charges, loans, scheme versions, users) must be as the audit trail last recorded
them, and none may exist without a record. A change made with raw SQL (a user's role raised,
a member's certification switched on, a loan's instalments changed) shows here; the audit
trail itself is proven by its hash chain (`coop audit verify`).

`AUDITED` is data: a feature with its own audited table (sales, practices) adds a line.
Services record a row with its column values in the audit's `after` (`context.row_dict`);
bulk writers (the demo) record many at once as {"rows": [...]}.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, Table, select, text

from coop_desktop.core.numbers import D
from coop_desktop.storage.models import Base


@dataclass(frozen=True, slots=True)
class AuditedRows:
    table: str
    entity: str  # the audit trail's name for it
    key: str  # the column the audit names a row by
    columns: tuple[str, ...]  # compared with the last values the audit recorded
    label: str  # in words
    required: bool = True  # a row without any record is a problem


_MEMBER_SKIP = {"id", "centre_id", "route_order", "search_key", "created_at"}
AUDITED: list[AuditedRows] = [
    AuditedRows(
        "member",
        "member",
        "id",
        tuple(c.name for c in Base.metadata.tables["member"].columns if c.name not in _MEMBER_SKIP),
        "socio",
    ),
    AuditedRows(
        "charge",
        "charge",
        "id",
        ("kind", "name", "amount", "per", "start_date", "end_date"),
        "cargo",
    ),
    AuditedRows(
        "loan",
        "loan",
        "id",
        ("member_id", "description", "principal", "instalments", "start_date"),
        "préstamo",
    ),
    AuditedRows(
        "price_scheme_version",
        "price_scheme_version",
        "id",
        ("scheme_id", "effective_from", "definition"),
        "versión de esquema",
    ),
    AuditedRows("app_user", "user", "name", ("full_name", "role", "active"), "usuario"),
]


def recorded_columns(table: str) -> tuple[str, ...]:
    """What a bulk writer records of each row of `table` it wrote: its key and the columns
    the check compares."""
    spec = next(a for a in AUDITED if a.table == table)
    return (spec.key, *spec.columns)


def _records(conn: Connection, entities: list[str]) -> Iterator[tuple[str, str, str, Any]]:
    """(entity, entity id, action, after) in the order they were written."""
    names = ", ".join(f"'{e}'" for e in entities)
    for entity, entity_id, action, after in conn.execute(
        text(
            f"SELECT entity, entity_id, action, after FROM audit_log WHERE entity IN ({names}) "
            "ORDER BY seq, id"
        )
    ):
        try:
            data = json.loads(after) if after else None
        except ValueError:
            data = None
        yield str(entity), "" if entity_id is None else str(entity_id), str(action), data


def audited_state(conn: Connection) -> dict[str, dict[str, dict[str, Any] | None]]:
    """Per entity, per row key: the values the audit last recorded (None: deleted)."""
    by_entity = {a.entity: a for a in AUDITED}
    state: dict[str, dict[str, dict[str, Any] | None]] = {a.entity: {} for a in AUDITED}
    for entity, entity_id, action, after in _records(conn, list(by_entity)):
        spec, rows = by_entity[entity], state[entity]
        if action == "delete":
            rows[entity_id] = None
            continue
        if not isinstance(after, dict):
            continue
        many = after.get("rows")
        for values in many if isinstance(many, list) else [after]:
            if not isinstance(values, dict):
                continue
            key = str(values.get(spec.key, entity_id) if many is not None else entity_id)
            known = rows.get(key) or {}
            rows[key] = {**known, **{c: values[c] for c in spec.columns if c in values}}
    return state


def _same(stored: Any, recorded: Any) -> bool:
    if stored is None or recorded is None:
        return stored is None and recorded is None
    if isinstance(stored, bool) or isinstance(recorded, bool):
        return bool(stored) == bool(recorded) and isinstance(recorded, (bool, int))
    if isinstance(stored, (Decimal, int)) and not isinstance(stored, bool):
        try:
            return D(str(stored)) == D(str(recorded))
        except InvalidOperation:
            return False
    if isinstance(stored, (date, datetime)):
        return stored.isoformat()[:10] == str(recorded)[:10]
    return str(stored) == str(recorded)


def rows_match_their_audit(conn: Connection) -> list[str]:
    problems: list[str] = []
    state = audited_state(conn)
    for spec in AUDITED:
        table: Table = Base.metadata.tables[spec.table]  # typed values (Fixed → Decimal)
        recorded = state[spec.entity]
        present: set[str] = set()
        for row in conn.execute(select(table)).mappings():
            key = str(row[spec.key])
            present.add(key)
            values = recorded.get(key)
            name = f"{spec.label} {key}"
            if values is None:
                if spec.required:
                    problems.append(f"{name}: no hay registro en la auditoría de quién lo creó")
                continue
            changed = [c for c in spec.columns if c in values and not _same(row[c], values[c])]
            if changed:
                problems.append(
                    f"{name}: {', '.join(changed)} no coincide con lo que registró la auditoría "
                    "(cambiado fuera del programa)"
                )
        for key, values in sorted(recorded.items()):
            if values is not None and key not in present and spec.required:
                problems.append(f"{spec.label} {key}: registrado en la auditoría, ya no existe")
    return problems


def _audit_after(conn: Connection, action: str, entity: str) -> Iterator[tuple[str, Any]]:
    for entity_id, after in conn.execute(
        text(
            "SELECT entity_id, after FROM audit_log WHERE action = :a AND entity = :e "
            "ORDER BY seq, id"
        ),
        {"a": action, "e": entity},
    ):
        try:
            data = json.loads(after) if after else {}
        except ValueError:
            data = {}
        if isinstance(data, dict):
            yield str(entity_id), data


def numbers_match_their_audit(conn: Connection) -> list[str]:
    """Each settlement carries the number its close (or the void that reissued it) gave that
    member: two numbers swapped, or a number moved to another member, show here."""
    given: dict[str, set[tuple[int, int]]] = {}  # period code → (member id, number)
    for code, data in _audit_after(conn, "close", "period"):
        pairs = data.get("settlements")
        if isinstance(pairs, list):
            given.setdefault(code, set()).update((int(m), int(n)) for m, n in pairs)
    reissued: set[tuple[int, int, int]] = set()  # (period id, member id, number)
    for _number, data in _audit_after(conn, "void", "settlement"):
        before, replaced = data.get("settlement") or {}, str(data.get("replaced_by", ""))
        digits = replaced.rpartition("-")[2]
        if isinstance(before, dict) and digits.isdigit():
            reissued.add((int(before["period_id"]), int(before["member_id"]), int(digits)))
    problems = []
    for period_id, code, member_id, member, series, number in conn.execute(
        text(
            "SELECT s.period_id, p.code, s.member_id, m.code, s.series, s.number FROM "
            "settlement s JOIN period p ON p.id = s.period_id JOIN member m ON m.id = "
            "s.member_id ORDER BY s.id"
        )
    ):
        if code not in given:  # closed before the close recorded its numbers
            continue
        if (member_id, number) in given[code] or (period_id, member_id, number) in reissued:
            continue
        problems.append(
            f"{code}: liquidación {series}-{number:08d} ({member}): ni el cierre ni una "
            "anulación dieron ese número a ese socio (números cambiados fuera del programa)"
        )
    return problems


def payments_match_their_audit(conn: Connection) -> list[str]:
    """A paid settlement's date, method and reference are the ones its payment recorded."""
    recorded: dict[int, dict[str, Any]] = {}
    for _code, data in _audit_after(conn, "pay", "period"):
        for sid in data.get("settlements", []):
            recorded[int(sid)] = data
    problems = []
    for sid, series, number, paid_on, method, reference in conn.execute(
        text(
            "SELECT id, series, number, paid_on, payment_method, payment_reference FROM "
            "settlement WHERE status = 'paid' ORDER BY id"
        )
    ):
        data = recorded.get(int(sid))
        if data is None:
            continue  # audit_covers says so
        changed = [
            name
            for name, key, stored in (
                ("fecha", "date", paid_on),
                ("forma de pago", "method", method),
                ("referencia", "reference", reference),  # recorded since this version
            )
            if key in data and not _same(stored, data[key])
        ]
        if changed:
            problems.append(
                f"liquidación {series}-{number:08d}: el pago guardado ({', '.join(changed)}) "
                "no es el que registró la auditoría"
            )
    return problems
