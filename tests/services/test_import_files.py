"""Imports of files made the way the world makes them (tests_support/world_files.py): the
active sheet behind a hidden draft, the header under title rows and a merged group header,
a totals row left aside, Excel date serials and numbers as text; an analyzer's cumulative
CSV read again after its period closed; a quantity changed since it was imported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests_support.clock import TODAY
from tests_support.world_files import MEMBERS, analyzer_csv, october_workbook

from coop_desktop.core.resources import resource_path
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.import_table import ReadOptions
from coop_desktop.services.imports import ImportReport, describe, import_file, problem_lines
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Delivery, QualityTest

OCT = [
    ("101", date(2026, 10, 1), "M", "15.5"),
    ("102", date(2026, 10, 1), "M", "12"),
    ("101", date(2026, 10, 1), "T", "11.25"),
    ("103", date(2026, 10, 2), "T", "9.8"),
]


@pytest.fixture
def coop(association: Database) -> Database:
    import_scheme(
        association, resource_path("schemes/peru-additive.json").read_text(), date(2026, 1, 1)
    )
    for code, given in zip(MEMBERS, ("Rosa", "Juan", "Ana"), strict=True):
        add_member(association, MemberDraft(code=code, given_names=given, surnames="Mamani"))
    return association


def run(db: Database, path: Path, kind: str, **kwargs: object) -> ImportReport:
    return import_file(db, path, kind, today=TODAY, **kwargs)  # type: ignore[arg-type]


def notes(report: ImportReport) -> list[str]:
    return [describe(report, p) for p in report.notes]


def litres(db: Database) -> list[tuple[str, date, str, Decimal]]:
    from coop_desktop.storage.models import Member

    with db.read() as s:
        return [
            (code, d, shift, q)
            for code, d, shift, q in s.execute(
                select(Member.code, Delivery.date, Delivery.shift, Delivery.quantity)
                .join(Member)
                .order_by(Delivery.date, Delivery.shift, Member.code)
            )
        ]


def test_a_workbook_as_associations_keep_it(coop: Database, tmp_path: Path) -> None:
    path = october_workbook(tmp_path / "acopio-octubre.xlsx", OCT)
    report = run(coop, path, "deliveries", dry_run=True)
    assert report.ok, problem_lines(report)
    t = report.table
    # the active sheet, not the hidden draft; the header under the title and group rows
    assert (t.sheet, t.header_row, report.rows_read) == ("Octubre", 5, 4)
    assert notes(report) == [
        "Se lee la hoja «Octubre» (la hoja activa del libro); no se leen las hojas ocultas: "
        "«Setiembre (borrador)».",
        "Encabezado en la fila 5: tiene 5 nombres de columna conocidos; las filas de arriba "
        "(título, grupos de columnas) se saltaron.",
        "Fila 10: fila de totales («TOTAL»): no se importa.",
    ]
    fields = report.match.fields if report.match else []
    assert fields == ["date", "shift", "member", "-", "litres", "temperature"]
    assert run(coop, path, "deliveries").written == 4
    assert litres(coop) == [
        ("101", date(2026, 10, 1), "am", Decimal("15.500")),
        ("102", date(2026, 10, 1), "am", Decimal("12.000")),
        ("101", date(2026, 10, 1), "pm", Decimal("11.250")),
        ("103", date(2026, 10, 2), "pm", Decimal("9.800")),
    ]
    # the hidden sheet is read only when asked for by name
    draft = run(coop, path, "deliveries", options=ReadOptions(sheet="Setiembre (borrador)"))
    assert draft.ok and draft.written == 1
    assert "está oculta" in notes(draft)[0]


def test_the_header_row_can_be_given_and_a_wrong_one_is_named(
    coop: Database, tmp_path: Path
) -> None:
    path = october_workbook(tmp_path / "acopio.xlsx", OCT)
    given = run(coop, path, "deliveries", dry_run=True, options=ReadOptions(header_row=5))
    assert given.ok and notes(given)[1] == "Encabezado en la fila 5, como se indicó."
    wrong = run(coop, path, "deliveries", dry_run=True, options=ReadOptions(header_row=4))
    assert not wrong.ok
    assert (
        describe(wrong, wrong.warnings[0])
        == (
            "Se tomó la fila 4 como encabezado, como se indicó: «ENTREGA | SOCIO | CANTIDAD». "
        ).strip()
    )
    missing = run(coop, path, "deliveries", dry_run=True, options=ReadOptions(header_row=3))
    assert problem_lines(missing) == [
        "Fila 3: La fila 3 no tiene datos; las filas con datos van de la 1 a la 10."
    ]
    # a sheet with no row of known names: which row was taken, and why
    book = tmp_path / "raro.csv"
    book.write_text("Planilla;;\nuno;dos;tres\n101;01/10/2026;15\n", encoding="utf-8")
    odd = run(coop, book, "deliveries", dry_run=True)
    assert problem_lines(odd)[0] == (
        "Fila 1: No se reconoce el encabezado: ninguna de las primeras 15 filas tiene dos "
        "nombres de columna conocidos, así que se tomó la fila 1 («Planilla»), la primera con "
        "datos. Si el encabezado está en otra fila, indíquela (--header-row N, o «Fila del "
        "encabezado» en la ventana) o asigne las columnas."
    )


def test_a_cumulative_analyzer_file_after_its_period_closed(coop: Database, tmp_path: Path) -> None:
    """September's samples are imported and September is closed; October's export repeats
    them (analyzers export everything they hold): 0 refused, only October's are new."""
    run(
        coop,
        october_workbook(tmp_path / "a.xlsx", [("101", date(2026, 9, 5), "M", "10")]),
        "deliveries",
    )
    september = [
        ("101", date(2026, 9, 7), "3,62", "8,41"),
        ("102", date(2026, 9, 7), "3,95", "8,62"),
    ]
    first = run(coop, analyzer_csv(tmp_path / "lactoscan-setiembre.csv", september), "tests")
    assert first.ok and first.written == 2
    add_test(coop, "101", "2026-09-05", {"st": "12.0", "ufc": "250000"}, today=TODAY)  # the lab
    assert first.table.encoding == "cp1252" and first.table.decimal == "comma"
    close_period(coop, "2026-09")
    october = [*september, ("103", date(2026, 10, 7), "3,18", "8,05")]
    again = run(coop, analyzer_csv(tmp_path / "lactoscan-octubre.csv", october), "tests")
    assert again.ok, problem_lines(again)
    assert (again.written, again.already_imported, len(again.problems)) == (1, 2, 0)
    assert "columna «No.»: el número de muestra se toma como el código del socio" in (
        describe(again, again.warnings[0])
    )
    # the same file once more: nothing new, nothing refused
    last = run(coop, analyzer_csv(tmp_path / "lactoscan-octubre.csv", october), "tests")
    assert (last.ok, last.written, last.already_imported) == (True, 0, 3)
    with coop.read() as s:
        assert s.scalar(select(func.count()).select_from(QualityTest)) == 4  # 3 + the lab's
        # the scheme prices total solids: derived from fat + SNF, and recorded as derived
        st, derived = s.execute(
            select(QualityTest.st, QualityTest.st_derived).where(
                QualityTest.sample_date == date(2026, 10, 7)
            )
        ).one()
    assert (st, derived) == (Decimal("11.23"), True)


