"""`coop import` with files made as the world makes them (tests_support/world_files.py): a
workbook's active sheet behind a hidden draft, its header under title and group rows, its
totals row left aside; an analyzer's cumulative CSV after its period closed; a corrected
quantity shown, then confirmed with --correct."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests_support.world_files import MEMBERS, analyzer_csv, october_workbook

from coop_desktop.core.resources import resource_path


def test_world_files_through_the_command_line(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert coop("init", "--name", "Asociación Huaychani")[0] == 0
    scheme = str(resource_path("schemes/peru-additive.json"))
    assert coop("scheme", "import", scheme, "--effective", "2026-01-01")[0] == 0
    for code in MEMBERS:
        assert (
            coop("members", "add", "--code", code, "--name", "Rosa", "--surnames", "Mamani")[0] == 0
        )
    rows = [("101", date(2026, 9, 5), "M", "10"), ("102", date(2026, 9, 5), "T", "8.5")]
    book = october_workbook(tmp_path / "acopio.xlsx", rows)
    code, out, err = coop("import", "deliveries", str(book))
    assert code == 0, err
    assert out.splitlines()[1:] == [
        "  Se lee la hoja «Octubre» (la hoja activa del libro); no se leen las hojas ocultas: "
        "«Setiembre (borrador)».",
        "  Encabezado en la fila 5: tiene 5 nombres de columna conocidos; las filas de arriba "
        "(título, grupos de columnas) se saltaron.",
        "  Fila 8: fila de totales («TOTAL»): no se importa.",
        "Aviso: Fila 5, columna D «APELLIDOS Y NOMBRES»: columna «APELLIDOS Y NOMBRES» "
        "ignorada: el programa no guarda ese dato.",
        "Importadas: 2 filas; 0 ya estaban en la base y no se repitieron.",
    ]
    # a header row given by hand that is not the header: the columns fail, and it says why
    code, out, err = coop("import", "deliveries", str(book), "--header-row", "4", "--dry-run")
    assert code == 1 and "No se importó nada: 4 problemas." in err
    assert (
        "Aviso: Se tomó la fila 4 como encabezado, como se indicó: «ENTREGA | SOCIO | "
        "CANTIDAD»." in out
    )
    # the analyzer's September file, the lab's test, the close
    september = [
        ("101", date(2026, 9, 7), "3,62", "8,41"),
        ("102", date(2026, 9, 7), "3,95", "8,62"),
    ]
    assert coop("import", "tests", str(analyzer_csv(tmp_path / "set.csv", september)))[0] == 0
    for member in ("101", "102"):
        args = ("--date", "2026-09-05", "--measure", "st=12.0", "--measure", "ufc=250000")
        assert coop("tests", "add", member, *args)[0] == 0
    code, _, err = coop("close", "2026-09")
    assert code == 0, err
    october = [*september, ("103", date(2026, 10, 7), "3,18", "8,05")]
    code, out, err = coop(
        "import", "tests", str(analyzer_csv(tmp_path / "oct.csv", october)), "--json"
    )
    report = json.loads(out)
    assert code == 0, err
    assert (report["written"], report["already_imported"], report["problems"]) == (1, 2, [])
    # October's workbook again, 101's morning written 11 L: refused with the difference named,
    # then confirmed; the closed September rows are skipped all along
    october_rows = [*rows, ("101", date(2026, 10, 1), "M", "15.5")]
    assert (
        coop("import", "deliveries", str(october_workbook(tmp_path / "o1.xlsx", october_rows)))[0]
        == 0
    )
    changed = [*rows, ("101", date(2026, 10, 1), "M", "11")]
    path = str(october_workbook(tmp_path / "o2.xlsx", changed))
    code, _, err = coop("import", "deliveries", path)
    assert code == 1 and "No se importó nada: 1 problema." in err
    assert (
        "Fila 8, columna C «Código»: 101, 01/10/2026 (mañana): la base tiene 15.5 L; el archivo "
        "dice 11.0 L (−4.5 L). Es una corrección de esa entrega" in err
    )
    code, out, err = coop("import", "deliveries", path, "--correct")
    assert code == 0, err
    assert "Importadas: 0 filas; 2 ya estaban en la base y no se repitieron; 1 corrección." in out
    assert "  Corregida: 101 01/10/2026: 15.5 L → 11.0 L" in out
    code, out, _ = coop("deliveries", "list", "--date", "2026-10-01", "--json")
    assert [d["quantity"] for d in json.loads(out)] == ["11.000"]
