from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from tests_support.clock import TODAY

from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.services.deliveries import add_delivery, get_delivery, list_deliveries
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member, set_status
from coop_desktop.services.quality import add_test
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Delivery, QualityTest


@pytest.fixture
def member(association: Database) -> Database:
    add_member(association, MemberDraft(code="S0001", given_names="Rosa", surnames="Mamani"))
    return association


def _deliveries(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Delivery)) or 0)


def test_record_and_list(member: Database) -> None:
    d = add_delivery(member, "s0001", "15.5", "L", "2026-10-01", "am", today=TODAY)
    assert d.quantity == Decimal("15.500") and d.member_name == "Rosa Mamani"
    assert d.recorded_by
    r = add_delivery(
        member,
        "S0001",
        "12",
        "kg",
        date(2026, 10, 1),
        "pm",
        reject_reason="Prueba de alcohol positiva",
        alcohol_positive=True,
        today=TODAY,
    )
    assert r.rejected and r.reject_reason == "Prueba de alcohol positiva"
    assert [x.id for x in list_deliveries(member, day=date(2026, 10, 1))] == [d.id, r.id]
    assert get_delivery(member, r.id).unit == "kg"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"quantity": "-3"}, "quantity"),
        ({"quantity": "quince"}, "quantity"),
        ({"quantity": "900"}, "quantity"),
        ({"day": "2026-12-01"}, "date"),
        ({"shift": "noche"}, "shift"),
        ({"unit": "lb"}, "unit"),
    ],
)
def test_bad_deliveries_change_nothing(
    member: Database, kwargs: dict[str, str], field: str
) -> None:
    args = {
        "member_code": "S0001",
        "quantity": "10",
        "unit": "L",
        "day": "2026-10-01",
        "shift": "am",
        **kwargs,
    }
    with pytest.raises(ValidationError) as err:
        add_delivery(member, today=TODAY, **args)  # type: ignore[arg-type]
    assert err.value.field == field
    assert _deliveries(member) == 0


def test_unknown_or_retired_member(member: Database) -> None:
    with pytest.raises(NotFound) as err:
        add_delivery(member, "S9999", "10", "L", "2026-10-01", "am", today=TODAY)
    assert "S9999" in err.value.render("es")
    set_status(member, 1, "retired")
    with pytest.raises(Refused):
        add_delivery(member, "S0001", "10", "L", "2026-10-01", "am", today=TODAY)
    assert _deliveries(member) == 0


def test_rejection_needs_a_reason(member: Database) -> None:
    with pytest.raises(ValidationError) as err:
        add_delivery(member, "S0001", "10", "L", "2026-10-01", "am", rejected=True, today=TODAY)
    assert err.value.field == "reject_reason"


def test_quality_tests(member: Database) -> None:
    d = add_delivery(member, "S0001", "15", "L", "2026-10-01", "am", today=TODAY)
    t = add_test(
        member,
        "S0001",
        "2026-10-01",
        {"fat": "3.6", "st": "12.1", "ufc": "250000", "alcohol": "pass"},
        delivery_id=d.id,
        lab="Planta",
        today=TODAY,
    )
    assert t.measures == {
        "fat": Decimal("3.60"),
        "st": Decimal("12.10"),
        "ufc": Decimal("250000"),
        "alcohol": False,
    }
    with pytest.raises(ValidationError) as err:
        add_test(member, "S0001", "2026-10-01", {"fat": "120"}, today=TODAY)
    assert err.value.field == "fat"
    with pytest.raises(ValidationError):
        add_test(member, "S0001", "2026-10-01", {}, today=TODAY)
    with pytest.raises(NotFound):
        add_test(member, "S0001", "2026-10-01", {"fat": "3"}, delivery_id=999, today=TODAY)
    with member.read() as s:
        assert s.scalar(select(func.count()).select_from(QualityTest)) == 1
