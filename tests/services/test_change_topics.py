"""Services say what they changed: each kind of write leaves exactly its topics for the thread
that committed it (storage/change_record.py), on both engines; a refused write leaves none."""

from datetime import date

import pytest
from tests_support.clock import TODAY

from coop_desktop.core.errors import CoopError
from coop_desktop.services.accounts import add_advance
from coop_desktop.services.centres import add_centre, set_route
from coop_desktop.services.closeout.closing import close_period, preview_close
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member, list_members
from coop_desktop.services.quality import add_test
from coop_desktop.services.sales.buyers import add_buyer
from coop_desktop.services.sales.dispatches import add_dispatch
from coop_desktop.services.settlements import pay, reopen_period, settlement_for, void_receipt
from coop_desktop.storage import change_record
from coop_desktop.storage.engine import Database

Q1 = "2026-10-q1"


@pytest.fixture
def taken(example: Database) -> Database:
    change_record.take()  # what the fixture wrote is not the tests' business
    return example


def test_each_write_says_its_topics(taken: Database) -> None:
    db = taken
    add_member(db, MemberDraft(code="S0003", given_names="Delia", surnames="Cutipa"))
    assert change_record.take() == {"members"}
    add_delivery(db, "S0003", "12.5", "L", date(2026, 10, 4), "am", today=TODAY)
    assert change_record.take() == {"deliveries"}
    add_test(db, "S0003", "2026-10-07", {"st": "12.0", "ufc": "90000"}, today=TODAY)
    assert change_record.take() == {"quality"}
    add_advance(db, "S0003", "20", "2026-10-08", today=TODAY)
    assert change_record.take() == {"ledger"}
    add_centre(db, "C01", "Centro de acopio Huaychani")
    assert change_record.take() == {"centres"}
    set_route(db, "C01", ["S0001", "S0003"])  # the route is kept on the members
    assert change_record.take() == {"members"}
    add_buyer(db, "QSR", "Quesería San Román", kind="queseria", price="1.70", per="L")
    add_dispatch(db, "QSR", "600", "L", "2026-10-01", "pm")
    assert change_record.take() == {"sales"}
    list_members(db)  # reads say nothing
    preview_close(db, Q1)
    assert change_record.take() == frozenset()


def test_closing_and_what_follows_say_periods_and_ledger(taken: Database) -> None:
    db = taken
    close_period(db, Q1)
    # the settlements and their entries; the intake per centre and day the sales read
    assert change_record.take() == {"periods", "ledger", "sales"}
    number = settlement_for(db, "S0001", Q1).number
    assert void_receipt(db, number, "Se mojó el recibo")
    assert change_record.take() == {"periods"}  # reissued under the next number
    pay(db, Q1, "cash", member_code="S0001", day=date(2026, 10, 16))
    assert change_record.take() == {"periods", "ledger"}


def test_reopening_says_periods_and_ledger(taken: Database) -> None:
    close_period(taken, Q1)
    change_record.take()
    assert reopen_period(taken, Q1, "Faltó una entrega") == 2
    assert change_record.take() == {"periods", "ledger"}


def test_refused_writes_say_nothing(taken: Database) -> None:
    db = taken
    with pytest.raises(CoopError):
        add_delivery(db, "S9999", "10", "L", date(2026, 10, 4), "am", today=TODAY)
    assert change_record.take() == frozenset()
    close_period(db, Q1)
    pay(db, Q1, "cash", member_code="S0001", day=date(2026, 10, 16))
    change_record.take()
    with pytest.raises(CoopError):  # a paid settlement: reopening is refused, nothing written
        reopen_period(db, Q1, "Faltó una entrega")
    assert change_record.take() == frozenset()
    with pytest.raises(CoopError):  # dated in the closed period
        add_delivery(db, "S0001", "10", "L", date(2026, 10, 5), "pm", today=TODAY)
    assert change_record.take() == frozenset()
