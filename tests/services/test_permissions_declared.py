"""Every service that writes declares its permission; a new one that forgets fails here."""

from __future__ import annotations

from pathlib import Path

from tests_support.services import public_functions, writes, writing_services

from coop_desktop.domain.roles import Permission

ROOT = Path(__file__).resolve().parents[2] / "coop_desktop"


def test_every_public_service_function_that_writes_declares_a_permission() -> None:
    found = writing_services()
    assert len(found) >= 25, [n for n, _ in found]  # the walker really sees the services
    missing = [name for name, fn in found if not hasattr(fn, "required_permission")]
    assert missing == [], f"add @requires(Permission.…) to: {missing}"
    assert all(isinstance(fn.required_permission, Permission) for _, fn in found)  # type: ignore[attr-defined]


def test_the_walker_catches_an_undeclared_writer() -> None:
    def add_centre(db: object) -> None:
        with db.write() as session:  # type: ignore[attr-defined]
            session.add(object())

    assert writes(add_centre) and not hasattr(add_centre, "required_permission")
    names = [n for n, _ in public_functions()]
    assert "coop_desktop.services.closeout.closing.close_period" in names


def test_only_the_sign_in_writes_without_a_principal() -> None:
    users = sorted(
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if ".system_write(" in p.read_text(encoding="utf-8")
    )
    assert users == ["services/auth.py"]
