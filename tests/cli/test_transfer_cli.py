"""`coop import` and `coop export` end to end: data typed in spreadsheets comes in, a period
is closed, and the exported XLSX and CSV files read back to the céntimo against
`coop close --json`."""

import csv
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from coop_desktop.core.resources import resource_path

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def cell_decimal(value: object) -> Decimal:
    """A number cell read back: 15 significant digits, as the import reads them."""
    assert isinstance(value, (int, float)), value
    return Decimal(f"{value:.15g}")


@pytest.fixture
def closed(coop, tmp_path: Path) -> dict:  # type: ignore[no-untyped-def]
    assert coop("init", "--name", "Asociación Huaychani")[0] == 0
    scheme = str(resource_path("schemes/peru-additive.json"))
    assert coop("scheme", "import", scheme, "--effective", "2026-01-01")[0] == 0
    for name in ("socios.csv", "socios-punto-y-coma.csv"):
        code, out, err = coop("import", "members", str(EXAMPLES / name))
        assert code == 0, err
    for name in ("entregas.csv", "entregas-punto-y-coma.csv", "entregas.xlsx"):
        code, out, err = coop("import", "deliveries", str(EXAMPLES / name))
        assert code == 0, err
    samples = tmp_path / "muestras.csv"
    samples.write_text(
        "Código;Fecha;ST;UFC\n"
        + "".join(f"S01{n:02d};07/10/2026;12,{n};{n * 60}000\n" for n in range(1, 7)),
        encoding="utf-8",
    )
    assert coop("import", "tests", str(samples))[0] == 0
    assert coop("advance", "S0101", "20", "--date", "2026-10-05")[0] == 0
    assert coop("advance", "S0103", "500", "--date", "2026-10-05")[0] == 0  # more than milk
    assert coop("charge", "add", "dues", "5.00", "--per", "period")[0] == 0
    code, out, err = coop("close", "2026-10", "--json")
    assert code == 0, err
    result: dict = json.loads(out)
    return result