def test_a_row_that_would_change_a_closed_period_is_refused_naming_the_difference(
    coop: Database, tmp_path: Path
) -> None:
    path = october_workbook(tmp_path / "a.xlsx", [("101", date(2026, 9, 5), "M", "10")])
    run(coop, path, "deliveries")
    add_test(coop, "101", "2026-09-07", {"st": "12.0", "ufc": "250000"}, today=TODAY)
    close_period(coop, "2026-09")
    assert run(coop, path, "deliveries").ok  # the same rows: skipped, not refused
    changed = october_workbook(
        tmp_path / "b.xlsx",
        [("101", date(2026, 9, 5), "M", "12"), ("102", date(2026, 9, 6), "M", "8")],
    )
    report = run(coop, changed, "deliveries", correct=True)
    lines = problem_lines(report)
    assert [p.row for p in report.problems] == [6, 7]
    assert lines[0].startswith(
        "Fila 6, columna A «Fecha»: 101, 05/09/2026: la base tiene 10.0 L y el archivo dice "
        "12.0 L, pero "
    )
    assert "cerrado" in lines[0] and "cerrado" in lines[1]
    assert litres(coop) == [("101", date(2026, 9, 5), "am", Decimal("10.000"))]


def test_headers_with_units_and_a_whole_name_column(association: Database, tmp_path: Path) -> None:
    path = tmp_path / "padron.csv"
    path.write_bytes(
        "APELLIDOS Y NOMBRES;Código;DNI;Sexo\r\n"
        "MAMANI QUISPE Rosa María;S0501;01234567;F\r\n"
        "Ccama, Juan;S0502;;M\r\n".encode("cp1252")
    )
    report = import_file(association, path, "members", today=TODAY)
    assert report.ok and report.written == 2, problem_lines(report)
    assert describe(report, report.warnings[0]) == (
        "Fila 2, columna A «APELLIDOS Y NOMBRES»: columna «APELLIDOS Y NOMBRES»: cada nombre "
        "completo se divide en apellidos (lo que va antes de una coma; sin coma, las dos "
        "primeras palabras) y nombres (el resto). Por ejemplo, fila 2: «MAMANI QUISPE Rosa "
        "María» → apellidos «MAMANI QUISPE», nombres «Rosa María». Revise los apellidos "
        "compuestos."
    )
    from coop_desktop.services.members import list_members

    found = {m.code: (m.surnames, m.given_names, m.dni) for m in list_members(association)}
    assert found == {
        "S0501": ("MAMANI QUISPE", "Rosa María", "01234567"),
        "S0502": ("Ccama", "Juan", None),
    }


