"""Signing in on both engines: the first administrator, wrong passwords, lockout after five
with an increasing delay, disabled and unknown users, and every refusal in the audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests_support.users import ADMIN, PASSWORD, act_as

from coop_desktop.core import clock
from coop_desktop.core.errors import Forbidden, ValidationError
from coop_desktop.domain.roles import Role, lockout_minutes
from coop_desktop.services import auth, passwords, users
from coop_desktop.services.audit_trail import list_audit
from coop_desktop.storage.engine import Database


def _sign_in_fails(db: Database, name: str, password: str) -> Forbidden:
    with pytest.raises(Forbidden) as refused:
        auth.sign_in(db, name, password)
    return refused.value


def test_lockout_after_five_wrong_passwords_with_an_increasing_delay(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    users.add_user(db, "tesorera", "tesorero", "clave-tesorera")
    for attempt in range(1, 5):
        refused = _sign_in_fails(db, "tesorera", "no-es-esta")
        assert refused.code == "wrong_password"
        assert f"{5 - attempt} intentos" in refused.render("es")
    refused = _sign_in_fails(db, "tesorera", "no-es-esta")  # the fifth
    assert refused.code == "account_locked"
    # Locked: even the right password is refused, and says until when.
    refused = _sign_in_fails(db, "tesorera", "clave-tesorera")
    assert refused.code == "account_locked" and "bloqueada" in refused.render("es")
    # A minute later it opens; one more wrong password locks it for two minutes.
    clock.advance(timedelta(minutes=1, seconds=5))
    later = clock.now()
    assert _sign_in_fails(db, "tesorera", "otra-vez-mal").code == "account_locked"
    info = {u.name: u for u in users.list_users(db)}["tesorera"]
    assert info.failed_attempts == 6
    assert info.locked_until is not None
    assert info.locked_until - later >= timedelta(minutes=1, seconds=50)
    assert [lockout_minutes(n) for n in (4, 5, 6, 7, 8)] == [0, 1, 2, 4, 8]
    # An administrator's new password lifts the lock.
    users.set_password(db, "tesorera", "clave-nueva-1")
    assert auth.sign_in(db, "tesorera", "clave-nueva-1").role is Role.TREASURER
    failures = [e for e in list_audit(db, user="tesorera") if e.action == "sign_in_failed"]
    assert [e.after["reason"] for e in failures] == ["wrong_password"] * 5 + [  # type: ignore[index]
        "locked",
        "wrong_password",
    ]


def test_a_successful_sign_in_resets_the_count(db: Database) -> None:
    users.add_user(db, "tesorera", "tesorero", "clave-tesorera")
    for _ in range(4):
        _sign_in_fails(db, "tesorera", "mal")
    auth.sign_in(db, "tesorera", "clave-tesorera")
    assert _sign_in_fails(db, "tesorera", "mal").render("es").count("4 intentos") == 1


def test_unknown_and_disabled_users_are_refused_by_name(db: Database) -> None:
    refused = _sign_in_fails(db, "nadie", PASSWORD)
    assert refused.code == "unknown_user" and "nadie" in refused.render("es")
    users.add_user(db, "apaza", "acopiador", "clave-apaza")
    users.set_active(db, "apaza", False)
    refused = _sign_in_fails(db, "apaza", "clave-apaza")
    assert refused.code == "user_disabled"
    with pytest.raises(Exception) as last:
        users.set_active(db, ADMIN, False)
    assert "único administrador" in last.value.render("es")  # type: ignore[attr-defined]
    reasons = [e.after["reason"] for e in list_audit(db) if e.action == "sign_in_failed"]  # type: ignore[index]
    assert reasons == ["unknown_user", "disabled"]


def test_passwords_have_a_minimum_length_and_are_stored_as_argon2id(db: Database) -> None:
    with pytest.raises(ValidationError) as short:
        users.add_user(db, "corta", "tesorero", "1234567")
    assert "al menos 8" in short.value.render("es")
    users.add_user(db, "larga", "tesorero", "12345678")
    with db.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT password_hash FROM app_user WHERE name = 'larga'"
        ).scalar_one()
    assert stored.startswith("$argon2id$") and "12345678" not in stored
    assert passwords.HASHER.verify(stored, "12345678")


def test_a_password_is_rehashed_with_the_shipped_parameters_at_sign_in(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests hash cheaply; the shipped hasher is Argon2id, 32 MiB, 2 passes, 1 lane, and a
    hash made with other parameters is replaced at its owner's next sign-in."""
    users.add_user(db, "tesorera", "tesorero", "clave-tesorera")
    monkeypatch.setattr(passwords, "HASHER", passwords.make_hasher())
    auth.sign_in(db, "tesorera", "clave-tesorera")
    with db.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT password_hash FROM app_user WHERE name = 'tesorera'"
        ).scalar_one()
    assert stored.startswith("$argon2id$v=19$m=32768,t=2,p=1$")
    auth.sign_in(db, "tesorera", "clave-tesorera")


def test_the_first_administrator_only_once(db: Database) -> None:
    with pytest.raises(Forbidden) as refused:
        auth.create_first_admin(db, "otro", "clave-de-otro")
    assert refused.value.code == "users_exist"


def test_users_change_their_own_password_whatever_their_role(db: Database) -> None:
    act_as(db, "consejo", Role.OVERSIGHT.value)
    with pytest.raises(Forbidden):
        auth.change_own_password(db, "equivocada", "clave-nueva-2")
    auth.change_own_password(db, PASSWORD, "clave-nueva-2")
    auth.sign_in(db, "consejo", "clave-nueva-2")
    with pytest.raises(Forbidden):  # and nobody else's
        users.set_password(db, ADMIN, "clave-nueva-3")
