import json
import subprocess
import sys
from pathlib import Path

from coop_desktop import __version__


def test_version_and_entry_points() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "coop_desktop.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == f"coop-desktop {__version__}"


def test_init_demo_check(coop) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = coop("init", "--name", "Asociación de Productores Lecheros Huaychani")
    assert code == 0 and "Huaychani" in out
    code, out, _ = coop(
        "demo", "--members", "50", "--days", "31", "--seed", "1", "--start", "2026-09-01"
    )
    assert code == 0 and "50 socios" in out and "3100 entregas" in out
    code, out, err = coop("check")
    assert (code, err) == (0, "") and "Todo en orden" in out
    code, out, _ = coop("members", "list", "--json")
    members = json.loads(out)
    assert len(members) == 50 and members[0]["code"] == "S0001"


def test_members_deliveries_tests(coop) -> None:  # type: ignore[no-untyped-def]
    coop("init", "--name", "Asociación Cupi", "--ruc", "20131312955", "--cycle", "fortnight")
    code, _, err = coop(
        "members",
        "add",
        "--code",
        "S0001",
        "--name",
        "Justina",
        "--surnames",
        "Ccama Ticona",
        "--dni",
        "41234567",
        "--gender",
        "f",
        "--community",
        "Tintiri",
        "--district",
        "Cupi",
    )
    assert code == 0, err
    code, out, _ = coop(
        "deliveries", "add", "S0001", "15", "--unit", "L", "--date", "2026-10-01", "--shift", "am"
    )
    assert code == 0
    delivery_id = int(out.strip())
    code, out, _ = coop(
        "deliveries",
        "add",
        "S0001",
        "7.5",
        "--unit",
        "L",
        "--date",
        "2026-10-01",
        "--shift",
        "pm",
        "--reject",
        "Prueba de alcohol positiva",
    )
    assert code == 0 and int(out) == delivery_id + 1
    code, out, err = coop(
        "tests",
        "add",
        "S0001",
        "--date",
        "2026-10-01",
        "--measure",
        "fat=3.6",
        "--measure",
        "st=12.1",
        "--measure",
        "ufc=250000",
        "--delivery",
        str(delivery_id),
    )
    assert code == 0, err
    code, out, _ = coop("deliveries", "list", "--date", "2026-10-01", "--json")
    rows = json.loads(out)
    assert [(r["quantity"], r["rejected"]) for r in rows] == [("15.000", False), ("7.500", True)]
    code, out, _ = coop("members", "list", "--search", "justina ccama")
    assert "S0001" in out and "Justina Ccama Ticona" in out


def test_user_mistakes_are_plain_spanish_without_traceback(coop) -> None:  # type: ignore[no-untyped-def]
    code, _, err = coop("members", "list")
    coop("init", "--name", "A")
    checks = [
        (("init", "--name", "B"), "ya tiene una asociación"),
        (("init", "--name", "B", "--ruc", "123"), "RUC inválido"),
        (
            (
                "members",
                "add",
                "--code",
                "S1",
                "--name",
                "Ana",
                "--surnames",
                "Pari",
                "--dni",
                "123",
            ),
            "DNI inválido",
        ),
        (
            (
                "deliveries",
                "add",
                "S9",
                "10",
                "--unit",
                "L",
                "--date",
                "2026-10-01",
                "--shift",
                "am",
            ),
            "No existe un socio",
        ),
        (("tests", "add", "S9", "--date", "2026-10-01", "--measure", "fat=120"), "Grasa"),
        (
            ("tests", "add", "S9", "--date", "2026-10-01", "--measure", "leche=1"),
            "Medida desconocida",
        ),
    ]
    for args, expected in checks:
        code, _, err = coop(*args)
        assert code == 1, args
        assert expected in err, (args, err)
        assert "Traceback" not in err
    coop("members", "add", "--code", "S1", "--name", "Ana", "--surnames", "Pari")
    for qty, expected in (
        ("-3", "mayor que cero"),
        ("diez", "no es un número"),
        ("900", "demasiado"),
    ):
        code, _, err = coop(
            "deliveries", "add", "S1", qty, "--unit", "L", "--date", "2026-10-01", "--shift", "am"
        )
        assert code == 1 and expected in err and "Cantidad" in err
    code, _, err = coop(
        "deliveries", "add", "S1", "10", "--unit", "L", "--date", "2999-01-01", "--shift", "am"
    )
    assert code == 1 and "futura" in err
    code, _, err = coop(
        "--lang",
        "en",
        "deliveries",
        "add",
        "S1",
        "-3",
        "--unit",
        "L",
        "--date",
        "2026-10-01",
        "--shift",
        "am",
    )
    assert code == 1 and "Quantity must be greater than zero" in err
    code, out, _ = coop("deliveries", "list", "--json")
    assert json.loads(out) == []


def test_argument_errors_are_spanish(coop) -> None:  # type: ignore[no-untyped-def]
    code, _, err = coop("init")
    assert code == 2 and "faltan los argumentos obligatorios" in err


def test_corrupt_db_and_restore(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.db"
    junk.write_text("hola")
    code, _, err = coop("check", db_arg=str(junk))
    assert code == 1 and "no es una base de datos" in err
    assert junk.read_text() == "hola"
    coop("init", "--name", "A")
    coop("demo", "--members", "3", "--days", "2", "--start", "2026-10-01")
    code, out, _ = coop("backup", str(tmp_path / "copia.db"))
    assert code == 0 and (tmp_path / "copia.db").exists()
    code, _, err = coop("restore", str(junk))
    assert code == 1 and "no es una base de datos" in err
    code, out, _ = coop("restore", str(tmp_path / "copia.db"))
    assert code == 0 and "Restaurado" in out
    assert coop("check")[0] == 0


def test_check_fails_with_a_list(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    coop("init", "--name", "A")
    coop("demo", "--members", "2", "--days", "1", "--start", "2026-10-01")
    conn = sqlite3.connect(tmp_path / "coop.db")
    conn.execute("UPDATE delivery SET quantity = -5 WHERE id = 1")
    conn.commit()
    conn.close()
    code, _, err = coop("check")
    assert code == 1 and "entrega 1: cantidad imposible" in err
