"""A small association whose indicators are worked out by hand (tests/services/
test_indicators.py writes the arithmetic). Scheme: DOMAIN.md's peru-additive (base S/ 1.20
per kg, +0.01 per full 0.1 point of ST above 11.4, UFC bands A [0, 100k) +0.03,
B [100k, 300k) +0.01, C [300k, 1M) 0, D ≥ 1M −0.05; kg = L × 1.032; quality basis: the
period's samples). Cycle: month. Today: 27/11/2026.

    member  sex  district  centre  practice        Sep (baseline)  Oct (closed)       Nov (open)
    W1      f    Ácora     C01     good practice   2 × 10 L        3 × 10 L           1 × 10 L
    W2      f    Cupi      —       —               —               2 × 20 L, adv. 20  —
    M1      m    Ácora     C01     regenerative    —               10 L + 5 L rejected 1 × 10 L
    M2      m    Cupi      —       —               1 × 20 L        —                  —

September and October are closed; November stays open (its figures are the close preview).
"""

from __future__ import annotations

from datetime import date

from tests_support.clock import TODAY

from coop_desktop.core.resources import resource_path
from coop_desktop.services.accounts import add_advance
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.practices import Fact
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Centre


def sample(st: str, ufc: str, fat: str, protein: str, scc: str) -> dict[str, object]:
    return {"st": st, "ufc": ufc, "fat": fat, "protein": protein, "scc": scc}


def build(db: Database) -> Database:
    """`db` holds the association already (the `association` fixture)."""
    import_scheme(db, resource_path("schemes/peru-additive.json").read_text(), date(2026, 1, 1))
    with db.write() as session:
        session.add(Centre(id=1, code="C01", name="Centro Huaychani", district="Ácora"))
    people = (
        ("W1", "Rosa", "Mamani Quispe", "f", "Ácora", "Huaychani", 1, "good_practice"),
        ("W2", "María", "Condori Apaza", "f", "Cupi", "Amparani", None, ""),
        ("M1", "Juan", "Ccama Huanca", "m", "Ácora", "Huaychani", 1, "regenerative"),
        ("M2", "Pedro", "Choque Ticona", "m", "Cupi", "Amparani", None, ""),
    )
    for code, given, surnames, gender, district, community, centre, practice in people:
        add_member(
            db,
            MemberDraft(
                code=code,
                given_names=given,
                surnames=surnames,
                gender=gender,
                district=district,
                community=community,
                centre_id=centre,
            ),
            [Fact(practice, "adopted", date(2026, 1, 1))] if practice else [],
        )

    def milk(code: str, litres: str, day: date, **kw: object) -> None:
        add_delivery(db, code, litres, "L", day, "am", today=TODAY, **kw)  # type: ignore[arg-type]

    # Baseline: September 2026.
    milk("W1", "10", date(2026, 9, 1))
    milk("W1", "10", date(2026, 9, 2))
    milk("M2", "20", date(2026, 9, 1))
    add_test(db, "W1", "2026-09-07", sample("11.4", "500000", "3.5", "3.0", "400000"), today=TODAY)
    add_test(db, "M2", "2026-09-07", sample("12.0", "50000", "3.0", "3.1", "600000"), today=TODAY)
    # October 2026.
    for day in (1, 2, 3):
        milk("W1", "10", date(2026, 10, day))
    milk("W2", "20", date(2026, 10, 1))
    milk("W2", "20", date(2026, 10, 2))
    milk("M1", "10", date(2026, 10, 1))
    milk(
        "M1",
        "5",
        date(2026, 10, 2),
        reject_reason="Prueba de alcohol positiva",
        alcohol_positive=True,
    )
    add_test(db, "W1", "2026-10-07", sample("12.1", "250000", "3.6", "3.2", "300000"), today=TODAY)
    add_test(db, "W2", "2026-10-07", sample("11.2", "1500000", "3.1", "2.8", "700000"), today=TODAY)
    add_test(db, "M1", "2026-10-07", sample("11.9", "80000", "4.0", "3.3", "200000"), today=TODAY)
    add_advance(db, "W2", "20", "2026-10-05", today=TODAY)
    # November 2026 (open).
    milk("W1", "10", date(2026, 11, 2))
    milk("M1", "10", date(2026, 11, 2))
    add_test(db, "W1", "2026-11-07", sample("12.3", "250000", "3.8", "3.2", "300000"), today=TODAY)
    add_test(db, "M1", "2026-11-07", sample("11.3", "80000", "4.0", "3.3", "200000"), today=TODAY)
    close_period(db, "2026-09")
    close_period(db, "2026-10")
    return db
