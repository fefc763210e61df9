"""Files the CLI writes or opens: `-o` never replaces the database or a file that is not ours,
and a mistyped `--db` is refused instead of becoming a new empty database."""

import sqlite3
from pathlib import Path


def _prepare(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert coop("init", "--name", "Asociación Cupi")[0] == 0
    assert coop("demo", "--members", "3", "--days", "20", "--start", "2026-10-01")[0] == 0
    code, _, err = coop("close", "2026-10")
    assert code == 0, err


SIGN_IN_TRACE = ('INSERT INTO "app_user"', 'INSERT INTO "audit_log"')


def _data(database: Path) -> tuple[list[str], list[str]]:
    """The database's content as SQL, apart from what every command's sign-in leaves (the
    user's last sign-in, an audit row); and the audit trail's actions."""
    conn = sqlite3.connect(database)
    try:
        dump = [line for line in conn.iterdump() if not line.startswith(SIGN_IN_TRACE)]
        actions = [row[0] for row in conn.execute("SELECT action FROM audit_log ORDER BY id")]
    finally:
        conn.close()
    return dump, actions


def test_output_never_replaces_the_database(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _prepare(coop, tmp_path)
    database = tmp_path / "coop.db"
    before, trail = _data(database)
    for extra in ([], ["--force"]):
        code, _, err = coop("print", "payroll", "2026-10", "-o", str(database), *extra)
        assert code == 1 and "es una base de datos" in err
    after, later_trail = _data(database)
    assert after == before  # the data is whole: only the two sign-ins were recorded
    assert later_trail[: len(trail)] == trail and set(later_trail[len(trail) :]) == {"sign_in"}
    for side in ("coop.db-wal", "coop.db-shm"):
        code, _, err = coop("print", "payroll", "2026-10", "-o", str(tmp_path / side), "--force")
        assert code == 1 and "base de datos" in err
    # any SQLite file, not only the open one
    other = tmp_path / "copia.db"
    other.write_bytes(database.read_bytes())
    kept = other.read_bytes()
    code, _, err = coop("print", "payroll", "2026-10", "-o", str(other), "--force")
    assert code == 1 and other.read_bytes() == kept
    assert coop("check")[0] == 0


def test_output_replaces_only_our_own_pdfs(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _prepare(coop, tmp_path)
    notes = tmp_path / "notas.pdf"
    notes.write_bytes(b"%PDF-1.4\nun PDF de otra persona\n")
    code, _, err = coop("print", "payroll", "2026-10", "-o", str(notes))
    assert code == 1 and "--force" in err and "notas.pdf" in err
    assert notes.read_bytes() == b"%PDF-1.4\nun PDF de otra persona\n"
    letter = tmp_path / "carta.txt"
    letter.write_text("no tocar")
    code, _, _ = coop("print", "receipts", "2026-10", "-o", str(tmp_path / "carta.txt"))
    assert code == 1 and letter.read_text() == "no tocar"
    # a PDF the program wrote is replaced (printing again), and --force replaces anything
    ours = tmp_path / "planilla.pdf"
    assert coop("print", "payroll", "2026-10", "-o", str(ours))[0] == 0
    assert coop("print", "payroll", "2026-10", "-o", str(ours))[0] == 0
    assert coop("print", "statements", "2026-10", "-o", str(tmp_path / "e.pdf"))[0] == 0
    assert coop("print", "statements", "2026-10", "-o", str(tmp_path / "e.pdf"))[0] == 0
    assert coop("print", "payroll", "2026-10", "-o", str(notes), "--force")[0] == 0
    assert notes.read_bytes().startswith(b"%PDF") and b"otra persona" not in notes.read_bytes()
    # a folder of per-member files is checked file by file before anything is written
    folder = tmp_path / "recibos"
    folder.mkdir()
    (folder / "L001-00000001-S0001.pdf").write_text("mío")
    code, _, _ = coop("print", "receipts", "2026-10", "-o", str(folder))
    assert code == 1 and sorted(p.name for p in folder.iterdir()) == ["L001-00000001-S0001.pdf"]
    assert not list(tmp_path.glob(".*.pdf.*"))  # no temporary file left behind


def test_a_mistyped_database_is_not_created(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    typo = tmp_path / "coop-tesoreira.db"
    for command in (["members", "list"], ["check"], ["close", "2026-10"]):
        code, _, err = coop(*command, db_arg=str(typo))
        assert code == 1 and "No existe la base de datos" in err and "coop init" in err
    assert not typo.exists()
    assert coop("init", "--name", "Asociación Umachiri", db_arg=str(typo))[0] == 0
    assert typo.exists()


def test_a_refused_output_is_no_print(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The first copy that really exists is the original, not a COPIA."""
    import io

    from pypdf import PdfReader

    _prepare(coop, tmp_path)
    (tmp_path / "notas.txt").write_text("mías")
    for kind, key in (("payroll", "2026-10"), ("receipts", "2026-10")):
        code, _, _ = coop("print", kind, key, "-o", str(tmp_path / "notas.txt"))
        assert code == 1
        out = tmp_path / f"{kind}.pdf"
        assert coop("print", kind, key, "-o", str(out))[0] == 0
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
        assert "COPIA" not in text.replace(" ", "").upper().replace("AIPOC", "COPIA")
        assert coop("print", kind, key, "-o", str(tmp_path / f"{kind}-2.pdf"))[0] == 0
        again = PdfReader(io.BytesIO((tmp_path / f"{kind}-2.pdf").read_bytes()))
        assert "COPIA" in " ".join(p.extract_text() for p in again.pages).replace(" ", "").upper()
