"""The worked example every closeout test starts from (DOMAIN.md)."""

from datetime import date

import pytest
from tests_support.clock import TODAY

from coop_desktop.core.resources import resource_path
from coop_desktop.services.accounts import add_advance, add_charge, add_product, sell_input
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.storage.engine import Database


@pytest.fixture
def example(association: Database) -> Database:
    """DOMAIN.md's worked example: 15 × 15 L, ST 12.1, 250k UFC, dues, bran, advance,
    transport; plus a second member whose deductions exceed the milk."""
    return fill_example(association)


@pytest.fixture
def pg_example(pg_db: Database) -> Database:
    """The worked example on PostgreSQL only (races between PCs: SQLite serialises writers)."""
    from coop_desktop.services.association import create_association

    create_association(pg_db, "Asociación de Productores Lecheros Huaychani", "20131312955")
    return fill_example(pg_db)


def fill_example(db: Database) -> Database:
    import_scheme(db, resource_path("schemes/peru-additive.json").read_text(), date(2026, 1, 1))
    add_member(db, MemberDraft(code="S0001", given_names="Rosa", surnames="Mamani Quispe"))
    add_member(db, MemberDraft(code="S0002", given_names="Juan", surnames="Condori Apaza"))
    for day in range(1, 16):
        add_delivery(db, "S0001", "15", "L", date(2026, 10, day), "am", today=TODAY)
    add_delivery(db, "S0002", "20", "L", date(2026, 10, 2), "am", today=TODAY)
    add_delivery(
        db,
        "S0002",
        "10",
        "L",
        date(2026, 10, 3),
        "pm",
        today=TODAY,
        reject_reason="Prueba de alcohol positiva",
    )
    add_test(db, "S0001", "2026-10-07", {"st": "12.1", "ufc": "250000"}, today=TODAY)
    add_test(db, "S0002", "2026-10-07", {"st": "11.4", "ufc": "50000"}, today=TODAY)
    add_charge(db, "dues", "5.00", "period", "Cuota social", "2026-01-01")
    add_charge(db, "transport", "0.05", "litre", "Transporte", "2026-01-01")
    add_product(db, "Afrecho de trigo", "65.00", "saco 40 kg")
    sell_input(db, "S0001", "Afrecho de trigo", "1", "2026-10-05", today=TODAY)
    add_advance(db, "S0001", "50", "2026-10-08", today=TODAY)
    add_advance(db, "S0002", "40", "2026-10-08", today=TODAY)
    return db
