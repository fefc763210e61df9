"""Roles are enforced in the services, on both engines: a collector cannot close, pay, void,
reopen, change schemes or users; the oversight committee writes nothing; refusals change
nothing and are themselves recorded in the audit trail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import text
from tests_support.clock import TODAY
from tests_support.services import writing_services
from tests_support.users import ADMIN, PASSWORD, act_as

from coop_desktop.core.errors import Forbidden
from coop_desktop.core.resources import resource_path
from coop_desktop.domain.roles import AUDIT_ONLY, ROLE_PERMISSIONS, Permission, Role
from coop_desktop.services import (
    accounts,
    deliveries,
    members,
    quality,
    schemes,
    settlements,
    users,
)
from coop_desktop.services import document_data as documents
from coop_desktop.services.audit_trail import list_audit
from coop_desktop.services.auth import sign_in
from coop_desktop.services.closeout import closing as closeout
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.storage.engine import Database

PERIOD = "2026-10"


@pytest.fixture
def books(association: Database) -> Database:
    """A member, October's deliveries, October closed and paid by the administrator."""
    db = association
    schemes.import_scheme(
        db, resource_path("schemes/peru-additive.json").read_text(), date(2026, 1, 1)
    )
    members.add_member(db, MemberDraft(code="S0001", given_names="Rosa", surnames="Mamani"))
    for day in (1, 2, 3):
        add_delivery(db, "S0001", "15", "L", date(2026, 10, day), "am", today=TODAY)
    quality.add_test(db, "S0001", "2026-10-02", {"st": "12.1", "ufc": "250000"}, today=TODAY)
    closeout.close_period(db, PERIOD)
    settlements.pay(db, PERIOD, "cash", day=date(2026, 11, 2))
    return db


def _counts(db: Database) -> dict[str, int]:
    tables = (
        "delivery",
        "quality_test",
        "ledger_entry",
        "settlement",
        "period",
        "member",
        "price_scheme_version",
        "app_user",
        "setting",
        "product",
        "charge",
        "loan",
    )
    with db.engine.connect() as conn:
        counts = {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in tables}
        counts["paid"] = conn.execute(
            text("SELECT COUNT(*) FROM settlement WHERE status = 'paid'")
        ).scalar_one()
    return counts


def _refused_rows(db: Database, user: str) -> list[str]:
    return [e.entity_id or "" for e in list_audit(db, user=user) if e.action == "refused"]


def test_a_collector_cannot_close_pay_void_reopen_or_change_schemes_or_users(
    books: Database,
) -> None:
    act_as(books, "quispe", Role.COLLECTOR.value)
    before = _counts(books)
    scheme = resource_path("schemes/peru-additive.json").read_text()
    attempts = [
        (Permission.CLOSE, lambda: closeout.close_period(books, "2026-11")),
        (Permission.PAY, lambda: settlements.pay(books, PERIOD, "cash")),
        (Permission.VOID, lambda: settlements.void_receipt(books, "L001-00000001", "roto")),
        (Permission.REOPEN, lambda: settlements.reopen_period(books, PERIOD, "error")),
        (
            Permission.REVERSE_PAYMENT,
            lambda: settlements.reverse_payment(books, PERIOD, "S0001", "error"),
        ),
        (Permission.SCHEMES, lambda: schemes.import_scheme(books, scheme, date(2026, 12, 1))),
        (Permission.USERS, lambda: users.add_user(books, "otro", "tesorero", PASSWORD)),
        (Permission.USERS, lambda: users.set_password(books, ADMIN, "otra-clave-1")),
        (Permission.USERS, lambda: users.set_active(books, ADMIN, False)),
        (Permission.ACCOUNTS, lambda: accounts.add_advance(books, "S0001", "50")),
        (Permission.MEMBERS, lambda: members.set_status(books, 1, "retired")),
    ]
    for _permission, attempt in attempts:
        with pytest.raises(Forbidden) as refused:
            attempt()
        message = refused.value.render("es")
        assert "acopiador" in message and "administrador" in message, message
    assert _counts(books) == before
    assert _refused_rows(books, "quispe") == [p.value for p, _ in attempts]


def test_a_collector_records_deliveries_and_tests_of_the_open_period_only(
    books: Database,
) -> None:
    act_as(books, "quispe", Role.COLLECTOR.value)
    today = TODAY
    saved = add_delivery(books, "S0001", "12.5", "L", today, "am")
    assert saved.recorded_by == "quispe"
    quality.add_test(books, "S0001", today, {"fat": "3.6"})
    deliveries.update_delivery(books, saved.id, "13")
    old = today.replace(day=1) - timedelta(days=40)
    with pytest.raises(Forbidden) as refused:
        add_delivery(books, "S0001", "10", "L", old, "am")
    assert refused.value.code == "collector_period"
    assert old.strftime("%d/%m/%Y") in refused.value.render("es")
    with pytest.raises(Forbidden):
        quality.add_test(books, "S0001", old, {"fat": "3.6"})
    assert "collect" in _refused_rows(books, "quispe")


