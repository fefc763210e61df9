"""One log for the desktop and `coop`: in the data folder, user-only, no passwords."""

import logging
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coop_desktop.storage import log_file


@pytest.fixture
def fresh_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(log_file, "data_dir", lambda: tmp_path / "datos")
    root = logging.getLogger()
    kept = list(root.handlers)
    for h in kept:
        root.removeHandler(h)
    try:
        yield tmp_path / "datos" / "coop.log"
    finally:
        for h in list(root.handlers):
            root.removeHandler(h)
            h.close()
        for h in kept:
            root.addHandler(h)


def test_an_unexpected_error_is_logged_without_the_password(fresh_root: Path) -> None:
    assert log_file.setup("coop") == fresh_root
    assert log_file.setup("coop") == fresh_root  # once per process: one handler
    try:
        raise RuntimeError("no conecta a postgresql+psycopg://ana:Secreto1@pc-oficina/coop")
    except RuntimeError as exc:
        where = log_file.unexpected(exc, "coop --db postgresql://ana:Secreto1@pc/coop close")
    assert where == str(fresh_root)
    for h in logging.getLogger().handlers:
        h.flush()
    text = fresh_root.read_text("utf-8")
    assert "Secreto1" not in text
    assert "postgresql+psycopg://ana:***@pc-oficina/coop" in text
    assert " coop coop_desktop: unexpected error coop --db postgresql://ana:***@pc/coop" in text
    assert "Traceback (most recent call last)" in text
    if sys.platform != "win32":
        assert stat.S_IMODE(fresh_root.stat().st_mode) == 0o600


def test_redact_leaves_addresses_without_a_password() -> None:
    assert log_file.redact("postgresql://pc/coop and sqlite:///c.db") == (
        "postgresql://pc/coop and sqlite:///c.db"
    )
    assert log_file.redact("postgresql://ana:a:b@pc/x") == "postgresql://ana:***@pc/x"
