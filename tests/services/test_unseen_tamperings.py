"""What `coop check` did not see before, on both engines: a paid settlement's payment fields
(now also refused by a trigger), receipt numbers swapped, a delivery cut from a milk line, a
period marked paid with settlements to pay, and rows that only audited services change
(members, charges, loans, scheme versions, users) changed or added with raw SQL."""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Connection, text
from tests_support.clock import TODAY
from tests_support.users import PASSWORD

from coop_desktop.core.errors import Refused
from coop_desktop.services.accounts import add_loan
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.settlements import pay
from coop_desktop.services.users import add_user
from coop_desktop.storage.engine import Database

Q1 = "2026-10-q1"


@pytest.fixture
def paid(example: Database) -> Database:
    """2026-10-q1 closed, S0001's settlement paid by bank transfer, a loan and a user."""
    add_loan(example, "S0002", "120.00", 3, "Préstamo para forraje", "2026-10-01")
    close_period(example, Q1)
    pay(example, Q1, "bank", member_code="S0001", reference="OP-123", day=date(2026, 10, 16))
    add_user(example, "teso", "tesorero", PASSWORD)
    assert run_checks(example) == []
    return example


def test_a_payment_is_written_once_and_a_period_is_paid_only_when_all_is(paid: Database) -> None:
    refused_sql = [
        "UPDATE settlement SET paid_on = '2026-10-20' WHERE status = 'paid'",
        "UPDATE settlement SET payment_method = 'cash' WHERE status = 'paid'",
        "UPDATE settlement SET payment_reference = 'OP-999' WHERE status = 'paid'",
        "UPDATE settlement SET payment_method = 'cash' WHERE status = 'issued'",
        "UPDATE period SET status = 'paid' WHERE code = '2026-10-q1'",
    ]
    for sql in refused_sql:
        with pytest.raises(Refused) as err, paid.write() as s:
            s.execute(text(sql))
            pytest.fail(f"accepted: {sql}")
        assert err.value.code == "protected_data", sql
    assert run_checks(paid) == []
    # The program's own way still works: the rest paid, the period paid.
    assert pay(paid, Q1, "cash", day=TODAY) == 1
    assert run_checks(paid) == []


SWAP_SETTLEMENTS = (
    "UPDATE settlement SET number = 999 WHERE number = 1; "
    "UPDATE settlement SET number = 1 WHERE number = 2; "
    "UPDATE settlement SET number = 2 WHERE number = 999"
)
SWAP_RECEIPTS = (
    "UPDATE ledger_entry SET document_number = 'R001-X' WHERE document_number = 'R001-00000001'; "
    "UPDATE ledger_entry SET document_number = 'R001-00000001' WHERE document_number = "
    "'R001-00000002'; "
    "UPDATE ledger_entry SET document_number = 'R001-00000002' WHERE document_number = 'R001-X'"
)
TAMPERINGS: dict[str, tuple[str, str]] = {
    "paid_on": ("UPDATE settlement SET paid_on = '2026-10-20' WHERE status = 'paid'", "(fecha,"),
    "payment_method": (
        "UPDATE settlement SET payment_method = 'cash' WHERE status = 'paid'",
        " forma de pago,",
    ),
    "payment_reference": (
        "UPDATE settlement SET payment_reference = 'OP-999' WHERE status = 'paid'",
        " referencia) no es el que registró la auditoría",
    ),
    "settlement_numbers_swapped": (SWAP_SETTLEMENTS, "ni el cierre ni una anulación"),
    "receipt_numbers_swapped": (SWAP_RECEIPTS, "no coincide con lo que registró la auditoría"),
    "delivery_cut_from_a_milk_line": (
        "UPDATE settlement_line SET deliveries = substr(deliveries, 3) WHERE kind = 'milk' "
        "AND deliveries LIKE '1,%'",
        "las entregas que pagan",
    ),
    "period_paid_with_settlements_to_pay": (
        "UPDATE period SET status = 'paid' WHERE code = '2026-10-q1'",
        "figura pagado, pero 1 liquidaciones están por pagar",
    ),
    "user_role_raised": (
        "UPDATE app_user SET role = 'administrador' WHERE name = 'teso'",
        "usuario teso: role no coincide",
    ),
    "user_added": (
        "INSERT INTO app_user (name, full_name, role, active, failed_attempts, created_at) "
        "VALUES ('intrusa', '', 'administrador', true, 0, '2026-11-27 10:00:00')",
        "usuario intrusa: no hay registro",
    ),
    "member_changed": (
        "UPDATE member SET herd_size = 40 WHERE code = 'S0002'",
        "herd_size no coincide",
    ),
    "loan_stretched": ("UPDATE loan SET instalments = 12", "préstamo 1: instalments"),
    "charge_changed": (
        "UPDATE charge SET amount = amount * 2 WHERE kind = 'dues'",
        "cargo 1: amount",
    ),
    "scheme_rewritten": (
        "UPDATE price_scheme_version SET definition = replace(definition, '1.20', '1.10')",
        "versión de esquema 1: definition",
    ),
}


def test_check_reports_each_tampering_it_did_not_see(
    paid: Database, unprotect: Callable[[object], None]
) -> None:
    """All thirteen at once, after every trigger is dropped (each one is reported by words of
    its own, so one cannot hide or stand in for another)."""
    with paid.write() as s:
        unprotect(s)
        _drop_scheme_triggers(s.connection())
        for sql, _expected in TAMPERINGS.values():
            for statement in sql.split("; "):
                s.execute(text(statement))
    problems = run_checks(paid)
    missed = {n: e for n, (_sql, e) in TAMPERINGS.items() if not any(e in p for p in problems)}
    assert missed == {}, problems


def _drop_scheme_triggers(conn: Connection) -> None:
    """The guards of scheme versions a closed period was priced with (migration 0006)."""
    if conn.dialect.name == "sqlite":
        found = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"
        drop = "DROP TRIGGER {name}"
    else:
        found = (
            "SELECT tgname FROM pg_trigger WHERE tgrelid = CAST(:t AS regclass) "
            "AND NOT tgisinternal"
        )
        drop = "DROP TRIGGER {name} ON price_scheme_version"
    for name in list(conn.execute(text(found), {"t": "price_scheme_version"}).scalars()):
        conn.exec_driver_sql(drop.format(name=name))