def test_the_oversight_committee_writes_nothing_but_reads_and_prints(books: Database) -> None:
    act_as(books, "consejo", Role.OVERSIGHT.value)
    before = _counts(books)
    for _name, fn in writing_services():
        permission = fn.required_permission  # type: ignore[attr-defined]
        if permission in AUDIT_ONLY:
            continue
        with pytest.raises(Forbidden):
            fn(books)  # the check runs before the function reads any argument
    with pytest.raises(Forbidden), books.write() as session:  # and no way around the services
        session.execute(text("DELETE FROM setting"))
    with pytest.raises(Forbidden), books.write_connection():
        pass
    assert _counts(books) == before
    # Reading, printing (recorded, so the next print is a COPIA) and checking are allowed.
    assert settlements.settlement_for(books, "S0001", PERIOD).status == "paid"
    assert documents.receipts(books, PERIOD)[0].mark in ("", "COPIA")
    assert documents.receipts(books, PERIOD)[0].mark == "COPIA"
    assert [e.user for e in list_audit(books, entity="settlement")][-1] == "consejo"
    assert _counts(books) == before


def test_every_role_table_entry_is_enforced(books: Database) -> None:
    """For each role, every writing service outside its permissions is refused."""
    for role in (Role.TREASURER, Role.COLLECTOR):
        act_as(books, role.value[:6], role.value)
        for _name, fn in writing_services():
            permission = fn.required_permission  # type: ignore[attr-defined]
            if permission in ROLE_PERMISSIONS[role]:
                continue
            with pytest.raises(Forbidden):
                fn(books)
        sign_in(books, ADMIN, PASSWORD, for_command=True)


def test_an_undeclared_write_is_refused_to_everyone_but_an_administrator(
    books: Database,
) -> None:
    def forgot_to_declare(db: Database) -> None:
        with db.write() as session:
            session.execute(text("INSERT INTO setting (key, value) VALUES ('x', 'y')"))

    act_as(books, "tesorera", Role.TREASURER.value)
    with pytest.raises(Forbidden) as refused:
        forgot_to_declare(books)
    assert "no declara qué permiso necesita" in refused.value.render("es")
    sign_in(books, ADMIN, PASSWORD, for_command=True)
    forgot_to_declare(books)  # administrators hold every permission


def test_nobody_signed_in_reads_or_writes_nothing(books: Database) -> None:
    books.principal = None
    with pytest.raises(Forbidden) as refused:
        settlements.settlement_for(books, "S0001", PERIOD)
    assert refused.value.code == "sign_in_required"
    with pytest.raises(Forbidden):
        members.add_member(books, MemberDraft(code="S9", given_names="A", surnames="B"))


def test_sensitive_actions_ask_for_the_password_again_in_the_desktop(books: Database) -> None:
    sign_in(books, ADMIN, PASSWORD)  # the desktop: not for one command
    with pytest.raises(Forbidden) as refused:
        settlements.reverse_payment(books, PERIOD, "S0001", "pago a otra persona")
    assert refused.value.code == "reauth_required"
    asked: list[str] = []
    books.ask_password = lambda action: asked.append(action) or "equivocada"
    with pytest.raises(Forbidden) as refused:
        settlements.reverse_payment(books, PERIOD, "S0001", "pago a otra persona")
    assert refused.value.code == "wrong_password"
    books.ask_password = lambda action: asked.append(action) or PASSWORD
    assert settlements.reverse_payment(books, PERIOD, "S0001", "pago a otra persona")
    assert asked == ["reverse_payment", "reverse_payment"]
    assert settlements.settlement_for(books, "S0001", PERIOD).status == "issued"
    # Not sensitive: recording payments again needs no second password.
    books.ask_password = None
    assert settlements.pay(books, PERIOD, "bank", day=date(2026, 11, 3)) == 1


def test_reversing_a_payment_offsets_the_entry_and_is_audited_with_before_and_after(
    books: Database,
) -> None:
    settlements.reverse_payment(books, PERIOD, "S0001", "se pagó a otra persona")
    lines = accounts.ledger(books, "S0001")
    payments = [ln for ln in lines if ln.kind == "payment"]
    assert len(payments) == 2 and payments[0].amount == -payments[1].amount
    entry = [e for e in list_audit(books) if e.action == "reverse_payment"][-1]
    assert isinstance(entry.before, dict) and isinstance(entry.after, dict)
    assert entry.before["settlements"][0]["status"] == "paid"
    assert entry.after["settlements"][0]["status"] == "issued"
    assert entry.user == ADMIN
