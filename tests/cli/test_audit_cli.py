"""The audit trail is tamper-evident on both engines: with its triggers dropped first, each of
delete / edit / reorder / insert is reported by `coop audit verify` and by `coop check`."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select, text
from tests_support.clock import TODAY
from tests_support.tamper import drop_audit_triggers
from tests_support.users import act_as

from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member, set_status
from coop_desktop.storage.engine import Database

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def trail(association: Database) -> Database:
    """Some activity by two users: at least eight chained rows."""
    for n in range(1, 4):
        add_member(association, MemberDraft(code=f"S{n}", given_names="Rosa", surnames="Ccama"))
    set_status(association, 2, "suspended")
    act_as(association, "quispe", "acopiador")
    return association


def _url(db: Database) -> str:
    return db.location.url


def _tamper(db: Database, *statements: str) -> None:
    with db.engine.begin() as conn:
        drop_audit_triggers(conn)
        for sql in statements:
            conn.exec_driver_sql(sql)


def _seq_of(db: Database, action: str, entity_id: str) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.execute(
                text("SELECT seq FROM audit_log WHERE action = :a AND entity_id = :e"),
                {"a": action, "e": entity_id},
            ).scalar_one()
        )


def test_an_intact_trail_verifies_and_lists(coop: Run, trail: Database) -> None:
    code, out, err = coop("audit", "verify", db_arg=_url(trail))
    assert code == 0, err
    assert "Cadena de auditoría íntegra" in out
    code, out, _ = coop("audit", "list", "--entity", "member", "--json", db_arg=_url(trail))
    rows = json.loads(out)
    assert [r["action"] for r in rows] == ["create", "create", "create", "status"]
    assert rows[3]["before"]["status"] == "active" and rows[3]["after"]["status"] == "suspended"
    assert {r["user"] for r in rows} == {"admin"}
    code, out, _ = coop("audit", "list", "--user", "quispe", db_arg=_url(trail))
    assert "sign_in" in out and "S1" not in out
    today = TODAY.isoformat()
    code, out, _ = coop("audit", "list", "--from", today, "--to", today, db_arg=_url(trail))
    assert code == 0 and "status" in out
    code, out, _ = coop("audit", "list", "--to", "2000-01-01", "--json", db_arg=_url(trail))
    assert json.loads(out) == []


TAMPERING = {
    "delete": ["DELETE FROM audit_log WHERE seq = {s}"],
    "edit": ["UPDATE audit_log SET after = REPLACE(after, 'suspended', 'active') WHERE seq = {s}"],
    "reorder": [
        "UPDATE audit_log SET seq = -1 WHERE seq = {s}",
        "UPDATE audit_log SET seq = {s} WHERE seq = {s} - 1",
        "UPDATE audit_log SET seq = {s} - 1 WHERE seq = -1",
    ],
    "insert": [
        "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, chain_hash) "
        "SELECT MAX(seq) + 1, MAX(at), 'admin', 'delete', 'member', '9', "
        "'{fake}' FROM audit_log"
    ],
    "insert-unsealed": [
        "INSERT INTO audit_log (at, actor, action, entity, entity_id) "
        "SELECT MAX(at), 'admin', 'delete', 'member', '9' FROM audit_log"
    ],
}


@pytest.mark.parametrize("how", list(TAMPERING))
def test_tampering_is_reported_by_audit_verify_and_check(
    coop: Run, trail: Database, how: str
) -> None:
    seq = _seq_of(trail, "status", "2")
    _tamper(trail, *(sql.format(s=seq, fake="a" * 64) for sql in TAMPERING[how]))
    code, _, err = coop("audit", "verify", db_arg=_url(trail))
    assert code == 1, how
    assert "La cadena de auditoría está rota" in err
    expected = {
        "delete": [f"faltan las filas n.º {seq} a {seq}", f"la fila n.º {seq + 1}"],
        "edit": [f"la fila n.º {seq} (status) no corresponde"],
        "reorder": [f"la fila n.º {seq - 1} (status)", f"la fila n.º {seq} (create)"],
        "insert": ["(delete) no corresponde a su huella"],
        "insert-unsealed": ["(delete) no tiene sello en la cadena"],
    }[how]
    for words in expected:
        assert words in err, err
    code, _, err = coop("check", db_arg=_url(trail))
    assert code == 1 and "auditoría:" in err


def test_a_rebuilt_chain_is_caught_by_a_hash_written_down_before(
    coop: Run, trail: Database
) -> None:
    code, out, _ = coop("audit", "verify", "--json", db_arg=_url(trail))
    head = json.loads(out)
    anchor = f"{head['last_seq']}:{head['last_hash'][:12]}"
    assert coop("audit", "verify", "--expect", anchor, db_arg=_url(trail))[0] == 0
    # Someone recomputes every hash after an edit: the chain verifies, the anchor does not.
    from coop_desktop.storage import audit_chain

    with trail.engine.begin() as conn:
        drop_audit_triggers(conn)
        conn.exec_driver_sql("UPDATE audit_log SET after = NULL WHERE seq = 2")
        previous = audit_chain.GENESIS
        table = audit_chain.TABLE
        for row in conn.execute(select(table).order_by(table.c.seq)).mappings().all():
            content = audit_chain.canonical(
                row["seq"],
                row["at"],
                row["user_id"],
                row["actor"],
                row["action"],
                row["entity"],
                row["entity_id"],
                row["before"],
                row["after"],
            )
            previous = audit_chain.link(previous, content)
            conn.execute(
                text("UPDATE audit_log SET chain_hash = :h WHERE id = :i"),
                {"h": previous, "i": row["id"]},
            )
    assert coop("audit", "verify", db_arg=_url(trail))[0] == 0
    code, _, err = coop("audit", "verify", "--expect", anchor, db_arg=_url(trail))
    assert code == 1 and "la cadena fue rehecha" in err
