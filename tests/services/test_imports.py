"""Imports: members and deliveries from CSV (both separators) and XLSX, all or nothing,
every bad row reported with its row, column and reason, re-imports without duplicates, and
the same rules as a typed entry (closed periods, inactive members, ranges)."""

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from tests_support.clock import TODAY

from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.import_table import ReadOptions
from coop_desktop.services.imports import ImportReport, import_file, problem_lines
from coop_desktop.services.members import add_member, list_members, set_status
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Delivery, ImportRow, Member, Period, QualityTest

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def count(db: Database, model: Any) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[Any]], setup: Any = None) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if setup is not None:
        setup(sheet)
    book.save(path)
    return path


def run(db: Database, path: Path, kind: str, **kwargs: Any) -> ImportReport:
    return import_file(db, path, kind, today=TODAY, **kwargs)


@pytest.fixture
def members(association: Database) -> Database:
    report = run(association, EXAMPLES / "socios.csv", "members")
    assert report.ok, problem_lines(report)
    return association


def test_members_from_csv_both_separators_and_xlsx(association: Database) -> None:
    report = run(association, EXAMPLES / "socios.csv", "members")
    assert report.ok and report.written == 4
    assert report.table.delimiter == "," and report.table.encoding == "utf-8"
    report = run(association, EXAMPLES / "socios-punto-y-coma.csv", "members")
    assert report.ok and report.written == 2
    assert report.table.delimiter == ";" and report.table.encoding == "cp1252"
    found = {m.code: m for m in list_members(association)}
    assert found["S0106"].given_names == "Máximo"  # Windows-1252 read right
    rosa = found["S0101"]
    assert (rosa.dni, rosa.gender, rosa.payment_method, rosa.wallet) == (
        "41234567",
        "f",
        "wallet",
        "951234567",
    )
    juan = found["S0102"]
    assert (juan.payment_method, juan.bank, juan.account) == (
        "bank",
        "Banco de la Nación",
        "04-123-456789",
    )
    assert found["S0103"].gender == "f" and found["S0104"].payment_method == "cash"
    assert found["S0104"].department == "Puno"  # the association's, as when typed
    # the XLSX holds the same rows under a title row: found, and not imported twice
    report = run(association, EXAMPLES / "socios.xlsx", "members")
    assert report.ok and report.table.header_row == 2
    assert (report.written, report.already_imported) == (0, 4)
    assert count(association, Member) == 6


def test_deliveries_from_csv_both_separators_and_xlsx(members: Database) -> None:
    run(members, EXAMPLES / "socios-punto-y-coma.csv", "members")
    report = run(members, EXAMPLES / "entregas.csv", "deliveries")
    assert report.ok and report.written == 8 and report.table.decimal == "point"
    report = run(members, EXAMPLES / "entregas-punto-y-coma.csv", "deliveries")
    assert report.ok and report.written == 4 and report.table.decimal == "comma"
    report = run(members, EXAMPLES / "entregas.xlsx", "deliveries")
    assert report.ok and report.written == 4
    with members.read() as s:
        rows = s.execute(
            select(
                Member.code,
                Delivery.date,
                Delivery.shift,
                Delivery.quantity,
                Delivery.unit,
                Delivery.temperature,
                Delivery.rejected,
                Delivery.reject_reason,
            )
            .join(Member)
            .order_by(Delivery.id)
        ).all()
    assert rows[0] == (
        "S0101",
        date(2026, 10, 1),
        "am",
        Decimal("15.500"),
        "L",
        Decimal("8.5"),
        False,
        None,
    )
    assert rows[3][6:] == (True, "Prueba de alcohol positiva")
    assert rows[8][:4] == ("S0105", date(2026, 10, 1), "am", Decimal("14.500"))  # "14,5"
    assert rows[9][3] == Decimal("8.750")  # "8,75"
    assert rows[12][:4] == ("S0101", date(2026, 10, 3), "am", Decimal("15.500"))  # date cell
    assert rows[14][2] == "pm"  # "T"


