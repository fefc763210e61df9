"""Users, sign-in and roles through `coop`: the first administrator of a new file, `--user`
and the password from the environment, refusals with rc ≠ 0 that write nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from tests_support.clock import TODAY

from coop_desktop.core.resources import resource_path
from coop_desktop.storage.engine import Database

Run = Callable[..., tuple[int, str, str]]
SCHEME = str(resource_path("schemes/peru-additive.json"))


def _books(coop: Run, at: str | None = None) -> None:
    """A closed and paid October, made by the administrator."""

    def run(*args: str) -> tuple[int, str, str]:
        return coop(*args) if at is None else coop(*args, db_arg=at)

    assert run("init", "--name", "Asociación Huaychani")[0] == 0
    assert run("scheme", "import", SCHEME, "--effective", "2026-01-01")[0] == 0
    run("members", "add", "--code", "S0001", "--name", "Rosa", "--surnames", "Mamani")
    for day in (1, 2, 3):
        code, _, err = run(
            "deliveries",
            "add",
            "S0001",
            "15",
            "--unit",
            "L",
            "--date",
            f"2026-10-0{day}",
            "--shift",
            "am",
        )
        assert code == 0, err
    run(
        "tests",
        "add",
        "S0001",
        "--date",
        "2026-10-02",
        "--measure",
        "st=12.1",
        "--measure",
        "ufc=250000",
    )
    assert run("close", "2026-10")[0] == 0
    assert run("pay", "2026-10", "--method", "cash", "--date", "2026-11-02")[0] == 0


def _tables(db: Database) -> dict[str, int]:
    names = (
        "delivery",
        "ledger_entry",
        "settlement",
        "period",
        "member",
        "app_user",
        "price_scheme_version",
    )
    with db.engine.connect() as conn:
        counts = {n: conn.execute(text(f"SELECT COUNT(*) FROM {n}")).scalar_one() for n in names}
        counts["paid"] = conn.execute(
            text("SELECT COUNT(*) FROM settlement WHERE status = 'paid'")
        ).scalar_one()
    return counts


def test_init_creates_the_first_administrator(
    coop: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    code, out, err = coop("init", "--name", "Asociación Cupi", "--admin", "Tesorera")
    assert code == 0, err
    assert "Administrador creado: tesorera" in err
    monkeypatch.setenv("COOP_USER", "tesorera")
    code, out, _ = coop("users", "list", "--json")
    assert json.loads(out)[0] == {
        "name": "tesorera",
        "full_name": "",
        "role": "administrador",
        "active": True,
        "has_password": True,
        "locked_until": None,
        "last_sign_in": json.loads(out)[0]["last_sign_in"],
    }
    # No new password, no terminal: nothing is created.
    monkeypatch.delenv("COOP_NEW_PASSWORD")
    other = str(tmp_path / "otra.db")
    code, _, err = coop("init", "--name", "Otra", db_arg=other)
    assert code == 1 and "Falta la contraseña nueva" in err
    monkeypatch.setenv("COOP_NEW_PASSWORD", "corta")
    code, _, err = coop("init", "--name", "Otra", db_arg=other)
    assert code == 1 and "al menos 8 caracteres" in err


def test_sign_in_refusals_name_what_is_needed(coop: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    coop("init", "--name", "Asociación Cupi")
    monkeypatch.delenv("COOP_USER")
    code, _, err = coop("members", "list")
    assert code == 1 and "--user NOMBRE" in err
    code, _, err = coop("--user", "nadie", "members", "list")
    assert code == 1 and "No existe el usuario «nadie»" in err
    monkeypatch.setenv("COOP_PASSWORD", "equivocada")
    code, _, err = coop("--user", "admin", "members", "list")
    assert code == 1 and "Contraseña incorrecta para «admin» (4 intentos" in err
    code, _, err = coop("--lang", "en", "--user", "admin", "members", "list")
    assert code == 1 and "Wrong password for «admin» (3 attempts" in err
    for _ in range(2):
        coop("--user", "admin", "members", "list")
    code, _, err = coop("--user", "admin", "members", "list")
    assert code == 1 and "está bloqueada" in err
    monkeypatch.delenv("COOP_PASSWORD")
    code, _, err = coop("--user", "admin", "members", "list")
    assert code == 1 and "Falta la contraseña de «admin»" in err


def test_a_collector_cannot_close_pay_void_reopen_or_change_schemes_or_users(
    coop: Run, monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """On both engines: the `db` fixture's database, reached by its URL."""
    url = db.location.url
    _books(coop, url)
    code, out, err = coop(
        "users", "add", "quispe", "--role", "acopiador", "--full-name", "Q", db_arg=url
    )
    assert code == 0 and "quispe (acopiador)" in out, err
    before = _tables(db)
    monkeypatch.setenv("COOP_USER", "quispe")
    refused = [
        ("close", "2026-11"),
        ("pay", "2026-10", "--method", "cash"),
        ("pay", "2026-10", "--reverse", "--member", "S0001", "--reason", "error"),
        ("void", "L001-00000001", "--reason", "roto"),
        ("reopen", "2026-10", "--reason", "error"),
        ("scheme", "import", SCHEME, "--effective", "2026-12-01"),
        ("users", "add", "otro", "--role", "tesorero"),
        ("users", "disable", "admin"),
        ("users", "passwd", "admin"),
        ("advance", "S0001", "50"),
    ]
    for args in refused:
        code, _, err = coop(*args, db_arg=url)
        assert code == 1, args
        assert "Su rol (acopiador) no permite" in err and "administrador" in err, (args, err)
    assert _tables(db) == before
    # What a collector does: today's deliveries.

    code, _, err = coop(
        "deliveries",
        "add",
        "S0001",
        "12",
        "--unit",
        "L",
        "--date",
        TODAY.isoformat(),
        "--shift",
        "am",
        db_arg=url,
    )
    assert code == 0, err
    monkeypatch.setenv("COOP_USER", "admin")
    code, out, _ = coop("audit", "list", "--user", "quispe", "--json", db_arg=url)
    actions = [r["action"] for r in json.loads(out)]
    assert actions.count("refused") == len(refused) and "create" in actions


