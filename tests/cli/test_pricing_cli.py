import json
from pathlib import Path

from coop_desktop.core.resources import resource_path

PERU = str(resource_path("schemes/peru-additive.json"))


def test_price_the_worked_example(coop) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = coop(
        "price",
        "--scheme",
        PERU,
        "--quantity",
        "225",
        "--unit",
        "L",
        "--measure",
        "st=12.1",
        "--measure",
        "ufc=250000",
        "--json",
        db_arg=None,
    )
    data = json.loads(out)
    assert code == 0
    assert (data["unit_price"], data["amount"], data["currency"], data["rejected"]) == (
        "1.28",
        "297.22",
        "PEN",
        False,
    )
    assert [ln["amount"] for ln in data["lines"]] == ["278.64", "16.25", "2.32", "0.01"]
    code, out, _ = coop(
        "price",
        "--scheme",
        PERU,
        "--quantity",
        "225",
        "--unit",
        "L",
        "--measure",
        "st=12.1",
        "--measure",
        "ufc=250000",
        db_arg=None,
    )
    assert "Precio: S/ 1.28 por kg × 232.2 kg = S/ 297.22" in out
    assert "Higiene (250,000): B" in out


def test_price_india_and_rejection(coop) -> None:  # type: ignore[no-untyped-def]
    india = str(resource_path("schemes/india-two-rate.json"))
    code, out, _ = coop(
        "price",
        "--scheme",
        india,
        "--quantity",
        "12.5",
        "--unit",
        "L",
        "--measure",
        "fat=3.6",
        "--measure",
        "snf=8.4",
        "--json",
        db_arg=None,
    )
    assert code == 0
    assert (json.loads(out)["unit_price"], json.loads(out)["amount"]) == ("1.476", "18.45")
    _code, out, _ = coop(
        "price",
        "--scheme",
        india,
        "--quantity",
        "12.5",
        "--unit",
        "L",
        "--measure",
        "fat=3.6",
        "--measure",
        "snf=8.4",
        "--measure",
        "alcohol=positivo",
        "--json",
        db_arg=None,
    )
    data = json.loads(out)
    assert data["rejected"] and data["reason"] == "Prueba de alcohol positiva"
    assert data["amount"] == "0.00"


def test_missing_measure_and_invalid_file(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = coop(
        "price",
        "--scheme",
        PERU,
        "--quantity",
        "10",
        "--unit",
        "L",
        "--measure",
        "st=12.1",
        db_arg=None,
    )
    assert code == 1 and "Falta el análisis de recuento bacteriano" in err
    bad = json.loads(Path(PERU).read_text())
    bad["components"][2]["bands"][1]["high"] = "200000"
    bad["components"][0]["rate"] = "-1"
    path = tmp_path / "malo.json"
    path.write_text(json.dumps(bad))
    assert coop("init", "--name", "Asociación")[0] == 0  # a file with its administrator
    code, _, err = coop("scheme", "import", str(path))
    assert code == 1
    assert "Componente 3 «Higiene», banda 3, desde: hay un hueco entre 200000 y 300000" in err
    assert "Componente 1 «Precio base», tarifa: no puede ser negativo" in err
    code, out, _ = coop("scheme", "list", "--json")
    assert json.loads(out) == []


def test_import_list_export_simulate(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coop("init", "--name", "Asociación Umachiri")
    coop("demo", "--members", "6", "--days", "31", "--start", "2026-10-01")
    code, out, _ = coop("scheme", "list", "--json")
    assert [s["name"] for s in json.loads(out)] == ["peru-additive"]
    exported = tmp_path / "exportado.json"
    assert coop("scheme", "export", "peru-additive", str(exported))[0] == 0
    assert json.loads(exported.read_text()) == json.loads(Path(PERU).read_text())
    code, out, err = coop(
        "scheme",
        "import",
        str(resource_path("schemes/colombia-quality.json")),
        "--effective",
        "2026-11-01",
    )
    assert code == 0, err
    code, out, _ = coop("scheme", "simulate", str(exported), "2026-10", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["members"]) == 6
    assert all(m["difference"] == "0.00" for m in data["members"])  # same scheme: no change
    code, out, _ = coop(
        "scheme", "simulate", str(resource_path("schemes/india-two-rate.json")), "2026-10", "--json"
    )
    data = json.loads(out)
    for field in ("current", "simulated", "difference", "kg"):
        total = sum(__import__("decimal").Decimal(m[field]) for m in data["members"])
        assert str(total) == data["totals"][field]
    code, out, _ = coop("scheme", "simulate", str(exported), "2026-10")
    assert "TOTAL" in out and "S0001" in out
