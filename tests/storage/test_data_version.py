"""The data version: every committed write raises it, on both engines; reads and rolled-back
writes do not. Another process's writes show too, which is how open screens notice them."""

import subprocess
import sys

import pytest

from coop_desktop.core.errors import Refused
from coop_desktop.services.association import get_association
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.storage.engine import Database


def test_committed_writes_raise_the_version(association: Database) -> None:
    db = association
    before, mine = db.data_version(), db.local_writes
    add_member(db, MemberDraft(code="S1", given_names="Rosa", surnames="Quispe"))
    assert db.data_version() == before + 1 and db.local_writes == mine + 1
    get_association(db)  # a read
    with pytest.raises(Refused), db.write():
        raise Refused("cancelled")  # rolled back: nothing was written
    assert db.data_version() == before + 1 and db.local_writes == mine + 1


def test_another_process_writes_show(sqlite_db: Database) -> None:
    before = sqlite_db.data_version()
    subprocess.run(
        [
            *(sys.executable, "-m", "coop_desktop.cli"),
            *("--db", str(sqlite_db.location.path), "init", "--name", "Asociación Cupi"),
        ],
        check=True,
        capture_output=True,
    )
    assert sqlite_db.data_version() > before
    assert sqlite_db.local_writes == 0
