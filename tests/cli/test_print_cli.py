import io
from pathlib import Path

from pypdf import PdfReader


def _text(path: Path) -> str:
    return " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split()
    )


def test_print_commands(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coop("init", "--name", "Asociación Llalli", "--ruc", "20131312955")
    coop("demo", "--members", "3", "--days", "30", "--start", "2026-10-01")
    code, _, err = coop("print", "receipts", "2026-10", "-o", str(tmp_path / "r.pdf"))
    assert code == 1 and "no está cerrado" in err
    code, _, _ = coop("print", "statements", "2026-10", "-o", str(tmp_path / "draft.pdf"))
    assert code == 0 and "BORRADOR" in _text(tmp_path / "draft.pdf")
    code, _, err = coop("close", "2026-10", "--json")
    assert code == 0, err
    assert coop("print", "receipts", "2026-10", "-o", str(tmp_path / "r.pdf"))[0] == 0
    assert "L001-00000003" in _text(tmp_path / "r.pdf")
    assert (
        coop("print", "receipts", "2026-10", "-o", str(tmp_path / "dir"), "--size", "80mm")[0] == 0
    )
    assert sorted(p.name for p in (tmp_path / "dir").iterdir())[0] == "L001-00000001-S0001.pdf"
    assert (
        coop("print", "statements", "2026-10", "-o", str(tmp_path / "s"), "--member", "S0002")[0]
        == 0
    )
    assert [p.name for p in (tmp_path / "s").iterdir()] == ["2026-10-S0002.pdf"]
    assert coop("print", "payroll", "2026-10", "-o", str(tmp_path / "p.pdf"))[0] == 0
    assert "PLANILLA DE PAGO" in _text(tmp_path / "p.pdf")
    assert coop("print", "collection", "2026-10-02", "-o", str(tmp_path / "c.pdf"))[0] == 0
    assert coop("print", "ticket", "1", "-o", str(tmp_path / "t.pdf"), "--width", "58")[0] == 0
    assert "TICKET DE ENTREGA" in _text(tmp_path / "t.pdf")
    code, _, err = coop("print", "ticket", "99999", "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "No existe la entrega número 99999" in err


def test_logo_and_close_json_agree_with_receipts(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json
    from decimal import Decimal

    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (60, 60), (20, 90, 160)).save(logo)
    assert coop("init", "--name", "Asociación Cupi", "--logo", str(logo))[0] == 0
    coop("demo", "--members", "4", "--days", "15", "--start", "2026-10-01")
    code, out, _ = coop("close", "2026-10-q1", "--json")
    rows = json.loads(out)["members"]
    assert coop("print", "receipts", "2026-10-q1", "-o", str(tmp_path / "r"))[0] == 0
    for row in rows:
        pdf = tmp_path / "r" / f"{row['settlement']}-{row['code']}.pdf"
        text = _text(pdf)
        assert f"S/ {Decimal(row['net']):,.2f}" in text
        assert f"{Decimal(row['gross']):,.2f}" in text
        images = [img for page in PdfReader(str(pdf)).pages for img in page.images]
        assert images, "the logo is printed"
    code, _, err = coop(
        "init",
        "--name",
        "Otra",
        "--logo",
        str(tmp_path / "no.png"),
        db_arg=str(tmp_path / "otra.db"),
    )
    assert code == 1 and "no.png" in err


def test_reprints_say_copia_and_a_missing_ruc_is_warned(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coop("init", "--name", "Asociación Cupi")
    coop("demo", "--members", "2", "--days", "15", "--start", "2026-10-01")
    assert coop("close", "2026-10")[0] == 0
    code, _, err = coop("print", "receipts", "2026-10", "-o", str(tmp_path / "r.pdf"))
    assert code == 0 and "no tiene RUC" in err
    text = _text(tmp_path / "r.pdf")
    assert "CONSTANCIA DE PAGO" in text and "COPIA" not in text
    for kind in ("statements", "payroll"):
        for name in ("a.pdf", "b.pdf"):
            assert coop("print", kind, "2026-10", "-o", str(tmp_path / f"{kind}-{name}"))[0] == 0
        assert "COPIA" not in _text(tmp_path / f"{kind}-a.pdf")
        assert "COPIA" in _text(tmp_path / f"{kind}-b.pdf")


def test_print_on_a_printer_takes_the_printer_s_layout_and_words(coop, cups_server) -> None:  # type: ignore[no-untyped-def]
    """`--printer`: the same rules and the same words as the window (CUPS, real filters)."""
    from tests_support.raster import read

    coop("init", "--name", "Asociación Llalli", "--ruc", "20131312955")
    coop("demo", "--members", "2", "--days", "30", "--start", "2026-10-01")
    assert coop("close", "2026-10", "--json")[0] == 0
    before = cups_server.done("Termica-80-Margen")
    code, out, err = coop(
        "print", "receipts", "2026-10", "--member", "S0001", "--printer", "Termica-80-Margen"
    )
    assert (code, out) == (0, "1 página enviada a Termica-80-Margen\n"), err
    [page] = read(cups_server.job_after("Termica-80-Margen", before).data)
    assert page.size_name.startswith("80x") and page.height > page.width  # the 80 mm receipt
    sent = cups_server.done("Termica-80-Margen")
    code, _, err = coop("print", "statements", "2026-10", "--printer", "Termica-80-Margen")
    assert code == 1 and "Elija una impresora de hojas A4/A5. No se imprimió nada." in err
    assert cups_server.done("Termica-80-Margen") == sent  # nothing more went there
    before = cups_server.done("Oficina-Margen")
    assert coop("print", "ticket", "1", "--printer", "Oficina-Margen")[0] == 0
    job = cups_server.job_after("Oficina-Margen", before)
    assert job.options["PageSize"] == "A5"  # a ticket on sheets: the smallest, at the top
    assert "TICKET DE ENTREGA" in _pdf_text(job.data)
    code, _, err = coop("print", "payroll", "2026-10", "--printer", "Nada")
    assert code == 1 and "No se encontró la impresora Nada" in err
    # the receipt sent above counts as printed: the next one is a COPIA, on A5 here
    before = cups_server.done("Oficina-Margen")
    again = ("print", "receipts", "2026-10", "--member", "S0001", "--printer", "Oficina-Margen")
    assert coop(*again)[0] == 0
    job = cups_server.job_after("Oficina-Margen", before)
    assert job.options["PageSize"] == "A5" and "COPIA" in _pdf_text(job.data)


def _pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_the_ruc_is_set_on_an_existing_database_as_the_warning_says(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    coop("init", "--name", "Asociación Llalli")
    coop("demo", "--members", "1", "--days", "30", "--start", "2026-10-01")
    assert coop("close", "2026-10", "--json")[0] == 0
    code, _, err = coop("print", "receipts", "2026-10", "-o", str(tmp_path / "a.pdf"))
    assert code == 0 and "«coop association set --ruc NÚMERO»" in err
    assert "CONSTANCIA DE PAGO" in _text(tmp_path / "a.pdf")
    code, _, err = coop("init", "--name", "Asociación Llalli", "--ruc", "20131312955")
    assert code == 1  # init refuses an existing database, as before
    code, _, err = coop("association", "set", "--ruc", "20131312954")
    assert code == 1 and "RUC" in err and "20131312954" in err  # the check digit fails
    code, out, _ = coop("association", "set", "--ruc", "20131312955")
    assert (code, out) == (
        0,
        "RUC de Asociación Llalli: 20131312955. Los recibos salen como liquidación de compra.\n",
    )
    code, _, err = coop("print", "receipts", "2026-10", "-o", str(tmp_path / "b.pdf"))
    assert code == 0 and err == "  1/1\n"  # no warning any more
    assert "LIQUIDACIÓN DE COMPRA" in _text(tmp_path / "b.pdf")