def test_one_bad_row_writes_nothing_and_every_bad_row_is_named(
    members: Database, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "e.csv",
        (
            "codigo;fecha;turno;litros\n"
            "S0101;01/10/2026;mañana;15,5\n"
            "S0102;31/09/2026;mañana;12\n"
            "S0103;01/10/2026;noche;9\n"
            "S9999;01/10/2026;tarde;9\n"
            "S0104;01/10/2026;tarde;-3\n"
            "S0101;02/10/2026;tarde;900\n"
            "S0102;02/10/2026;tarde;12,34567\n"
            "S0103;02/10/26;tarde;-1\n"
        ),
    )
    report = run(members, path, "deliveries")
    assert not report.ok and report.written == 0
    assert count(members, Delivery) == 0 and count(members, ImportRow) == 4  # the members
    lines = problem_lines(report)
    assert [(p.row, p.column) for p in report.problems] == [
        (3, 1),
        (4, 2),
        (5, 0),
        (6, 3),
        (7, 3),
        (8, 3),
        (9, 1),  # a row with two problems names both
        (9, 3),
    ]
    assert lines[0].startswith("Fila 3, columna B «fecha»: ") and "31/09/2026" in lines[0]
    assert "«noche» no es válido" in lines[1]
    assert "S9999" in lines[2]
    assert "mayor que cero" in lines[3]
    assert "máximo por entrega es 500" in lines[4]
    assert "más de 3 decimales" in lines[5]
    english = problem_lines(report, "en")
    assert english[0].startswith("Row 3, column B «fecha»: ")


def test_reimport_never_duplicates(members: Database, tmp_path: Path) -> None:
    first = run(members, EXAMPLES / "entregas.csv", "deliveries")
    again = run(members, EXAMPLES / "entregas.csv", "deliveries")
    assert first.written == 8 and again.written == 0 and again.already_imported == 8
    assert again.earlier_import is not None
    # the same rows written another way (decimal comma, semicolons, ISO dates, more rows)
    path = write_csv(
        tmp_path / "otra.csv",
        (
            "Código;Fecha;Turno;Litros;Temperatura;Motivo de rechazo\n"
            "S0101;2026-10-01;am;15,50;8,5;\n"
            "S0102;2026-10-03;pm;11;;\n"
        ),
    )
    report = run(members, path, "deliveries")
    assert (report.written, report.already_imported) == (1, 1)
    assert count(members, Delivery) == 9
    # two identical rows in one file are two deliveries (announced), and stay two
    twice = write_csv(
        tmp_path / "twice.csv",
        "codigo,fecha,turno,litros\nS0103,04/10/2026,am,9\nS0103,04/10/2026,am,9\n",
    )
    report = run(members, twice, "deliveries")
    assert (
        report.written == 2
        and "dos entregas"
        in problem_lines(ImportReport(report.kind, report.table, problems=report.warnings))[0]
    )
    assert run(members, twice, "deliveries").already_imported == 2
    assert count(members, Delivery) == 11


def test_a_second_delivery_in_the_same_shift_is_announced(
    members: Database, tmp_path: Path
) -> None:
    """S0101 has 15.5 L on 01/10 morning: a file's second row of that shift is a second
    delivery, announced (its first row faces the one recorded, and holds the same)."""
    run(members, EXAMPLES / "entregas.csv", "deliveries")
    path = write_csv(
        tmp_path / "b.csv",
        "codigo,fecha,turno,litros\nS0101,01/10/2026,am,15.5\nS0101,01/10/2026,am,14\n",
    )
    report = run(members, path, "deliveries")
    assert (report.written, report.already_imported, report.corrections) == (1, 1, [])
    (warning,) = report.warnings
    assert warning.error.code == "same_shift_in_db" and warning.row == 3
    assert "S0101 ya tiene una entrega el 01/10/2026 (am)" in warning.error.render("es")


def test_a_changed_quantity_is_a_correction_to_confirm(members: Database, tmp_path: Path) -> None:
    """The same file again with S0101's 15.5 L written 14: never a second delivery. Without
    confirming, the row is refused with the difference named; confirmed, the delivery holds
    14 L (audited), and the file read once more changes nothing."""
    run(members, EXAMPLES / "entregas.csv", "deliveries")
    path = write_csv(tmp_path / "b.csv", "codigo,fecha,turno,litros\nS0101,01/10/2026,am,14\n")
    report = run(members, path, "deliveries", dry_run=True)
    assert [(c.row, c.who, c.before, c.after) for c in report.corrections] == [
        (2, "S0101", {"quantity": 15500, "unit": "L"}, {"quantity": 14000, "unit": "L"})
    ]
    assert problem_lines(report) == [
        "Fila 2, columna A «codigo»: S0101, 01/10/2026 (mañana): la base tiene 15.5 L; el "
        "archivo dice 14.0 L (−1.5 L). Es una corrección de esa entrega: confírmela "
        "(--correct, o «Importar» y confirmar) o quite la fila."
    ]
    assert run(members, path, "deliveries").written == 0 and count(members, Delivery) == 8
    report = run(members, path, "deliveries", correct=True)
    assert report.ok and (report.written, len(report.corrections)) == (0, 1)
    with members.read() as s:
        quantities = s.scalars(
            select(Delivery.quantity).join(Member).where(Member.code == "S0101")
        ).all()
    assert sorted(quantities) == [Decimal("11.500"), Decimal("14.000"), Decimal("15.000")]
    assert count(members, Delivery) == 8
    again = run(members, path, "deliveries")
    assert (again.written, again.already_imported, again.corrections) == (0, 1, [])