def test_payroll_xlsx_reads_back_to_the_centimo(coop, closed: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "planilla.xlsx"
    code, _, err = coop("export", "payroll", "2026-10", "-o", str(target))
    assert code == 0, err
    sheet = load_workbook(target)["Planilla 2026-10"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["N°", "Código"] and sheet["A1"].font.b
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    members = {m["code"]: m for m in closed["members"]}
    assert len(rows) == len(members) + 1
    for row in rows[:-1]:
        m = members[row[1]]
        assert m["settlement"] == row[4]
        assert cell_decimal(row[5]) == Decimal(m["kg"])
        milk, credits, own, carried_in, carried_out, net = map(cell_decimal, row[6:12])
        assert (milk, carried_in, carried_out, net) == (
            Decimal(m["gross"]),
            Decimal(m["carried_in"]),
            Decimal(m["carried_out"]),
            Decimal(m["net"]),
        )
        # what was due (the statement's words), from what was covered (the close's JSON)
        assert own == Decimal(m["deductions_total"]) + carried_out - carried_in
        assert milk + credits - own - carried_in + carried_out == net
    assert header[6:12] == [
        "Valor de la leche S/",
        "Abonos S/",
        "Descuentos del periodo S/",
        "Deuda anterior S/",
        "Deuda que pasa S/",
        "Neto a pagar S/",
    ]
    total = rows[-1]
    totals = closed["totals"]
    assert total[1] == "TOTAL"
    assert cell_decimal(total[6]) == Decimal(totals["gross"])
    assert cell_decimal(total[11]) == Decimal(totals["net"])
    assert sheet.cell(row=2, column=7).number_format == "#,##0.00"
    assert sheet.cell(row=2, column=6).number_format == "#,##0.000"


def test_accountant_purchases_and_payment_list(coop, closed: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    purchases = tmp_path / "compras.csv"
    assert coop("export", "purchases", "2026-10", "-o", str(purchases))[0] == 0
    raw = purchases.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel shows the accents
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == len(closed["members"])
    first = rows[0]
    assert first["Tipo de comprobante"] == "04" and first["Unidad"] == "KGM"
    assert first["Tipo de documento del vendedor"] == "1"
    assert first["Serie-número"].startswith("L001-")
    totals = closed["totals"]

    def total(column: str) -> Decimal:
        return sum((Decimal(r[column]) for r in rows), Decimal(0))

    assert total("Valor de compra S/") == Decimal(totals["gross"])
    assert total("Importe exonerado S/") == Decimal(totals["gross"])
    assert total("IGV S/") == 0
    assert total("Descuentos S/") == Decimal(totals["deductions_total"])
    assert total("Neto pagado S/") == Decimal(totals["net"])
    for r in rows:  # each row adds up: value + credits − deductions = net
        assert Decimal(r["Valor de compra S/"]) + Decimal(r["Abonos S/"]) - Decimal(
            r["Descuentos S/"]
        ) == Decimal(r["Neto pagado S/"])
    payments = tmp_path / "pagos.csv"
    assert coop("export", "payments", "2026-10", "-o", str(payments))[0] == 0
    listed = list(csv.DictReader(payments.read_text("utf-8-sig").splitlines()))
    paid = [m for m in closed["members"] if Decimal(m["net"]) > 0]
    assert len(listed) == len(paid)  # one row per payment, no totals row (a bank's list)
    assert sum(Decimal(r["Monto S/"]) for r in listed) == Decimal(totals["net"])
    rosa = next(r for r in listed if r["Código"] == "S0101")
    assert (rosa["Forma de pago"], rosa["Cuenta o billetera"]) == ("billetera", "951234567")
    juan = next(r for r in listed if r["Código"] == "S0102")
    assert (juan["Banco"], juan["Cuenta o billetera"]) == ("Banco de la Nación", "04-123-456789")


def test_deliveries_ledger_quality_and_members_exports(coop, closed: dict, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "entregas.xlsx"
    assert coop("export", "deliveries", "2026-10-01..2026-10-31", "-o", str(target))[0] == 0
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert isinstance(rows[0][0], datetime) and sheet.cell(row=2, column=1).number_format == (
        "DD/MM/YYYY"
    )
    data, total = rows[:-1], rows[-1]
    # litres and kilograms, accepted and rejected, each in its own column and total
    sums = [
        sum((cell_decimal(r[i]) for r in data if r[i] is not None), Decimal(0))
        for i in (4, 5, 6, 7)
    ]
    assert (
        [cell_decimal(total[i]) for i in (4, 5, 6, 7)]
        == sums
        == [
            Decimal("180.05"),
            Decimal("0"),
            Decimal("7"),
            Decimal("0"),
        ]
    )
    assert sums[0] == Decimal(closed["totals"]["litres"])
    ledger = tmp_path / "cuentas.csv"
    assert coop("export", "ledger", "2026-10", "-o", str(ledger))[0] == 0
    text = ledger.read_text("utf-8-sig")
    assert "05/10/2026" in text and "TOTAL" in text
    quality = tmp_path / "calidad.xlsx"
    assert coop("export", "quality", "2026-10", "-o", str(quality))[0] == 0
    assert load_workbook(quality).active.max_row == 7
    people = tmp_path / "socios.xlsx"
    assert coop("export", "members", "-o", str(people))[0] == 0
    assert load_workbook(people).active["A2"].value == "S0101"
    code, _, err = coop("export", "payroll", "2026-10-01..2026-10-31", "-o", str(people))
    assert code == 1 and "periodo cerrado" in err
    code, _, err = coop("export", "payroll", "2026-10", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and ".xlsx o .csv" in err


def test_import_after_the_close_is_refused_and_reports_rows(
    coop, closed: dict, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    late = tmp_path / "tarde.csv"
    late.write_text("codigo,fecha,turno,litros\nS0101,20/10/2026,am,10\nS0102,02/11/2026,xx,10\n")
    code, out, err = coop("import", "deliveries", str(late))
    assert code == 1
    assert "No se importó nada: 2 problemas." in err
    assert "Fila 2, columna B «fecha»:" in err and "2026-10" in err
    assert "Fila 3, columna C «turno»:" in err
    code, out, err = coop("import", "deliveries", str(late), "--json")
    report = json.loads(out)
    assert code == 1 and [p["row"] for p in report["problems"]] == [2, 3]
    good = tmp_path / "nov.csv"
    good.write_text("codigo,fecha,turno,litros\nS0102,02/11/2026,am,10\n")
    code, out, _ = coop("import", "deliveries", str(good), "--dry-run")
    assert code == 0 and "No se guardó nada" in out
    code, out, _ = coop("deliveries", "list", "--date", "2026-11-02", "--json")
    assert json.loads(out) == []
    code, out, _ = coop("import", "deliveries", str(good))
    assert code == 0 and "Importada: 1 fila; 0 ya estaban en la base y no se repitieron." in out
    code, out, _ = coop("import", "deliveries", str(good))
    assert code == 0 and "ya se importó" in out
    assert "Importadas: 0 filas; 1 ya estaban en la base y no se repitieron." in out
    # one problem is one: "1 problema"
    late.write_text("codigo,fecha,turno,litros\nS0102,03/11/2026,xx,10\n")
    code, _, err = coop("import", "deliveries", str(late))
    assert code == 1 and "No se importó nada: 1 problema.\n" in err


def test_mapping_from_the_command_line(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coop("init", "--name", "Asociación")
    coop("import", "members", str(EXAMPLES / "socios.csv"))
    odd = tmp_path / "raro.csv"
    odd.write_text("Socio,Día,Ordeño,Vol,Color\nS0101,01/10/2026,am,15,rojo\n")
    code, _, err = coop("import", "deliveries", str(odd))
    assert code == 1 and "«Color»" in err
    code, out, err = coop(
        "import",
        "deliveries",
        str(odd),
        "--map",
        "Vol=litros",
        "--map",
        "Color=",
        "--map",
        "Día=fecha",
        "--save-mapping",
        "--dry-run",
    )
    assert code == 0, err
    code, out, err = coop("import", "deliveries", str(odd))
    assert code == 0 and "Importada: 1 fila;" in out, err


def test_members_and_deliveries_exports_read_back_as_they_are(  # type: ignore[no-untyped-def]
    coop, closed: dict, tmp_path: Path
) -> None:
    """The members export (in the screen's language, words not codes, a column per practice)
    and the deliveries export (litres and kg apart) are imported back as they are: into the
    same database nothing is new; into another one the same members and deliveries appear."""
    assert (
        coop("members", "practice", "add", "S0101", "regenerative", "--from", "01/03/2025")[0] == 0
    )
    people, entregas = tmp_path / "socios.xlsx", tmp_path / "entregas.csv"
    assert coop("export", "members", "-o", str(people))[0] == 0
    sheet = load_workbook(people).active
    header = [c.value for c in sheet[1]]
    assert header[-4:] == [
        "Buenas prácticas ganaderas (desde)",
        "Pastoreo rotacional / ganadería regenerativa (desde)",
        "Producción orgánica (desde)",
        "Sanidad del hato (desde)",
    ]
    rosa = [c.value for c in sheet[2]]
    assert (rosa[4], rosa[11], rosa[16]) == ("Mujer", "billetera", "activo")
    assert rosa[-3] == datetime(2025, 3, 1)
    english = tmp_path / "members.csv"
    assert coop("--lang", "en", "export", "members", "-o", str(english))[0] == 0
    first = english.read_text("utf-8-sig").splitlines()[0]
    assert first.startswith("Code,Given names,Surnames,DNI,Gender,")
    assert "Woman" in english.read_text("utf-8-sig")
    span = "2026-10-01..2026-10-31"
    assert coop("export", "deliveries", span, "-o", str(entregas))[0] == 0
    assert entregas.read_text("utf-8-sig").splitlines()[0] == (
        "Fecha,Turno,Código,Nombre del socio,Aceptado (L),Aceptado (kg),Rechazado (L),"
        "Rechazado (kg),Temperatura °C,Densidad,Motivo de rechazo,N° entrega"
    )
    for path, kind, rows in (
        (people, "members", 6),
        (english, "members", 6),
        (entregas, "deliveries", 16),
    ):
        code, out, err = coop("import", kind, str(path), "--json")
        report = json.loads(out)
        assert code == 0, report["problems"][:3]
        assert (report["written"], report["already_imported"]) == (0, rows), path
    other = str(tmp_path / "otra.db")
    assert coop("init", "--name", "Otra", db_arg=other)[0] == 0
    assert coop("import", "members", str(people), db_arg=other)[0] == 0
    code, out, err = coop("import", "deliveries", str(entregas), "--json", db_arg=other)
    assert code == 0 and json.loads(out)["written"] == 16, err
    again = tmp_path / "otra-socios.xlsx"
    assert coop("export", "members", "-o", str(again), db_arg=other)[0] == 0
    assert list(load_workbook(again).active.values) == list(load_workbook(people).active.values)
    back = tmp_path / "otra-entregas.csv"
    assert coop("export", "deliveries", span, "-o", str(back), db_arg=other)[0] == 0
    strip_ids = lambda p: [line.rsplit(",", 1)[0] for line in p.read_text("utf-8-sig").splitlines()]  # noqa: E731
    assert strip_ids(back) == strip_ids(entregas)  # the same rows, new delivery numbers
