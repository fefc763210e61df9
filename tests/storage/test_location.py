from pathlib import Path

import pytest

from coop_desktop.core.errors import StorageError
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


# What /proc/mounts shows for each kind of share (sources and options as seen in the field).
FIELD_MOUNTS = loc.read_mounts(
    "/dev/sda2 / ext4 rw,relatime 0 0\n"
    "gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw,nosuid,nodev 0 0\n"
    "oficina /media/sf_oficina vboxsf rw,nodev,relatime 0 0\n"
    ".host:/ /mnt/hgfs fuse.vmhgfs-fuse rw,nosuid,nodev 0 0\n"
    ".host:/datos /mnt/vmware vmhgfs rw 0 0\n"
    "C: /mnt/c drvfs rw,noatime 0 0\n"
    "C:\\134 /mnt/d 9p rw,dirsync,aname=drvfs 0 0\n"
    "srv1:/vol0 /mnt/gluster fuse.glusterfs rw 0 0\n"
    "ceph-fuse /mnt/ceph fuse.ceph-fuse rw 0 0\n"
    "10.0.0.5:6789:/ /mnt/cephk ceph rw 0 0\n"
    "tesorera@nas:/coop /home/tesorera/nas fuse.sshfs rw 0 0\n"
    "tesorera@nas2: /home/tesorera/nas2 fuse rw 0 0\n"
    "remote: /mnt/gdrive fuse.rclone rw 0 0\n"
    "nas:/export /mnt/Mis\\040Datos nfs4 rw 0 0\n"
    "/dev/sdb1 /media/usb fuseblk rw 0 0\n"
    "/home/t/.cifrado /home/t/privado fuse.gocryptfs rw 0 0\n"
    "lxcfs /var/lib/lxcfs fuse.lxcfs rw 0 0\n"
    "portal /run/user/1000/doc fuse.portal rw 0 0\n"
)


@pytest.mark.parametrize(
    "path",
    [
        "/run/user/1000/gvfs/smb-share:server=nas,share=coop/coop.db",
        "/media/sf_oficina/coop.db",
        "/mnt/hgfs/coop/coop.db",
        "/mnt/vmware/coop.db",
        "/mnt/c/Users/tesorera/coop.db",
        "/mnt/d/coop.db",
        "/mnt/gluster/coop.db",
        "/mnt/ceph/coop.db",
        "/mnt/cephk/coop.db",
        "/home/tesorera/nas/coop.db",
        "/home/tesorera/nas2/coop.db",
        "/mnt/gdrive/coop.db",
        "/mnt/Mis Datos/coop.db",
    ],
)
def test_shares_that_used_to_be_missed_are_recognised(path: str) -> None:
    assert loc.is_network_path(Path(path), FIELD_MOUNTS, "linux")


@pytest.mark.parametrize(
    "path",
    ["/home/tesorera/coop.db", "/media/usb/coop.db", "/home/t/privado/coop.db", "/var/lib/x"],
)
def test_local_disks_and_local_fuse_are_not_shares(path: str) -> None:
    assert not loc.is_network_path(Path(path), FIELD_MOUNTS, "linux")


def test_windows_unc_and_mapped_drives() -> None:
    remote = {"Z:\\": 4, "C:\\": 3, "E:\\": 2}

    def drive_type(root: str) -> int:
        return remote[root]

    for path, expected in [
        ("\\\\SERVIDOR\\coop\\coop.db", True),
        ("\\\\?\\UNC\\SERVIDOR\\coop\\coop.db", True),
        ("\\\\wsl$\\Ubuntu\\home\\coop.db", True),
        ("Z:\\coop\\coop.db", True),
        ("C:\\Users\\tesorera\\AppData\\Local\\CoopDesktop\\coop.db", False),
        ("\\\\?\\C:\\datos\\coop.db", False),
        ("E:\\coop.db", False),
    ]:
        assert loc.is_network_path(Path(path), [], "win32", drive_type) is expected, path
