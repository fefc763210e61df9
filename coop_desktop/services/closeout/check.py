"""`coop check`: the database's own integrity plus the project's invariants.

Each check returns a list of problems in plain words; an empty list means all is well.
Later features add their invariants to CHECKS.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Connection, text

from coop_desktop.core.messages import measure_name
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.validation import MAX_DELIVERY_QUANTITY
from coop_desktop.services.closeout.check_money import MONEY_CHECKS
from coop_desktop.storage.engine import Database

Check = Callable[[Connection], list[str]]


def sqlite_integrity(conn: Connection) -> list[str]:
    if conn.dialect.name != "sqlite":
        return []
    problems = []
    rows = conn.exec_driver_sql("PRAGMA integrity_check").all()
    if [tuple(r) for r in rows] != [("ok",)]:
        problems += [f"integridad SQLite: {r[0]}" for r in rows]
    for r in conn.exec_driver_sql("PRAGMA foreign_key_check").all():
        problems.append(f"clave foránea rota: tabla {r[0]}, fila {r[1]} → {r[2]}")
    return problems


def deliveries_valid(conn: Connection) -> list[str]:
    problems = []
    max_minor = int(MAX_DELIVERY_QUANTITY * 1000)
    for row in conn.execute(
        text("SELECT id, quantity FROM delivery WHERE quantity <= 0 OR quantity > :mx"),
        {"mx": max_minor},
    ):
        problems.append(f"entrega {row[0]}: cantidad imposible ({row[1] / 1000})")
    for row in conn.execute(
        text(
            "SELECT id FROM delivery WHERE rejected = :t AND (reject_reason IS NULL "
            "OR reject_reason = '')"
        ),
        {"t": True},
    ):
        problems.append(f"entrega {row[0]}: rechazada sin motivo")
    for row in conn.execute(
        text(
            "SELECT id, unit, shift FROM delivery WHERE unit NOT IN ('L', 'kg') "
            "OR shift NOT IN ('am', 'pm')"
        )
    ):
        problems.append(f"entrega {row[0]}: unidad o turno inválido ({row[1]}, {row[2]})")
    return problems


def quality_in_range(conn: Connection) -> list[str]:
    problems = []
    for key, m in MEASURES.items():
        if m.boolean or m.minimum is None or m.maximum is None:
            continue
        factor = 10**m.scale
        lo, hi = int(m.minimum * factor), int(m.maximum * factor)
        for row in conn.execute(
            text(f"SELECT id, {key} FROM quality_test WHERE {key} < :lo OR {key} > :hi"),
            {"lo": lo, "hi": hi},
        ):
            problems.append(f"análisis {row[0]}: {measure_name(key)} imposible ({row[1] / factor})")
    return problems


def schemes_parse(conn: Connection) -> list[str]:
    problems = []
    for row in conn.execute(text("SELECT id, definition FROM price_scheme_version")):
        try:
            json.loads(row[1])
        except ValueError:
            problems.append(f"versión de esquema {row[0]}: definición ilegible")
    return problems


def closed_periods(conn: Connection) -> list[str]:
    from coop_desktop.services.closeout.check_periods import closed_periods_match

    return closed_periods_match(conn)


def period_statuses(conn: Connection) -> list[str]:
    from coop_desktop.services.closeout.check_periods import period_status_matches

    return period_status_matches(conn)


def audited_rows(conn: Connection) -> list[str]:
    from coop_desktop.services.closeout.check_audited import rows_match_their_audit

    return rows_match_their_audit(conn)


def numbers(conn: Connection) -> list[str]:
    from coop_desktop.services.closeout.check_audited import numbers_match_their_audit

    return numbers_match_their_audit(conn)


def payments(conn: Connection) -> list[str]:
    from coop_desktop.services.closeout.check_audited import payments_match_their_audit

    return payments_match_their_audit(conn)


def stranded_entries(conn: Connection) -> list[str]:
    """Deliveries and account movements dated behind a closed period (never settled, they
    block every later close), each with the command that moves it to the first open day."""
    from sqlalchemy.orm import Session

    from coop_desktop.services.closeout.stranded import find_stranded

    found = find_stranded(Session(bind=conn))
    shown = [s.sentence() for s in found[:STRANDED_SHOWN]]
    if len(found) > STRANDED_SHOWN:
        shown.append(
            f"… y {len(found) - STRANDED_SHOWN} entradas más así; `coop redate --all` las "
            "corrige todas"
        )
    return shown


STRANDED_SHOWN = 50

CHECKS: list[Check] = [
    sqlite_integrity,
    stranded_entries,
    deliveries_valid,
    quality_in_range,
    schemes_parse,
    closed_periods,
    period_statuses,
    *MONEY_CHECKS,
    numbers,
    payments,
    audited_rows,
]


def audit_chain(conn: Connection) -> list[str]:
    from coop_desktop.services.audit_trail import chain_problems

    return chain_problems(conn)


CHECKS.append(audit_chain)

from coop_desktop.services.sales.check import SALES_CHECKS  # noqa: E402 - the sales tables

CHECKS.extend(SALES_CHECKS)


def run_checks(db: Database) -> list[str]:
    """Every check's problems; a check that cannot run (a missing table, a damaged value) is
    itself a problem, named, and the others still run."""
    from sqlalchemy.exc import DBAPIError

    from coop_desktop.core.errors import CoopError

    problems: list[str] = []
    with db.engine.connect() as conn:
        for check in CHECKS:
            try:
                with conn.begin_nested() if conn.in_transaction() else conn.begin():
                    problems += check(conn)
            except (CoopError, DBAPIError, ValueError, KeyError) as exc:
                said = exc.render("es") if isinstance(exc, CoopError) else str(exc).splitlines()[0]
                problems.append(f"la verificación «{check.__name__}» no pudo hacerse: {said}")
    return problems
