"""A close and a backup refuse a damaged SQLite file, in words: one flipped byte in a leaf of
the date index (quick_check still says "ok", and a close reading through that index would pay
one delivery to the wrong member) and a zeroed page of a table."""

import shutil
import sqlite3
import struct
from pathlib import Path

import pytest
from sqlalchemy import text
from tests_support.users import sign_in_admin

from coop_desktop.cli import main
from coop_desktop.core.errors import StorageError
from coop_desktop.services.backups import backup
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.storage.connect import open_database
from coop_desktop.storage.engine import Database

Q1 = "2026-10-q1"
sqlite_only = pytest.mark.parametrize("db", ["sqlite"], indirect=True)


def _page(path: Path, name: str) -> tuple[int, int]:
    """(offset, size) of the root page of a table or index (a small one is its only leaf)."""
    with sqlite3.connect(path) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return (root[0] - 1) * size, size


def _flip_a_row_id(path: Path) -> None:
    """Change the row id of one entry of ix_delivery_date_shift's leaf to its neighbour's:
    the index now sends one date to another delivery's row."""
    offset, size = _page(path, "ix_delivery_date_shift")
    data = bytearray(path.read_bytes())
    page = data[offset : offset + size]
    assert page[0] == 0x0A  # a leaf of an index
    count = struct.unpack(">H", page[3:5])[0]
    (cell,) = struct.unpack(">H", page[8 + 2 * (count - 1) : 10 + 2 * (count - 1)])
    length = page[cell]  # the payload length (one byte: a short record)
    assert page[cell + 1 + page[cell + 1] - 1] == 1  # the row id is stored in one byte
    data[offset + cell + length] ^= 0x01  # the record's last byte: its row id, 15 → 14
    path.write_bytes(bytes(data))


def _reopen(db: Database) -> Database:
    path = db.location.path
    assert path is not None
    db.dispose()  # the last connection checkpoints the WAL into the file
    return sign_in_admin(open_database(str(path), migrate=False))


@sqlite_only
def test_a_close_refuses_an_index_that_disagrees_with_its_table(
    example: Database, tmp_path: Path
) -> None:
    path = example.location.path
    assert path is not None
    example.dispose()
    _flip_a_row_id(path)
    with sqlite3.connect(path) as conn:  # what the issue saw
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
    db = sign_in_admin(open_database(str(path), migrate=False))
    with pytest.raises(StorageError) as refused:
        close_period(db, Q1)
    said = refused.value.render("es")
    assert refused.value.code == "db_damaged"
    assert said.startswith(f"La base de datos {path} está dañada (")
    assert "índice ix_delivery_date_shift no coincide con la tabla delivery" in said
    assert said.endswith("Restaure la última copia de seguridad (coop restore).")
    with db.read() as s:
        assert s.execute(text("SELECT COUNT(*) FROM period WHERE status <> 'open'")).scalar() == 0
    with pytest.raises(StorageError) as refused:
        backup(db, tmp_path / "copia.db")
    assert refused.value.code == "db_damaged" and not (tmp_path / "copia.db").exists()
    assert any("ix_delivery_date_shift" in p for p in run_checks(db))
    db.dispose()


@sqlite_only
def test_a_zeroed_page_is_said_as_a_damaged_file_everywhere(
    example: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = example.location.path
    assert path is not None
    example.dispose()
    offset, size = _page(path, "delivery")
    data = bytearray(path.read_bytes())
    data[offset : offset + size] = bytes(size)
    path.write_bytes(bytes(data))
    copy = tmp_path / "copia.db"
    shutil.copy(path, copy)
    db = sign_in_admin(open_database(str(path), migrate=False))
    with pytest.raises(StorageError) as refused:
        close_period(db, Q1)
    assert refused.value.code == "db_damaged"
    db.dispose()
    for argv in (["close", Q1], ["deliveries", "list"], ["backup", str(tmp_path / "b.db")]):
        code = main(["--db", str(copy), *argv])
        err = capsys.readouterr().err
        assert code == 1, (argv, err)
        assert "está dañada" in err and "coop restore" in err, (argv, err)
        assert "inesperado" not in err
