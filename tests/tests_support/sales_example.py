"""The worked example of docs/sales.md, built through the CLI: Huaychani, 05/10/2026."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FLAT_155 = {
    "name": "socios-plano",
    "title": "Precio plano S/ 1.55 por L",
    "currency": "PEN",
    "unit": "L",
    "density": "1.030",
    "basis": {"kind": "delivery"},
    "components": [{"type": "base", "label": "Precio base", "rate": "1.55"}],
    "rejections": [
        {"measure": "alcohol", "positive": True, "reason": "Prueba de alcohol positiva"}
    ],
}
MORNING = {"S0001": "340", "S0002": "340", "S0003": "340"}  # 1,020 L
AFTERNOON = {"S0004": "415", "S0005": "415"}  # 830 L


def ok(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 0, err
    return out


def build(coop: Any, tmp: Path) -> int:
    """Returns the dispatch id."""
    ok(coop("init", "--name", "Asociación de Productores Lecheros Huaychani"))
    scheme = tmp / "socios.json"
    scheme.write_text(json.dumps(FLAT_155), encoding="utf-8")
    ok(coop("scheme", "import", str(scheme), "--effective", "2026-01-01"))
    ok(coop("centres", "add", "C01", "Centro de acopio Huaychani", "--district", "Ácora"))
    codes = [*MORNING, *AFTERNOON, "S0006"]
    for n, code in enumerate(codes):
        ok(coop("members", "add", "--code", code, "--name", f"Socia{n}", "--surnames", "Mamani"))
    ok(coop("centres", "order", "C01", *codes))
    for shift, group in (("am", MORNING), ("pm", AFTERNOON)):
        for code, litres in group.items():
            ok(
                coop(
                    "deliveries",
                    "add",
                    code,
                    litres,
                    "--unit",
                    "L",
                    "--date",
                    "2026-10-05",
                    "--shift",
                    shift,
                )
            )
    ok(
        coop(
            "deliveries",
            "add",
            "S0006",
            "15",
            "--unit",
            "L",
            "--date",
            "2026-10-05",
            "--shift",
            "pm",
            "--reject",
            "Prueba de alcohol positiva",
        )
    )
    ok(coop("tank", "C01", "0", "--date", "2026-10-05", "--when", "opening"))
    ok(coop("tank", "C01", "0", "--date", "2026-10-05", "--when", "closing"))
    ok(
        coop(
            "buyers",
            "add",
            "QSR",
            "--name",
            "Quesería San Román",
            "--kind",
            "queseria",
            "--price",
            "1.70",
            "--per",
            "L",
            "--effective",
            "2026-01-01",
        )
    )
    out = ok(
        coop(
            "dispatch",
            "add",
            "QSR",
            "1820",
            "--unit",
            "L",
            "--date",
            "2026-10-05",
            "--shift",
            "pm",
            "--centre",
            "C01",
            "--measure",
            "fat=3.50",
            "--json",
        )
    )
    dispatch = json.loads(out)
    assert dispatch["guide"] == "G001-00000001"
    ok(coop("dispatch", "receive", str(dispatch["id"]), "1812", "--unit", "L"))
    ok(coop("expense", "add", "transport", "60.00", "--date", "2026-10-05", "--note", "Flete"))
    return int(dispatch["id"])
