from pathlib import Path

import pytest

from coop_desktop.errors import StorageError
from coop_desktop.storage import location as loc
from coop_desktop.storage.connect import open_database

MOUNTS = loc.read_mounts(
    "/dev/vda1 / ext4 rw 0 0\n"
    "//server/coop /mnt/oficina cifs rw 0 0\n"
    "nas:/export /srv/nfs nfs4 rw 0 0\n"
    "tmpfs /tmp tmpfs rw 0 0\n"
)


def test_network_shares_are_recognised() -> None:
    assert loc.is_network_path(Path("/mnt/oficina/coop"), MOUNTS, "linux")
    assert loc.is_network_path(Path("/srv/nfs/a/b"), MOUNTS, "linux")
    assert not loc.is_network_path(Path("/home/tesorera"), MOUNTS, "linux")
    assert not loc.is_network_path(Path("/mnt/oficinas"), MOUNTS, "linux")
    assert loc.is_network_path(Path("\\\\SERVIDOR\\coop\\coop.db"), [], "linux")


def test_network_share_is_refused_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(loc, "is_network_path", lambda path: True)
    with pytest.raises(StorageError) as err:
        open_database(str(tmp_path / "coop.db"), create=True)
    assert "unidad de red" in err.value.render("es")
    assert "PostgreSQL" in err.value.render("es")
    assert not (tmp_path / "coop.db").exists()


def test_resolution_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COOP_DB", str(tmp_path / "env.db"))
    assert loc.resolve(None).path == tmp_path / "env.db"
    assert loc.resolve(str(tmp_path / "arg.db")).path == tmp_path / "arg.db"
    monkeypatch.delenv("COOP_DB")
    assert loc.resolve(None).path == loc.data_dir() / "coop.db"
    pg = loc.resolve("postgresql://u:secret@host/db")
    assert pg.url.startswith("postgresql+psycopg://") and not pg.is_sqlite
    assert "secret" not in pg.describe()
