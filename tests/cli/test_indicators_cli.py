"""`coop report indicators` and `coop report reference-price` on the hand-made association
(tests/indicator_dataset.py; its figures are worked out in tests/services/test_indicators.py)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1]))

from indicator_dataset import build
from tests_support.users import open_signed_in

from coop_desktop.services.association import create_association

Run = Callable[..., tuple[int, str, str]]
RANGE = ("--from", "2026-10-01", "--to", "2026-11-30")
BASELINE = ("--baseline-from", "2026-09-01", "--baseline-to", "2026-09-30")


@pytest.fixture
def ready(coop: Run, tmp_path: Path) -> Run:
    db = open_signed_in(str(tmp_path / "coop.db"))
    create_association(db, "Asociación de Productores Lecheros Huaychani", district="Ácora")
    build(db)
    db.dispose()
    return coop


def test_json_has_the_documented_keys_and_the_hand_worked_numbers(ready: Run) -> None:
    code, out, err = ready("report", "indicators", *RANGE, *BASELINE, "--by", "gender", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["from"], data["to"], data["provisional"]) == ("2026-10-01", "2026-11-30", True)
    assert (data["producers"], data["producers_women"], data["producers_men"]) == (3, 2, 1)
    assert (data["litres"], data["kg"], data["gross"], data["net"]) == (
        "100.000",
        "103.200",
        "126.42",
        "106.42",
    )
    assert data["avg_price_per_kg"] == "1.2250"
    assert data["change"]["litres"] == {"absolute": "60.000", "percent": "150.00"}
    assert [(g["group"], g["label"], g["gross"]) for g in data["groups"]] == [
        ("f", "Mujeres", "100.52"),
        ("m", "Hombres", "25.90"),
    ]


def test_text_output_is_formatted_for_people(ready: Run) -> None:
    code, out, _ = ready(
        "report",
        "indicators",
        "--from",
        "2026-10-05",
        "--to",
        "2026-11-20",
        *BASELINE,
        "--by",
        "district",
    )
    assert code == 0
    assert (
        "Del 01/10/2026 al 30/11/2026 (periodos completos; se pidió 05/10/2026 – 20/11/2026)" in out
    )
    assert "PROVISIONAL: noviembre 2026 sigue abierto" in out
    assert "S/ 126.42" in out and "100.000 L" in out and "S/ 1.2250" in out
    assert "+150.00 %" in out  # litres against September
    assert "Ácora" in out and "Cupi" in out
    code, out, _ = ready("--lang", "en", "report", "indicators", *RANGE)
    assert "Producers who delivered" in out and "Average price paid per kg" in out


def test_files_and_reference_price(ready: Run, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "ind.pdf", tmp_path / "ind.xlsx"
    assert ready("report", "indicators", *RANGE, "--by", "district", "-o", str(pdf))[0] == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert ready("report", "indicators", *RANGE, "-o", str(xlsx))[0] == 0
    assert xlsx.read_bytes().startswith(b"PK")
    code, _, err = ready("report", "indicators", *RANGE, "-o", str(tmp_path / "x.doc"))
    assert code == 1 and "x.doc" in err
    code, out, _ = ready("report", "reference-price")
    assert "S/ 1.5400" in out
    assert ready("report", "reference-price", "1.60")[0] == 0
    code, out, _ = ready("report", "indicators", *RANGE, "--json")
    assert json.loads(out)["reference_price_per_kg"] == "1.6000"
    code, out, _ = ready("report", "indicators", *RANGE, "--json", "--reference-price", "1.49")
    assert json.loads(out)["reference_price_per_kg"] == "1.4900"
    code, _, err = ready("report", "indicators", "--from", "2026-10-01", "--to", "2026-13-01")
    assert code == 1 and "2026-13-01" in err
    code, _, err = ready("report", "indicators", *RANGE, "--baseline-from", "2026-09-01")
    assert code == 1 and err


def test_a_practice_recorded_by_the_cli_counts_from_its_date(ready: Run) -> None:
    """M1 adopts organic production on 02/11/2026: its October milk counts without it, its
    November milk (10 L on 02/11) with it."""
    code, out, err = ready(
        "members", "practice", "add", "M1", "Producción orgánica", "--from", "02/11/2026", "--json"
    )
    assert code == 0, err
    assert json.loads(out) == [
        {"practice": "organic", "name": "Producción orgánica", "from": "2026-11-02", "to": None},
        {
            "practice": "regenerative",
            "name": "Pastoreo rotacional / ganadería regenerativa",
            "from": "2026-01-01",
            "to": None,
        },
    ]
    code, out, _ = ready("report", "indicators", *RANGE, "--by", "practice", "--json")
    groups = {g["group"]: g for g in json.loads(out)["groups"]}
    assert (groups["organic:yes"]["producers"], groups["organic:yes"]["litres"]) == (1, "10.000")
    assert groups["organic:yes"]["label"] == "Con: Producción orgánica"
    assert (groups["organic:no"]["producers"], groups["organic:no"]["litres"]) == (3, "90.000")
    # Adopting it again is refused in words; leaving it before it was adopted too.
    code, _, err = ready("members", "practice", "add", "M1", "organic", "--from", "03/11/2026")
    assert code != 0 and "M1 ya tiene la práctica «Producción orgánica» desde el 02/11/2026" in err
    code, _, err = ready("members", "practice", "end", "M1", "organic", "--from", "01/11/2026")
    assert code != 0 and "es anterior al último registro" in err
    assert ready("members", "practice", "end", "M1", "organic", "--from", "20/11/2026")[0] == 0
    code, out, _ = ready("members", "practice", "list", "M1")
    assert "Producción orgánica" in out and "02/11/2026" in out and "20/11/2026" in out
    # The association adds a practice of its own; it can be given at once.
    assert ready("practices", "add", "silvopastoreo", "Silvopastoreo")[0] == 0
    code, _, _ = ready("members", "practice", "add", "W2", "silvopastoreo", "--from", "01/11/2026")
    assert code == 0
    code, out, _ = ready("practices", "list", "--json")
    assert [p["code"] for p in json.loads(out)][-1] == "silvopastoreo"