def test_dry_run_checks_everything_and_writes_nothing(members: Database) -> None:
    report = run(members, EXAMPLES / "entregas.csv", "deliveries", dry_run=True)
    assert report.ok and report.to_write == 8 and report.written == 0
    assert count(members, Delivery) == 0
    assert run(members, EXAMPLES / "entregas.csv", "deliveries").written == 8


def test_closed_periods_and_inactive_members_refused_as_when_typed(
    members: Database, tmp_path: Path
) -> None:
    run(members, EXAMPLES / "entregas.csv", "deliveries")
    with members.write() as s:  # closed as a close leaves it (the full close: tests/cli)
        s.add(
            Period(
                code="2026-10",
                start_date=date(2026, 10, 1),
                end_date=date(2026, 10, 31),
                status="closed",
            )
        )
    path = write_csv(
        tmp_path / "late.csv",
        "codigo,fecha,turno,litros\nS0101,05/10/2026,am,10\nS0102,01/11/2026,am,10\n",
    )
    report = run(members, path, "deliveries")
    assert [p.row for p in report.problems] == [2]
    assert "cerrado" in problem_lines(report)[0] and "2026-10" in problem_lines(report)[0]
    with members.read() as s:
        juan = s.scalars(select(Member).where(Member.code == "S0102")).one().id
    set_status(members, juan, "suspended")
    path = write_csv(tmp_path / "nov.csv", "codigo,fecha,turno,litros\nS0102,02/11/2026,am,10\n")
    report = run(members, path, "deliveries")
    assert report.problems[0].error.code == "member_not_active"
    assert count(members, Delivery) == 8


def test_quality_tests_from_an_analyzer_export(members: Database) -> None:
    report = run(members, EXAMPLES / "analisis-lactoscan.csv", "tests")
    assert report.ok and report.written == 3
    assert {w.error.code for w in report.warnings} == {"ignored_known_column"}
    with members.read() as s:
        t = s.scalars(select(QualityTest).order_by(QualityTest.id)).first()
        assert t is not None
        assert (t.fat, t.snf, t.density, t.protein, t.temperature) == (
            Decimal("3.62"),
            Decimal("8.41"),
            Decimal("1.0289"),
            Decimal("3.15"),
            Decimal("18.2"),
        )
    assert run(members, EXAMPLES / "analisis-lactoscan.csv", "tests").already_imported == 3


# --- Bad input: each a clear message naming the row and column, nothing written --------


def only_problem(report: ImportReport) -> tuple[int | None, int | None, str]:
    assert not report.ok
    return report.problems[0].row, report.problems[0].column, report.problems[0].error.code


def test_wrong_encoding(members: Database, tmp_path: Path) -> None:
    text = "codigo,fecha,turno,litros,motivo de rechazo\nS0101,01/10/2026,mañana,15,\n"
    latin = write_csv(tmp_path / "latin.csv", text, "cp1252")
    report = run(members, latin, "deliveries", options=ReadOptions(encoding="utf-8"))
    assert only_problem(report) == (2, None, "bad_encoding")
    assert "UTF-8" in problem_lines(report)[0] and "Fila 2" in problem_lines(report)[0]
    utf8 = write_csv(tmp_path / "utf8.csv", text)
    report = run(members, utf8, "deliveries", options=ReadOptions(encoding="cp1252"))
    assert only_problem(report) == (2, 2, "mojibake")
    assert count(members, Delivery) == 0
    assert run(members, latin, "deliveries").written == 1  # detected: Windows-1252


