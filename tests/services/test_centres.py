"""Centres and routes on both engines: a route is exactly the members given, in order; a
member moves from another centre's route; refusals change nothing."""

import pytest
from tests_support.clock import TODAY

from coop_desktop.core.errors import NotFound, ValidationError
from coop_desktop.services.centres import (
    add_centre,
    list_centres,
    rename_centre,
    route_members,
    set_route,
)
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member, set_status
from coop_desktop.services.routes import route
from coop_desktop.storage.engine import Database


def test_routes_in_order(association: Database) -> None:
    db = association
    for i in range(1, 6):
        add_member(db, MemberDraft(code=f"S000{i}", given_names="Rosa", surnames=f"Apaza {i}"))
    c1 = add_centre(db, "c01", "Centro Huaychani", district="Ácora")
    add_centre(db, "C02", "Centro Amparani")
    with pytest.raises(ValidationError):
        add_centre(db, "C01", "Otro")
    with pytest.raises(ValidationError):
        add_centre(db, "C03", "  ")
    set_route(db, "C01", ["S0004", "S0002", "S0005"])
    set_route(db, "C02", ["S0001", "S0005"])  # S0005 moves to C02
    assert [(m.code, m.route_order) for m in route_members(db, "C01")] == [
        ("S0004", 1),
        ("S0002", 2),
    ]
    assert [m.code for m in route_members(db, "c02")] == ["S0001", "S0005"]
    with pytest.raises(NotFound):
        set_route(db, "C01", ["S0004", "S0099"])
    with pytest.raises(ValidationError):
        set_route(db, "C01", ["S0002", "S0002"])
    assert [m.code for m in route_members(db, "C01")] == ["S0004", "S0002"]  # unchanged
    rename_centre(db, "C01", "Centro de acopio Huaychani")
    assert [(c.code, c.name, c.members) for c in list_centres(db)] == [
        ("C01", "Centro de acopio Huaychani", 2),
        ("C02", "Centro Amparani", 2),
    ]
    set_status(db, 4, "retired")  # S0004: a retired member leaves the collection route
    assert [s.member.code for s in route(db, c1.id, TODAY, "am")] == ["S0002"]
