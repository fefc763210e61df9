"""Files made the way associations and instruments make them, written by the tests: a monthly
workbook with a hidden draft sheet, title rows, a merged group header over the real header,
Excel date serials, numbers stored as text, "M/T" shifts and a totals row; an analyzer's CSV
saved by Spanish Windows (semicolons, Windows-1252, decimal comma, CRLF) with units in its
headers and a "No." column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils.datetime import to_excel

MEMBERS = ("101", "102", "103")


def serial(day: date) -> int:
    """The day as Excel stores it in a cell without a date format."""
    return int(to_excel(day))


def october_workbook(path: Path, rows: list[tuple[str, date, str, str]]) -> Path:
    """Rows (code, day, shift M/T, litres as text "15.5") on the active sheet «Octubre»,
    behind a hidden «Setiembre (borrador)» sheet of one row."""
    book = Workbook()
    draft = book.active
    draft.title = "Setiembre (borrador)"
    draft.append(["Código", "Fecha", "Turno", "Litros"])
    draft.append(["101", serial(date(2026, 9, 30)), "M", "99"])
    draft.sheet_state = "hidden"
    sheet = book.create_sheet("Octubre")
    sheet.append(["ASOCIACIÓN DE PRODUCTORES LECHEROS HUAYCHANI"])
    sheet.append(["Registro de acopio — octubre 2026"])
    sheet.append([])
    sheet.append(["ENTREGA", None, "SOCIO", None, "CANTIDAD", None])
    sheet.merge_cells("A4:B4")
    sheet.merge_cells("C4:D4")
    sheet.merge_cells("E4:F4")
    sheet.append(["Fecha", "Turno", "Código", "APELLIDOS Y NOMBRES", "Litros", "Temp,C"])
    for code, day, shift, litres in rows:
        sheet.append([serial(day), shift, code, "MAMANI QUISPE Rosa", litres, "8.5"])
    last = sheet.max_row
    sheet.append(["TOTAL", None, None, None, f"=SUM(E6:E{last})", None])
    book.active = 1
    book.save(path)
    return path


def analyzer_csv(path: Path, rows: list[tuple[str, date, str, str]]) -> Path:
    """An analyzer's export (code as the sample number "No.", date, fat, SNF) as Spanish
    Windows saves it."""
    lines = ["No.;Date;Time;Fat,%;SNF,%;Density,kg/m3;Protein,%;Added water,%;Temp,°C"]
    for code, day, fat, snf in rows:
        lines.append(f"{code};{day:%d/%m/%Y};09:12;{fat};{snf};1028,9;3,15;0,0;18,2")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path