def test_missing_and_extra_columns(members: Database, tmp_path: Path) -> None:
    missing = write_csv(tmp_path / "m.csv", "codigo,fecha,litros\nS0101,01/10/2026,15\n")
    report = run(members, missing, "deliveries")
    assert only_problem(report) == (1, None, "missing_column")
    assert "turno" in problem_lines(report)[0]
    extra = write_csv(
        tmp_path / "x.csv", "codigo,fecha,turno,litros,Color\nS0101,01/10/2026,am,15,azul\n"
    )
    report = run(members, extra, "deliveries")
    assert only_problem(report) == (1, 4, "unknown_column")
    assert "columna E «Color»" in problem_lines(report)[0]
    report = run(members, extra, "deliveries", mapping={"Color": ""})
    assert report.ok and report.written == 1
    spill = write_csv(
        tmp_path / "s.csv",
        "codigo,nombre,fecha,turno,litros\nS0101,Mamani, Rosa,01/10/2026,am,15\n",
    )
    report = run(members, spill, "deliveries")
    assert only_problem(report) == (2, None, "too_many_cells")


def test_empty_header_only_and_huge_files(members: Database, tmp_path: Path) -> None:
    empty = write_csv(tmp_path / "empty.csv", "")
    assert only_problem(run(members, empty, "deliveries"))[2] == "file_empty"
    header = write_csv(tmp_path / "header.csv", "codigo,fecha,turno,litros\n")
    assert only_problem(run(members, header, "deliveries"))[2] == "file_no_rows"
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    report = run(members, huge, "deliveries")
    assert only_problem(report)[2] == "file_too_large" and "50.0 MB" in problem_lines(report)[0]
    assert count(members, Delivery) == 0


def test_formulas_and_merged_cells(members: Database, tmp_path: Path) -> None:
    head = ["Código", "Fecha", "Turno", "Litros"]
    formula = write_xlsx(
        tmp_path / "f.xlsx",
        [head, ["S0101", date(2026, 10, 1), "am", 15], ["S0102", date(2026, 10, 1), "am", "=D2*2"]],
    )
    report = run(members, formula, "deliveries")
    assert only_problem(report) == (3, 3, "formula_cell")
    assert "Fila 3, columna D «Litros»" in problem_lines(report)[0]

    def merge(sheet: Any) -> None:
        sheet.merge_cells("B2:B3")

    merged = write_xlsx(
        tmp_path / "g.xlsx",
        [head, ["S0101", date(2026, 10, 1), "am", 15], ["S0102", None, "am", 12]],
        merge,
    )
    report = run(members, merged, "deliveries")
    assert (report.problems[0].row, report.problems[0].column) == (2, 1)
    assert report.problems[0].error.code == "merged_cells" and "B2:B3" in problem_lines(report)[0]
    assert count(members, Delivery) == 0


def test_dates_as_text_or_numbers(members: Database, tmp_path: Path) -> None:
    head = ["Código", "Fecha", "Turno", "Litros"]
    book = write_xlsx(
        tmp_path / "d.xlsx",
        [
            head,
            ["S0101", date(2026, 10, 1), "am", 15],
            ["S0102", 46296, "am", 12],  # a serial number in a cell without a date format
            ["S0103", "02/10/2026", "am", Decimal("9.5")],  # text
            ["S0104", "2026-10-02", "pm", 7],
        ],
    )
    report = run(members, book, "deliveries")
    assert report.ok and report.written == 4
    with members.read() as s:
        assert {d for (d,) in s.execute(select(Delivery.date))} == {
            date(2026, 10, 1),
            date(2026, 10, 2),
        }
    text = write_csv(tmp_path / "n.csv", "codigo,fecha,turno,litros\nS0101,46300,am,15\n")
    report = run(members, text, "deliveries")
    assert only_problem(report) == (2, 1, "excel_serial_date")
    assert "dd/mm/aaaa" in problem_lines(report)[0]


