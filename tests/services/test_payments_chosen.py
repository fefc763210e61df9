"""Payments for the members chosen, exactly; a closed period read back as stored; a sensitive
action run with the password typed before it started (as the desktop's op runner does)."""

from datetime import date
from decimal import Decimal

import pytest
from tests_support.users import ADMIN, PASSWORD

from coop_desktop.core.errors import CoopError, NotFound
from coop_desktop.services import auth
from coop_desktop.services.authz import password_given
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.closeout.stored import period_state
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.settlements import pay, reopen_period, settlement_for
from coop_desktop.storage.engine import Database

Q1 = "2026-10-q1"


def test_paying_the_members_chosen_pays_exactly_them(example: Database) -> None:
    from coop_desktop.services.deliveries import add_delivery
    from coop_desktop.services.quality import add_test

    add_member(example, MemberDraft(code="S0003", given_names="Eva", surnames="Ticona"))
    add_delivery(example, "S0003", "12", "L", date(2026, 10, 4), "am", today=date(2026, 11, 27))
    add_test(example, "S0003", "2026-10-07", {"st": "12", "ufc": "90000"})
    assert period_state(example, Q1).status == "open" and period_state(example, Q1).rows == ()
    close_period(example, Q1)
    state = period_state(example, Q1)
    assert [(r.code, r.number, r.status) for r in state.rows] == [
        ("S0001", "L001-00000001", "issued"),
        ("S0002", "L001-00000002", "issued"),
        ("S0003", "L001-00000003", "issued"),
    ]
    assert state.rows[0].summary.net == Decimal("165.97")  # DOMAIN.md's worked example
    with pytest.raises(NotFound):  # an unknown code: refused, nobody paid
        pay(example, Q1, "cash", day=date(2026, 10, 16), members=["S0001", "S9999"])
    assert [r.status for r in period_state(example, Q1).rows] == ["issued"] * 3
    assert pay(example, Q1, "bank", day=date(2026, 10, 16), members=["S0001", "s0003"]) == 2
    state = period_state(example, Q1)
    assert [(r.code, r.status) for r in state.rows] == [
        ("S0001", "paid"),
        ("S0002", "issued"),
        ("S0003", "paid"),
    ]
    assert state.status == "closed"
    assert settlement_for(example, "S0003", Q1).payment_method == "bank"
    assert pay(example, Q1, "cash", day=date(2026, 10, 16), members=["S0001"]) == 0  # paid
    assert pay(example, Q1, "cash", day=date(2026, 10, 16)) == 1  # the rest: S0002
    assert period_state(example, Q1).status == "paid"


def test_a_password_typed_first_counts_for_that_call_only(example: Database) -> None:
    close_period(example, Q1)
    auth.sign_in(example, ADMIN, PASSWORD)  # a desktop sign-in: nothing confirmed in advance
    asked: list[str] = []
    example.ask_password = lambda permission: asked.append(permission)  # type: ignore[func-returns-value]
    with pytest.raises(CoopError) as wrong, password_given("equivocada"):
        reopen_period(example, Q1, "Faltó una entrega")
    assert wrong.value.code == "wrong_password" and asked == []
    assert period_state(example, Q1).closed
    with password_given(PASSWORD):
        assert reopen_period(example, Q1, "Faltó una entrega") == 2
    assert not period_state(example, Q1).closed
    close_period(example, Q1)
    with pytest.raises(CoopError) as refused:  # outside: asked again (and refused here)
        reopen_period(example, Q1, "otra vez")
    assert refused.value.code == "reauth_required" and asked == ["reopen"]
