"""The seams between users, on both engines: a disabled user's open session is refused at its
next action, two administrators disabling each other leave one, a burst of wrong passwords
sent in parallel locks the account after five, and the oversight committee prints and exports
the payroll and the collection sheet."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from tests_support.clock import TODAY
from tests_support.races import at_once, code
from tests_support.users import ADMIN, PASSWORD, act_as

from coop_desktop.core import clock
from coop_desktop.core.errors import Forbidden
from coop_desktop.domain.roles import Role
from coop_desktop.services import auth, printouts, users
from coop_desktop.services.accounts import add_advance
from coop_desktop.services.audit_trail import list_audit
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.exports import export_to_file
from coop_desktop.services.settlements import settlement_for
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import LedgerEntry, User

Q1 = "2026-10-q1"


@pytest.fixture
def second(example: Database) -> Iterator[Database]:
    """The same data opened a second time: another PC, or the desktop left open."""
    other = open_database(example.location.url, migrate=False)
    yield other
    other.dispose()


def _entries(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(LedgerEntry)) or 0)


def test_a_disabled_users_open_session_is_refused_at_its_next_action(
    example: Database, second: Database
) -> None:
    users.add_user(example, "teso", Role.TREASURER.value, PASSWORD)
    auth.sign_in(second, "teso", PASSWORD, for_command=True)
    add_advance(second, "S0001", "10", today=TODAY)  # the session works
    users.set_active(example, "teso", False)
    before = _entries(example)
    with pytest.raises(Forbidden) as refused:
        add_advance(second, "S0001", "10", today=TODAY)
    assert refused.value.render("es") == (
        "La sesión de teso ya no vale: el usuario fue deshabilitado. Nada se guardó; un "
        "administrador puede habilitarlo de nuevo."
    )
    with pytest.raises(Forbidden):
        settlement_for(second, "S0001", Q1)  # reading too
    assert _entries(example) == before
    refusals = [e for e in list_audit(example, user="teso") if e.action == "refused"]
    assert [e.after["what"] for e in refusals] == ["session", "session"]  # type: ignore[index]
    users.set_active(example, "teso", True)
    add_advance(second, "S0001", "10", today=TODAY)  # enabled again: the session works again
    # A role changed behind the program's back (raw SQL) ends the session too.
    with example.write() as s:
        s.execute(text("UPDATE app_user SET role = 'vigilancia' WHERE name = 'teso'"))
    with pytest.raises(Forbidden) as refused:
        add_advance(second, "S0001", "10", today=TODAY)
    assert refused.value.code == "session_role_changed" and "vigilancia" in str(
        refused.value.render("es")
    )


def test_two_administrators_disabling_each_other_leave_one(
    example: Database, second: Database
) -> None:
    users.add_user(example, "ana", Role.ADMIN.value, PASSWORD)
    auth.sign_in(second, "ana", PASSWORD, for_command=True)
    for _ in range(4):
        results = at_once(
            lambda: users.set_active(example, "ana", False),
            lambda: users.set_active(second, ADMIN, False),
        )
        with example.engine.connect() as conn:
            active = conn.execute(
                select(User.name).where(User.role == Role.ADMIN.value, User.active.is_(True))
            ).scalars()
            left = list(active)
        assert len(left) == 1, (left, results)
        codes = sorted(code(r) for r in results)
        assert codes in (["last_admin", "ok"], ["ok", "session_ended"]), results
        survivor = example if left == [ADMIN] else second
        users.set_active(survivor, "ana" if left == [ADMIN] else ADMIN, True)


def test_fifteen_wrong_passwords_at_once_lock_the_account(example: Database) -> None:
    users.add_user(example, "tesorera", Role.TREASURER.value, "clave-tesorera")
    start = threading.Barrier(15)
    codes: list[str] = []

    def attempt(n: int) -> None:
        start.wait()
        try:
            auth.sign_in(example, "tesorera", f"equivocada-{n}")
        except Forbidden as exc:
            codes.append(exc.code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(15)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    # Four said how many attempts were left, the fifth locked the account, ten were refused
    # unchecked: only five passwords were ever compared.
    assert sorted(codes) == ["account_locked"] * 11 + ["wrong_password"] * 4
    auth.sign_in(example, ADMIN, PASSWORD, for_command=True)
    failed = [e.after["reason"] for e in list_audit(example, user="tesorera")]  # type: ignore[index]
    assert sorted(failed) == ["locked"] * 10 + ["wrong_password"] * 5
    info = {u.name: u for u in users.list_users(example)}["tesorera"]
    assert info.failed_attempts == 5
    assert info.locked_until is not None and info.locked_until > clock.now()
    with pytest.raises(Forbidden) as refused:
        auth.sign_in(example, "tesorera", "clave-tesorera")  # the right one waits for the lock
    assert refused.value.code == "account_locked"


def test_the_oversight_committee_prints_and_exports_the_payroll_and_collection(
    example: Database, tmp_path: Path
) -> None:
    close_period(example, Q1)
    act_as(example, "consejo", Role.OVERSIGHT.value)
    first = printouts.render(example, "payroll", Q1, record=True)
    again = printouts.render(example, "payroll", Q1, record=True)
    assert (first.mark, again.mark) == ("", "COPIA")
    assert first.pdf.startswith(b"%PDF")
    day = printouts.render(example, "collection", date(2026, 10, 2).isoformat(), record=True)
    assert day.title == "acopio-2026-10-02" and day.pdf.startswith(b"%PDF")
    path, rows = export_to_file(example, "payroll", Q1, tmp_path / "planilla.xlsx")
    assert (path.exists(), rows) == (True, 2)
    path, rows = export_to_file(example, "deliveries", "2026-10-02", tmp_path / "dia.csv")
    assert (path.exists(), rows) == (True, 2)
    prints = [e.entity for e in list_audit(example, user="consejo") if e.action == "print"]
    assert prints == ["payroll", "payroll", "collection"]
