import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from tests_support.clock import TODAY

from coop_desktop.core.errors import NotFound, Refused, ValidationErrors
from coop_desktop.core.resources import resource_path
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import (
    export_scheme,
    import_scheme,
    list_schemes,
    scheme_in_force,
)
from coop_desktop.services.whatif import simulate
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import PriceSchemeVersion

PERU = resource_path("schemes/peru-additive.json").read_text("utf-8")


def _versions(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(PriceSchemeVersion)) or 0)


def test_import_list_export_and_versions_by_date(association: Database) -> None:
    db = association
    import_scheme(db, PERU, date(2026, 10, 1))
    raised = json.loads(PERU)
    raised["components"][0]["rate"] = "1.30"
    import_scheme(db, json.dumps(raised), date(2026, 10, 16))
    assert [(s.name, s.effective_from) for s in list_schemes(db)] == [
        ("peru-additive", date(2026, 10, 1)),
        ("peru-additive", date(2026, 10, 16)),
    ]
    assert scheme_in_force(db, date(2026, 10, 15)).components[0].rate == Decimal("1.20")  # type: ignore[attr-defined]
    assert scheme_in_force(db, date(2026, 10, 16)).components[0].rate == Decimal("1.30")  # type: ignore[attr-defined]
    assert json.loads(export_scheme(db, "peru-additive"))["components"][0]["rate"] == "1.30"
    exported = json.loads(export_scheme(db, "peru-additive", date(2026, 10, 1)))
    assert exported == json.loads(PERU)
    with pytest.raises(Refused):
        import_scheme(db, PERU, date(2026, 10, 16))
    with pytest.raises(NotFound):
        export_scheme(db, "nada")


def test_invalid_scheme_stores_nothing(association: Database) -> None:
    bad = json.loads(PERU)
    bad["components"][2]["bands"][2]["low"] = "350000"
    bad["components"][1]["measure"] = "solidos"
    with pytest.raises(ValidationErrors) as err:
        import_scheme(association, json.dumps(bad), date(2026, 10, 1))
    assert {e.field for e in err.value.errors} == {
        "components[2].bands[2].low",
        "components[1].measure",
    }
    assert _versions(association) == 0


def test_simulate_compares_with_the_scheme_in_force(association: Database) -> None:
    db = association
    import_scheme(db, PERU, date(2026, 10, 1))
    for code in ("S1", "S2"):
        add_member(db, MemberDraft(code=code, given_names="Rosa", surnames="Quispe"))
    for day in range(1, 16):
        add_delivery(db, "S1", "15", "L", date(2026, 10, day), "am", today=TODAY)
        add_delivery(db, "S2", "10", "L", date(2026, 10, day), "am", today=TODAY)
    add_test(db, "S1", "2026-10-10", {"st": "12.1", "ufc": "250000"}, today=TODAY)
    add_test(db, "S2", "2026-10-10", {"st": "11.0", "ufc": "1500000"}, today=TODAY)
    proposal = json.loads(PERU)
    proposal["components"][0]["rate"] = "1.25"
    sim = simulate(db, json.dumps(proposal), "2026-10-q1")
    s1, s2 = sim.members
    assert (s1.code, s1.kg, s1.current) == ("S1", Decimal("232.200"), Decimal("297.22"))
    assert s1.simulated == Decimal("308.83")  # 232.2 × 1.33 = 308.826
    # S2: 150 L → 154.8 kg at 1.20 + 0 − 0.05 = 1.15 → 178.02; proposed 1.20 → 185.76
    assert (s2.current, s2.simulated) == (Decimal("178.02"), Decimal("185.76"))
    assert sim.total("difference") == s1.difference + s2.difference == Decimal("19.35")
