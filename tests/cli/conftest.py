from collections.abc import Callable
from pathlib import Path

import pytest
from tests_support.users import ADMIN, PASSWORD

from coop_desktop.cli import main

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def coop(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Run:
    """Run `coop --db <tmp> ARGS…` in-process; returns (exit code, stdout, stderr)."""
    monkeypatch.delenv("COOP_LANG", raising=False)
    # `coop init`/`demo` create the administrator of a new file; every command signs in.
    monkeypatch.setenv("COOP_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("COOP_USER", ADMIN)
    monkeypatch.setenv("COOP_PASSWORD", PASSWORD)
    db = str(tmp_path / "coop.db")

    def run(*args: str, db_arg: str | None = db) -> tuple[int, str, str]:
        argv = (["--db", db_arg] if db_arg else []) + list(args)
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run