def test_members_file_with_practices_and_status(association: Database, tmp_path: Path) -> None:
    """A practice column holds the day each member adopted it; the same file again with a
    date added to a row records that practice for the member already on file."""
    from coop_desktop.services.practices import member_spans

    path = tmp_path / "socios.csv"
    head = (
        "Código;Nombres;Apellidos;Estado;"
        "Pastoreo rotacional / ganadería regenerativa (desde);Producción orgánica\r\n"
    )
    path.write_bytes(
        (
            head + "S0601;Rosa;Mamani;activo;15/03/2025;\r\nS0602;Juan;Quispe;retirado;;no\r\n"
        ).encode("cp1252")
    )
    report = import_file(association, path, "members", today=TODAY)
    assert report.ok and (report.written, report.practices_added) == (2, 1), problem_lines(report)
    from coop_desktop.services.members import list_members

    found = {m.code: m for m in list_members(association)}
    assert found["S0602"].status == "retired"
    spans = member_spans(association, found["S0601"].id)
    assert [(s.code, s.start, s.end) for s in spans] == [("regenerative", date(2025, 3, 15), None)]
    path.write_bytes(
        (
            head
            + "S0601;Rosa;Mamani;activo;15/03/2025;01/10/2026\r\nS0602;Juan;Quispe;retirado;;\r\n"
        ).encode("cp1252")
    )
    again = import_file(association, path, "members", today=TODAY)
    assert again.ok and (again.written, again.already_imported, again.practices_added) == (0, 2, 1)
    spans = member_spans(association, found["S0601"].id)
    assert [(s.code, s.start) for s in spans] == [
        ("organic", date(2026, 10, 1)),
        ("regenerative", date(2025, 3, 15)),
    ]
    bad = tmp_path / "malo.csv"
    bad.write_text(head.replace("\r\n", "\n") + "S0603;Ana;Pari;activo;desde marzo;\n", "utf-8")
    report = import_file(association, bad, "members", today=TODAY)
    assert problem_lines(report) == [
        "Fila 2, columna E «Pastoreo rotacional / ganadería regenerativa (desde)»: Práctica "
        "«regenerative»: escriba la fecha desde la que la practica (dd/mm/aaaa); «desde marzo» "
        "no es una fecha."
    ]
