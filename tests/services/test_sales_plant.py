"""The own plant: a product list the association extends, batches and the yield per product
and month, and the milk it took at the transfer price."""

from datetime import date
from decimal import Decimal

import pytest

from coop_desktop.core.errors import NotFound, Refused
from coop_desktop.services.centres import add_centre
from coop_desktop.services.sales.buyers import add_buyer
from coop_desktop.services.sales.dispatches import add_dispatch, receive_dispatch
from coop_desktop.services.sales.plant import add_batch, add_product, plant_report, product_names
from coop_desktop.storage.engine import Database


def test_batches_yield_and_transfer(association: Database) -> None:
    db = association
    assert product_names(db) == ["Queso andino", "Queso fresco", "Yogur"]
    add_product(db, "Queso paria")
    with pytest.raises(Refused):
        add_product(db, "queso PARIA")
    with pytest.raises(NotFound):
        add_batch(db, "2026-10-05", "700", "L", "Mantequilla", "20")
    add_centre(db, "C01", "Centro de acopio Huaychani")
    add_buyer(db, "PROPIA", "Planta de la asociación", kind="propia", price="1.60", per="L")
    d = add_dispatch(db, "PROPIA", "1400", "L", "2026-10-05", "am")
    receive_dispatch(db, d.id, "1400", "L")
    add_batch(db, "2026-10-05", "700", "L", "Queso fresco", "85")
    add_batch(db, "2026-10-06", "700", "L", "queso fresco", "90")
    add_batch(db, "2026-10-06", "300", "L", "Queso paria", "33.5")
    report = plant_report(db, date(2026, 10, 1), date(2026, 10, 31))
    # 1,400 L ÷ 175 kg = 8.00 L/kg; 300 ÷ 33.5 = 8.955… → 8.96
    assert [(r.product, r.batches, r.milk_l, r.kg_out, r.yield_l_per_kg) for r in report.rows] == [
        ("Queso fresco", 2, Decimal("1400.000"), Decimal("175.000"), Decimal("8.00")),
        ("Queso paria", 1, Decimal("300.000"), Decimal("33.500"), Decimal("8.96")),
    ]
    assert (report.transfer_l, report.transfer_amount) == (Decimal("1400.000"), Decimal("2240.00"))