def test_duplicate_codes_and_bad_dnis(association: Database, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "s.csv",
        (
            "Código,Nombres,Apellidos,DNI\n"
            "S0201,Rosa,Mamani,41234567\n"
            "S0202,Juan,Quispe,4123456\n"
            "S0203,Ana,Pari,4123456A\n"
            "s0201,Rosa,Mamani Quispe,41234577\n"
            "S0204,Luis,Apaza,41234567\n"
        ),
    )
    report = run(association, path, "members")
    got = [(p.row, p.column, p.error.code) for p in report.problems]
    assert got == [
        (3, 3, "dni_lost_zero"),
        (4, 3, "invalid_dni"),
        (5, 0, "duplicate_in_file"),
        (6, 3, "duplicate_in_file"),
    ]
    lines = problem_lines(report)
    assert lines[0] == (
        "Fila 3, columna D «DNI»: DNI inválido «4123456»: tiene 7 dígitos. Si empezaba con "
        "cero, la hoja de cálculo se lo quitó al leerlo como número: es «04123456». Dé formato "
        "de texto a la columna DNI y escríbalo con su cero."
    )
    assert "«4123456A»" in lines[1] and "8 dígitos" in lines[1]
    assert "fila 2" in lines[2]
    assert count(association, Member) == 0
    add_member(association, MemberDraft(code="S0301", given_names="Eva", surnames="Ccama"))
    clash = write_csv(tmp_path / "c.csv", "Código,Nombres,Apellidos\nS0301,Eva,Ccama Ticona\n")
    report = run(association, clash, "members")
    assert only_problem(report) == (2, 0, "member_differs")
    assert problem_lines(report) == [
        "Fila 2, columna A «Código»: el código «S0301» ya es de Eva Ccama, con otros datos: "
        "apellidos. Corríjalo en Socios o quite la fila."
    ]
    same = write_csv(tmp_path / "e.csv", "Código,Nombres,Apellidos\nS0301,Eva,Ccama\n")
    report = run(association, same, "members")  # the member as recorded: skipped
    assert report.ok and (report.written, report.already_imported) == (0, 1)


def test_saved_mapping_and_sheets(members: Database, tmp_path: Path) -> None:
    from coop_desktop.services.imports import load_mapping, save_mapping

    book = Workbook()
    book.active.title = "Notas"
    sheet = book.create_sheet("Octubre")
    sheet.append(["Socio", "Día", "Ordeño", "Vol"])
    sheet.append(["S0101", date(2026, 10, 1), "mañana", 15])
    path = tmp_path / "b.xlsx"
    book.save(path)
    report = run(members, path, "deliveries", options=ReadOptions(sheet="Nada"))
    assert only_problem(report)[2] == "unknown_sheet"
    save_mapping(members, "deliveries", {"Día": "fecha", "Vol": "litros"})
    assert load_mapping(members, "deliveries") == {"dia": "date", "vol": "litres"}
    report = run(members, path, "deliveries", options=ReadOptions(sheet="Octubre"))
    assert report.ok and report.written == 1


def test_a_test_names_a_delivery_of_its_own_member(members: Database, tmp_path: Path) -> None:
    run(members, EXAMPLES / "entregas.csv", "deliveries")
    with members.read() as s:
        first = s.scalars(select(Delivery).order_by(Delivery.id)).first()
        assert first is not None
    path = write_csv(
        tmp_path / "t.csv",
        (
            "Código;Fecha;Grasa;Entrega\n"
            f"S0101;01/10/2026;3,6;{first.id}\n"
            f"S0102;01/10/2026;3,7;{first.id}\n"
            "S0103;01/10/2026;3,8;99999\n"
            "S0104;01/10/2026;35;\n"
        ),
    )
    report = run(members, path, "tests")
    got = [(p.row, p.column, p.error.code) for p in report.problems]
    assert got == [
        (3, 3, "delivery_member_mismatch"),
        (4, 3, "unknown_delivery"),
        (5, 2, "out_of_range"),
    ]
    assert count(members, QualityTest) == 0


def test_a_decimal_comma_file_never_misreads_thousands(members: Database, tmp_path: Path) -> None:
    """In a file written with decimal commas, "250,000" is 250 by the file's rule and 250000
    to whoever typed it with a thousands comma: refused with both readings, nothing written.
    Where the field's limits leave one reading ("1,032" is no density of 1032), it is read."""
    rows = "codigo;fecha;grasa;densidad;ufc\nS0101;07/10/2026;3,62;1,032;{ufc}\n"
    path = write_csv(tmp_path / "analisis.csv", rows.format(ufc="250,000"))
    report = run(members, path, "tests")
    row, _column, code = only_problem(report)
    assert (row, code) == (2, "ambiguous_number")
    text = problem_lines(report)[0]
    assert "250000 (con separador de miles) o 250 (con coma o punto decimal)" in text
    assert count(members, QualityTest) == 0
    report = run(members, write_csv(tmp_path / "ok.csv", rows.format(ufc="1.250.000")), "tests")
    assert report.ok, problem_lines(report)
    with members.read() as s:
        t = s.scalars(select(QualityTest)).one()
        assert (t.fat, t.density, t.ufc) == (Decimal("3.62"), Decimal("1.032"), 1250000)
