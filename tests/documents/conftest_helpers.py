import io
from datetime import date

import pytest
from pypdf import PdfReader
from tests_support.clock import TODAY

from coop_desktop.core.resources import resource_path
from coop_desktop.services.accounts import add_advance, add_charge, add_product, sell_input
from coop_desktop.services.association import create_association
from coop_desktop.services.closeout.closing import close_period
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme
from coop_desktop.storage.engine import Database


def pdf_text(pdf: bytes) -> str:
    """The text of every page, white space folded (a title may wrap onto two lines)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def pages(pdf: bytes) -> list:  # type: ignore[type-arg]
    return list(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def worked(sqlite_db: Database) -> Database:
    """The DOMAIN.md worked example, closed; plus members that test the layout's limits."""
    db = sqlite_db
    create_association(
        db,
        "Asociación de Productores Lecheros Huaychani",
        "20131312955",
        address="Comunidad Huaychani s/n",
        district="Ácora",
        province="Puno",
    )
    import_scheme(db, resource_path("schemes/peru-additive.json").read_text(), date(2026, 1, 1))
    add_member(
        db,
        MemberDraft(
            code="S0001",
            given_names="Rosa",
            surnames="Ñuñez Ch'uqi",
            dni="41234567",
            community="Huaychani",
            district="Ácora",
            province="Puno",
        ),
    )
    add_member(
        db,
        MemberDraft(
            code="S0002",
            given_names="Äwichu María de los Ángeles Florentina",
            surnames="Quispe Mamani de Condori Apaza Ccama",
            dni="41234568",
        ),
    )
    add_member(db, MemberDraft(code="S0003", given_names="Juan", surnames="Pari"))
    for day in range(1, 16):
        add_delivery(db, "S0001", "15", "L", date(2026, 10, day), "am", today=TODAY)
        add_delivery(db, "S0002", "10", "L", date(2026, 10, day), "am", today=TODAY)
        add_delivery(db, "S0002", "8.5", "L", date(2026, 10, day), "pm", today=TODAY)
        add_delivery(
            db,
            "S0003",
            "9",
            "L",
            date(2026, 10, day),
            "am",
            today=TODAY,
            reject_reason="Prueba de alcohol positiva",
            alcohol_positive=True,
        )
    add_test(db, "S0001", "2026-10-07", {"st": "12.1", "ufc": "250000"}, today=TODAY)
    add_test(db, "S0002", "2026-10-07", {"st": "11.2", "ufc": "1500000"}, today=TODAY)
    add_charge(db, "dues", "5.00", "period", "Cuota social", "2026-01-01")
    add_charge(db, "transport", "0.05", "litre", "Transporte", "2026-01-01")
    add_product(db, "Afrecho de trigo", "65.00", "saco 40 kg")
    sell_input(db, "S0001", "Afrecho de trigo", "1", "2026-10-05", today=TODAY)
    add_advance(db, "S0001", "50", "2026-10-08", today=TODAY)
    add_advance(db, "S0002", "400", "2026-10-08", today=TODAY)
    close_period(db, "2026-10-q1")
    return db
