"""The sales documents read back: the guide (80 mm, A5), the buyer statement, the balance
and margin reports (PDF and XLSX) of the worked example."""

import io
from pathlib import Path

import pdfplumber
from openpyxl import load_workbook
from tests_support.sales_example import build, ok


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_documents_of_the_worked_example(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dispatch = build(coop, tmp_path)
    ok(coop("close", "2026-10"))
    guide = tmp_path / "guia.pdf"
    ok(coop("dispatch", "guide", str(dispatch), "-o", str(guide)))
    text = _text(guide)
    assert "GUÍA DE DESPACHO G001-00000001" in text
    assert (
        "QSR Quesería San Román" in text and "Cantidad 1,820.0 L" in text and "Grasa 3.50 %" in text
    )
    a5 = tmp_path / "guia-a5.pdf"
    ok(coop("dispatch", "guide", str(dispatch), "--size", "A5", "-o", str(a5)))
    with pdfplumber.open(a5) as pdf:
        assert round(pdf.pages[0].width) == 420  # A5 is 148 mm wide
    statement = tmp_path / "estado.pdf"
    ok(
        coop(
            "sales",
            "statement",
            "QSR",
            "--from",
            "2026-10-01",
            "--to",
            "2026-10-31",
            "-o",
            str(statement),
        )
    )
    text = _text(statement)
    assert "ESTADO DE CUENTA DEL" in text and "QSR — Quesería San Román" in text
    assert "1,812.0 L" in text and "3,080.40" in text
    assert "Saldo por cobrar: S/ 3,080.40" in text
    balance = tmp_path / "balance.pdf"
    ok(coop("balance", "--from", "2026-10-05", "--to", "2026-10-05", "-o", str(balance)))
    text = _text(balance)
    assert "BALANCE DE LECHE" in text
    assert "05/10/2026 C01 ▲ 0.0 1,850.0 1,820.0 0.0 0.0 30.0 1.62 % 8.0 0.0 65.611" in text
    margin = tmp_path / "margen.pdf"
    ok(coop("report", "margin", "--from", "2026-10-05", "--to", "2026-10-05", "-o", str(margin)))
    text = _text(margin)
    assert "Margen S/ 152.90" in text and "Participación del productor 93.09 %" in text
    book = tmp_path / "margen.xlsx"
    ok(coop("report", "margin", "--from", "2026-10-05", "--to", "2026-10-05", "-o", str(book)))
    sheet = load_workbook(io.BytesIO(book.read_bytes())).active
    values = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]], strict=True))
    assert (values["margin"], values["sales"], values["provisional"]) == (152.9, 3080.4, "no")
    xlsx = tmp_path / "balance.xlsx"
    ok(coop("balance", "--from", "2026-10-05", "--to", "2026-10-05", "-o", str(xlsx)))
    rows = list(load_workbook(io.BytesIO(xlsx.read_bytes())).active.iter_rows(values_only=True))
    assert rows[1][1] == "C01" and rows[1][7] == 30.0
    assert rows[0][15:20] == (
        "Grasa inicial kg",
        "Grasa final kg",
        "ST inicial kg",
        "ST final kg",
        "ST perdido kg",
    )


def test_the_sales_indicators_on_paper(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The indicators' PDF and spreadsheet carry the four sales indicators of the example:
    3,080.40 ÷ (1,812 × 1.030 kg) = S/ 1.6505 per kg; 2,867.50 ÷ 3,080.40 = 93.09 %."""
    build(coop, tmp_path)
    ok(coop("close", "2026-10"))
    args = ("report", "indicators", "--from", "2026-10-05", "--to", "2026-10-05")
    pdf = tmp_path / "indicadores.pdf"
    ok(coop(*args, "-o", str(pdf)))
    text = " ".join(_text(pdf).split())
    assert (
        "Venta de la leche Indicador Rango Tomado sobre (rango) "
        "Participación del productor (leche de los socios ÷ ventas) 93.09 % las ventas del rango "
        "Precio de venta por kg S/ 1.6505 los kg que midieron los compradores "
        "Merma del balance de leche 1.62 % lo que entró: stock inicial + acopio "
        "Litros vendidos (medida del comprador) 1,812.000 L"
    ) in text
    book = tmp_path / "indicadores.xlsx"
    ok(coop(*args, "-o", str(book)))
    sheet = load_workbook(io.BytesIO(book.read_bytes()))["Indicadores"]
    found = {row[1]: row[2] for row in sheet.iter_rows(values_only=True) if row[1]}
    assert (
        found["producer_share_pct"],
        found["buyer_price_per_kg"],
        found["shrinkage_pct"],
        found["litres_sold"],
    ) == (93.09, 1.6505, 1.62, 1812)
