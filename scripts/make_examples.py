"""Write the XLSX example files of resources/examples/ (the CSV ones are written by hand).

    python scripts/make_examples.py

socios.xlsx has a title row above its header (the import finds the header); entregas.xlsx
has real date cells, numbers typed as numbers and a column the program does not keep.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

FOLDER = Path(__file__).resolve().parents[1] / "resources" / "examples"


def members() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Socios"
    sheet.append(["Padrón de socios — Asociación de Productores Lecheros Huaychani"])
    with (FOLDER / "socios.csv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh):
            sheet.append(row)
    sheet.freeze_panes = "A3"
    book.save(FOLDER / "socios.xlsx")


def deliveries() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Octubre"
    sheet.append(["N°", "Código", "Nombre", "Fecha", "Turno", "Litros", "T °C"])
    rows = [
        ("S0101", "Rosa Agripina Mamani Quispe", date(2026, 10, 3), "M", "15.5", "8.5"),
        ("S0102", "Juan Condori Apaza", date(2026, 10, 3), "M", "12.25", None),
        ("S0103", "Hipólita Ñaupa Ccama", date(2026, 10, 3), "T", "9.75", None),
        ("S0101", "Rosa Agripina Mamani Quispe", date(2026, 10, 4), "M", "16", None),
    ]
    for n, (code, name, day, shift, litres, temp) in enumerate(rows, start=1):
        sheet.append(
            [n, code, name, day, shift, Decimal(litres), None if temp is None else Decimal(temp)]
        )
        sheet.cell(row=n + 1, column=4).number_format = "DD/MM/YYYY"
    book.save(FOLDER / "entregas.xlsx")


if __name__ == "__main__":
    members()
    deliveries()
