"""A database whose members carried the certifications as flags migrates them into dated
facts (both engines): each flag that was on becomes "adopted" on the earliest day the
database knows the member by, and the protective triggers cover the new facts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from coop_desktop.storage import location as loc
from coop_desktop.storage.engine import make_engine
from coop_desktop.storage.migrate import upgrade


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "old.db")
        return
    yield request.getfixturevalue("empty_pg_url")


def test_flags_become_dated_practices(old_database: str, tmp_path: Path) -> None:
    location = loc.resolve(old_database)
    engine = make_engine(location)
    upgrade(engine, location, backup_dir=tmp_path, target="0014_integrity_rules")
    with engine.begin() as conn:
        for code, joined, created, flags in (
            ("S1", "2024-03-01", "2026-01-05 08:00:00", (1, 0, 1, 0)),
            ("S2", None, "2026-01-05 08:00:00", (0, 0, 0, 1)),
            ("S3", None, "2026-01-05 08:00:00", (0, 0, 0, 0)),
        ):
            conn.execute(
                text(
                    "INSERT INTO member (code, given_names, surnames, payment_method, status, "
                    "cert_good_practice, cert_regenerative, cert_organic, cert_herd_health, "
                    "joined_on, search_key, created_at) VALUES (:c, 'Rosa', 'Mamani', 'cash', "
                    "'active', :g, :r, :o, :h, :j, :c, :t)"
                ),
                {
                    "c": code,
                    "g": bool(flags[0]),
                    "r": bool(flags[1]),
                    "o": bool(flags[2]),
                    "h": bool(flags[3]),
                    "j": joined,
                    "t": created,
                },
            )
        s2 = conn.execute(text("SELECT id FROM member WHERE code = 'S2'")).scalar_one()
        conn.execute(
            text(
                "INSERT INTO delivery (member_id, date, shift, quantity, unit, cooled, rejected, "
                "recorded_by, recorded_at) VALUES (:m, '2025-06-30', 'am', 10000, 'L', "
                ":f, :f, 'x', '2025-06-30 06:00:00')"
            ),
            {"m": s2, "f": False},
        )
    upgrade(engine, location, backup_dir=tmp_path)
    with engine.connect() as conn:
        facts = conn.execute(
            text(
                "SELECT m.code, p.code, f.kind, f.day FROM member_practice f JOIN member m ON "
                "m.id = f.member_id JOIN practice p ON p.id = f.practice_id ORDER BY m.code, p.code"
            )
        ).all()
        names = [r[0] for r in conn.execute(text("SELECT code FROM practice ORDER BY id"))]
    assert [(m, p, k, str(d)[:10]) for m, p, k, d in facts] == [
        ("S1", "good_practice", "adopted", "2024-03-01"),  # joined before it was created
        ("S1", "organic", "adopted", "2024-03-01"),
        ("S2", "herd_health", "adopted", "2025-06-30"),  # its first delivery
    ]
    assert names == ["good_practice", "regenerative", "organic", "herd_health"]
    assert not {c["name"] for c in inspect(engine).get_columns("member")} & {
        "cert_good_practice",
        "cert_regenerative",
        "cert_organic",
        "cert_herd_health",
    }
    # the facts are append-only: leaving is a new fact, never an edit
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(text("UPDATE member_practice SET day = :d"), {"d": date(2020, 1, 1)})
    with pytest.raises(DBAPIError), engine.begin() as conn:
        conn.execute(text("DELETE FROM member_practice"))
    engine.dispose()