def test_the_oversight_committee_reads_checks_and_prints_but_writes_nothing(
    coop: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _books(coop)
    assert coop("users", "add", "consejo", "--role", "vigilancia")[0] == 0
    from coop_desktop.storage.connect import open_database

    mine = open_database(str(tmp_path / "coop.db"))
    before = _tables(mine)
    monkeypatch.setenv("COOP_USER", "consejo")
    assert coop("settlement", "S0001", "2026-10")[0] == 0
    code, _, err = coop("check")
    assert code == 0, err
    assert coop("audit", "verify")[0] == 0
    assert coop("print", "receipts", "2026-10", "-o", str(tmp_path / "r.pdf"))[0] == 0
    for args in (
        ("members", "add", "--code", "S9", "--name", "A", "--surnames", "B"),
        ("backup", str(tmp_path / "copia.db")),
        ("deliveries", "add", "S0001", "1", "--unit", "L", "--date", "2026-11-01", "--shift", "am"),
    ):
        code, _, err = coop(*args)
        assert code == 1 and "vigilancia" in err, (args, err)
    assert _tables(mine) == before
    mine.dispose()


def test_users_passwd_and_disable(coop: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    coop("init", "--name", "Asociación Cupi")
    assert coop("users", "add", "apaza", "--role", "tesorero")[0] == 0
    monkeypatch.setenv("COOP_NEW_PASSWORD", "clave-de-apaza")
    assert coop("users", "passwd", "apaza")[0] == 0
    monkeypatch.setenv("COOP_USER", "apaza")
    monkeypatch.setenv("COOP_PASSWORD", "clave-de-apaza")
    monkeypatch.setenv("COOP_NEW_PASSWORD", "otra-clave-apaza")
    code, out, err = coop("users", "passwd", "apaza")  # their own, as a treasurer
    assert code == 0, err
    monkeypatch.setenv("COOP_PASSWORD", "otra-clave-apaza")
    assert coop("members", "list")[0] == 0
    monkeypatch.setenv("COOP_USER", "admin")
    monkeypatch.setenv("COOP_PASSWORD", "clave-de-prueba")
    assert coop("users", "disable", "apaza")[0] == 0
    code, out, _ = coop("users", "list")
    assert "apaza" in out and "desactivado" in out
    monkeypatch.setenv("COOP_USER", "apaza")
    monkeypatch.setenv("COOP_PASSWORD", "otra-clave-apaza")
    code, _, err = coop("members", "list")
    assert code == 1 and "está desactivado" in err
