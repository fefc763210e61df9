"""`coop tanks list|void` and `coop plant products|list|void`: readings and batches annulled
from the command line, listed with their state."""

import json
from pathlib import Path

from tests_support.sales_example import ok


def test_tank_readings_and_batches_annulled(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok(coop("init", "--name", "Asociación Amparani"))
    ok(coop("centres", "add", "C01", "Centro Amparani"))
    assert ok(coop("tank", "C01", "45", "--date", "2026-10-01", "--when", "closing")) == (
        "Tanque C01: 45.0 L (lectura 1)\n"
    )
    ok(coop("tank", "C01", "54", "--date", "2026-10-01", "--when", "closing"))
    assert ok(coop("tanks", "void", "2", "--reason", "Se leyó 54 por 45")) == (
        "Lectura 2 del tanque C01 (01/10/2026): anulada\n"
    )
    listed = json.loads(
        ok(coop("tanks", "list", "--from", "2026-10-01", "--to", "2026-10-31", "--json"))
    )
    assert [(r["id"], r["litres"], r["when"], r["void"]) for r in listed] == [
        (1, "45.000", "closing", False),
        (2, "54.000", "closing", True),
    ]
    code, _out, err = coop("tanks", "void", "2", "--reason", "otra vez")
    assert code != 0 and "Ya estaba anulado" in err
    ok(coop("plant", "product", "Manjar"))
    assert json.loads(ok(coop("plant", "products", "--json"))) == [
        "Manjar",
        "Queso andino",
        "Queso fresco",
        "Yogur",
    ]
    made = json.loads(
        ok(
            coop(
                "plant",
                "batch",
                "--date",
                "2026-10-02",
                "--milk",
                "700",
                "--unit",
                "L",
                "--product",
                "queso fresco",
                "--out",
                "85",
                "--json",
            )
        )
    )
    assert (made["product"], made["yield_l_per_kg"], made["void"]) == (
        "Queso fresco",
        "8.24",
        False,
    )
    ok(coop("plant", "void", str(made["id"]), "--reason", "Era de otro día"))
    batches = json.loads(
        ok(coop("plant", "list", "--from", "2026-10-01", "--to", "2026-10-31", "--json"))
    )
    assert [(b["id"], b["void"]) for b in batches] == [(made["id"], True)]
    report = json.loads(
        ok(coop("report", "plant", "--from", "2026-10-01", "--to", "2026-10-31", "--json"))
    )
    assert report["rows"] == []
