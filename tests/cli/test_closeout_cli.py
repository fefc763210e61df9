"""The DOMAIN.md worked example end to end through the CLI."""

import json
from decimal import Decimal

from coop_desktop.core.resources import resource_path


def _setup(coop) -> None:  # type: ignore[no-untyped-def]
    coop("init", "--name", "Asociación de Productores Lecheros Huaychani", "--cycle", "fortnight")
    coop(
        "scheme",
        "import",
        str(resource_path("schemes/peru-additive.json")),
        "--effective",
        "2026-01-01",
    )
    coop(
        "members",
        "add",
        "--code",
        "S0001",
        "--name",
        "Rosa",
        "--surnames",
        "Mamani Quispe",
        "--dni",
        "41234567",
    )
    for day in range(1, 16):
        code, _, err = coop(
            "deliveries",
            "add",
            "S0001",
            "15",
            "--unit",
            "L",
            "--date",
            f"2026-10-{day:02d}",
            "--shift",
            "am",
        )
        assert code == 0, err
    assert (
        coop(
            "tests",
            "add",
            "S0001",
            "--date",
            "2026-10-07",
            "--measure",
            "st=12.1",
            "--measure",
            "ufc=250000",
        )[0]
        == 0
    )
    assert (
        coop(
            "charge",
            "add",
            "dues",
            "5.00",
            "--per",
            "period",
            "--name",
            "Cuota social",
            "--from",
            "2026-01-01",
        )[0]
        == 0
    )
    assert (
        coop("charge", "add", "transport", "0.05", "--per", "litre", "--from", "2026-01-01")[0] == 0
    )
    assert coop("product", "add", "Afrecho de trigo", "65.00", "--unit", "saco")[0] == 0
    assert coop("sale", "S0001", "Afrecho de trigo", "1", "--date", "2026-10-05")[0] == 0
    assert coop("advance", "S0001", "50", "--date", "2026-10-08")[0] == 0


def test_worked_example_through_the_cli(coop) -> None:  # type: ignore[no-untyped-def]
    _setup(coop)
    code, out, err = coop("close", "2026-10-q1", "--json")
    assert code == 0, err
    data = json.loads(out)
    (row,) = data["members"]
    assert (row["kg"], row["litres"], row["gross"], row["net"], row["settlement"]) == (
        "232.200",
        "225.000",
        "297.22",
        "165.97",
        "L001-00000001",
    )
    assert row["deductions"] == {
        "dues": "5.00",
        "transport": "11.25",
        "input": "65.00",
        "advance": "50.00",
    }
    for key in ("kg", "litres", "gross", "net", "carried_in", "carried_out", "deductions_total"):
        assert Decimal(data["totals"][key]) == sum(Decimal(m[key]) for m in data["members"])
    code, out, _ = coop("settlement", "S0001", "2026-10-q1", "--json")
    assert json.loads(out)["net"] == "165.97"
    code, out, _ = coop("settlement", "S0001", "2026-10-q1")
    assert "Neto a pagar: S/ 165.97" in out
    code, _, err = coop("close", "2026-10-q1")
    assert code == 1 and "ya está cerrado" in err
    code, _, err = coop(
        "deliveries", "add", "S0001", "5", "--unit", "L", "--date", "2026-10-09", "--shift", "pm"
    )
    assert code == 1 and "2026-10-q1" in err and "cerrado" in err
    assert coop("check")[0] == 0
    code, out, _ = coop("pay", "2026-10-q1", "--method", "cash", "--date", "2026-10-16")
    assert code == 0
    code, out, _ = coop("ledger", "S0001", "--json")
    entries = json.loads(out)
    assert entries[-1]["kind"] == "payment" and entries[-1]["balance"] == "0.00"
    code, _, err = coop("reopen", "2026-10-q1", "--reason", "x")
    assert code == 1 and "ya se pagó a S0001" in err


def test_preview_reopen_and_errors(coop) -> None:  # type: ignore[no-untyped-def]
    _setup(coop)
    code, out, _ = coop("close", "2026-10-q1", "--preview", "--json")
    assert json.loads(out)["members"][0]["settlement"] is None
    code, out, _ = coop("close", "2026-10-q1")
    assert code == 0 and "L001-00000001" in out and "TOTAL" in out
    code, _, err = coop("reopen", "2026-10-q1", "--reason", " ")
    assert code == 1 and "motivo" in err
    code, out, _ = coop("reopen", "2026-10-q1", "--reason", "Entrega olvidada")
    assert code == 0 and "1 liquidaciones anuladas" in out
    code, out, _ = coop("close", "2026-10-q1", "--json")
    assert json.loads(out)["members"][0]["settlement"] == "L001-00000002"
    code, _, err = coop("close", "2026-13")
    assert code == 1 and "Periodo «2026-13» no válido" in err
    code, _, err = coop("advance", "S0001", "-5")
    assert code == 1 and "mayor que cero" in err
    code, _, err = coop("sale", "S0001", "Maíz", "1")
    assert code == 1 and "No existe el producto" in err


def test_advance_receipt_and_void_through_the_cli(coop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _setup(coop)
    code, out, _ = coop("close", "2026-10-q1")
    assert code == 0
    code, out, _ = coop("print", "advance", "R001-00000001", "-o", str(tmp_path / "a.pdf"))
    assert code == 0 and (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    code, out, _ = coop("void", "L001-00000001", "--reason", "Se mojó el recibo")
    assert code == 0 and "L001-00000002" in out
    code, _, err = coop("void", "L001-00000001", "--reason", "otra vez")
    assert code != 0 and "ya está anulada" in err
    code, out, _ = coop("settlement", "S0001", "2026-10-q1", "--json")
    data = json.loads(out)
    assert data["number"] == "L001-00000002" and data["net"] == "165.97"
    assert coop("check")[0] == 0


def test_numbers_typed_the_peruvian_way(coop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """One number rule on every command: "1,500" has two readings and is refused with both;
    "1,500.00" is read as written; nothing is stored for a refused entry."""
    _setup(coop)
    code, _, err = coop("advance", "S0001", "1,500", "--date", "2026-10-09")
    assert code == 1 and "1500 (con separador de miles) o 1.5 (con coma" in err
    code, out, err = coop("advance", "S0001", "1,500.00", "--date", "2026-10-09")
    assert code == 0, err
    code, out, _ = coop("ledger", "S0001", "--json")
    amounts = [e["amount"] for e in json.loads(out) if e["kind"] == "advance"]
    assert amounts == ["-50.00", "-1500.00"]
    code, _, err = coop("deliveries", "add", "S0001", "1,500", "--unit", "L",
                        "--date", "2026-10-09", "--shift", "pm")  # fmt: skip
    assert code == 1 and "1500" in err
    code, _, err = coop("deliveries", "add", "S0001", "12,5", "--unit", "L",
                        "--date", "2026-10-09", "--shift", "pm")  # fmt: skip
    assert code == 0, err  # a comma that cannot group thousands is a decimal comma
    code, _, err = coop("product", "add", "Sal mineral", "1.234,50")
    assert code == 1 and "1234.50" in err
