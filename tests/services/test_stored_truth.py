"""A closed period is what was stored: every preset closes, prints and checks; statements,
the what-if's "paid" column and receipts come from the stored lines; a scheme version that
would change a closed period is refused by the service and by the database."""

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from tests_support.clock import TODAY

from coop_desktop.core.errors import Refused
from coop_desktop.core.numbers import quantize
from coop_desktop.documents.statement import StatementRenderer
from coop_desktop.services import document_data, printouts
from coop_desktop.services.closeout.check import run_checks
from coop_desktop.services.closeout.closing import close_period, preview_close
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.dto import MemberDraft
from coop_desktop.services.members import add_member, update_member
from coop_desktop.services.practices import Fact
from coop_desktop.services.quality import add_test
from coop_desktop.services.schemes import import_scheme, preset_names, preset_text
from coop_desktop.services.settlements import settlement_for
from coop_desktop.services.statements import statements
from coop_desktop.services.whatif import simulate
from coop_desktop.storage.engine import Database

D = Decimal
Q1 = "2026-10-q1"
QUALITY = {"fat": "3.6", "protein": "3.2", "st": "12.1", "snf": "8.5", "ufc": "250000",
           "scc": "300000"}  # fmt: skip


def _period(db: Database, scheme_text: str) -> int:
    """Two members; litres and kilograms; a sample on every delivery day (every basis finds
    its quality); a rejected delivery; a delivery with its own quick tests."""
    import_scheme(db, scheme_text, date(2026, 1, 1))
    rosa = add_member(db, MemberDraft(code="S0001", given_names="Rosa", surnames="Mamani"))
    add_member(db, MemberDraft(code="S0002", given_names="Juan", surnames="Condori"))
    for day in range(1, 8):
        when = date(2026, 10, day)
        add_delivery(db, "S0001", "15.5", "L", when, "am", today=TODAY)
        add_test(db, "S0001", when, QUALITY, today=TODAY)
    add_delivery(db, "S0001", "20", "kg", date(2026, 10, 7), "pm", today=TODAY)
    for day, qty in ((2, "12.25"), (3, "9.8")):
        add_delivery(db, "S0002", qty, "L", date(2026, 10, day), "am", today=TODAY,
                     temperature="6.5", density="1.0310")  # fmt: skip
        add_test(db, "S0002", date(2026, 10, day), QUALITY, today=TODAY)
    add_delivery(db, "S0002", "10", "L", date(2026, 10, 4), "am", today=TODAY,
                 reject_reason="Prueba de alcohol positiva")  # fmt: skip
    return rosa.id


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_closes_prints_and_checks(association: Database, name: str) -> None:
    db = association
    _period(db, preset_text(name))
    preview = preview_close(db, Q1)
    result = close_period(db, Q1)
    assert [m.calc.gross for m in result.members] == [m.calc.gross for m in preview.members]
    assert all(m.calc.gross > 0 for m in result.members)
    assert run_checks(db) == []
    for doc in statements(db, Q1):
        rows = sum((ln.amount for ln in doc.lines), D(0))
        # every row multiplies out; the stored lines round once: at most ½ céntimo a row apart
        assert abs(doc.gross - rows) <= D("0.005") * len(doc.lines)
        assert [quantize(ln.priced * ln.unit_price, D("0.01")) for ln in doc.lines] == [
            ln.amount for ln in doc.lines
        ]
        assert sum((f.amount for f in doc.factors), D(0)) == doc.gross
    for receipt in document_data.receipts(db, Q1, record=False):  # the milk bought, every unit
        assert receipt.goods and sum((g.value for g in receipt.goods), D(0)) == receipt.gross
        for g in receipt.goods:
            assert quantize(g.quantity * g.unit_price, D("0.01")) == g.value
    for kind in ("receipt", "statement"):
        pdf = printouts.render(db, kind, Q1, "S0001").pdf
        assert pdf.startswith(b"%PDF")
    assert printouts.render(db, "payroll", Q1).pdf.startswith(b"%PDF")


def test_a_hundredweight_line_keeps_its_five_places(association: Database) -> None:
    db = association
    _period(db, preset_text("us-component"))
    close_period(db, Q1)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT unit, priced_quantity, quantity, deliveries FROM settlement_line "
                "WHERE kind = 'milk' ORDER BY id"
            )
        ).all()
    # S0001: 7 × 15.5 L (15.996 kg, 35.265 lb each) + 20 kg (44.092 lb) = 290.947 lb = 2.90947
    assert rows[0][0] == "100lb" and rows[0][1] == 290947 and rows[0][2] is None
    assert rows[0][3].count(",") == 7  # the eight deliveries it pays


def _hot_milk_scheme() -> str:
    data = json.loads(preset_text("peru-additive"))
    data["rejections"].append({"measure": "temperature", "above": "10", "reason": "Leche caliente"})
    return json.dumps(data)


def test_a_rule_on_the_deliverys_own_temperature_is_applied_by_the_close(
    association: Database,
) -> None:
    db = association
    import_scheme(db, _hot_milk_scheme(), date(2026, 1, 1))
    add_member(db, MemberDraft(code="S0001", given_names="Rosa", surnames="Mamani"))
    for day in range(1, 4):
        add_delivery(db, "S0001", "15", "L", date(2026, 10, day), "am", today=TODAY,
                     temperature="14.5" if day == 2 else "6.0")  # fmt: skip
    add_test(db, "S0001", date(2026, 10, 3), {"st": "12.1", "ufc": "250000"}, today=TODAY)
    result = close_period(db, Q1)
    milk = result.members[0].milk
    assert milk.rejected_litres == D("15.000") and milk.litres == D("30.000")
    assert milk.gross == D("39.63")  # two deliveries: 30.960 kg × 1.28 = 39.6288
    doc = statements(db, Q1)[0]
    rejected = [ln for ln in doc.lines if ln.reason]
    assert [(ln.reason, ln.amount) for ln in rejected] == [("Leche caliente", D("0.00"))]
    assert doc.gross == D("39.63")  # the close rounds the line: 30.960 kg × 1.28
    assert sum((ln.amount for ln in doc.lines), D(0)) == D("39.62")  # 2 × 15.480 × 1.28 = 19.81


def test_scheme_versions_of_a_closed_period_are_refused(association: Database) -> None:
    db = association
    _period(db, preset_text("peru-additive"))
    close_period(db, Q1)
    before = statements(db, Q1, "S0001")[0]
    pdf_before = StatementRenderer(invariant=True).render(before)
    dearer = json.loads(preset_text("peru-additive"))
    dearer["components"][0]["rate"] = "1.57"
    for day in (date(2026, 10, 10), date(2026, 9, 1), date(2026, 10, 15)):
        with pytest.raises(Refused) as err:
            import_scheme(db, json.dumps(dearer), day)
        assert err.value.code == "scheme_in_closed_period"
        assert "2026-10-q1" in err.value.render("es") and "16/10/2026" in err.value.render("es")
    import_scheme(db, json.dumps(dearer), date(2026, 10, 16))  # after the period: accepted
    with db.engine.begin() as conn, pytest.raises(DBAPIError):  # the database refuses too
        conn.execute(
            text(
                "INSERT INTO price_scheme_version (scheme_id, effective_from, definition, "
                "created_by, created_at) VALUES (1, :d, '{}', 'x', :t)"
            ),
            {"d": date(2026, 10, 5), "t": TODAY},
        )
    with db.engine.begin() as conn, pytest.raises(DBAPIError):
        conn.execute(text("DELETE FROM price_scheme_version WHERE effective_from < :d"),
                     {"d": date(2026, 2, 1)})  # fmt: skip
    after = statements(db, Q1, "S0001")[0]
    assert after == before
    assert StatementRenderer(invariant=True).render(after) == pdf_before
    assert "Redondeo" not in "".join(ln.quality for ln in after.lines)


def test_the_what_if_paid_column_is_the_stored_milk(association: Database) -> None:
    db = association
    member = _period(db, preset_text("colombia-quality"))
    close_period(db, Q1)
    paid = settlement_for(db, "S0001", Q1).gross
    # the member's herd is recorded as certified from the period's first day, after the
    # close: a fresh pricing would pay 25 more per L, what was paid stays
    update_member(db, member, MemberDraft(code="S0001", given_names="Rosa", surnames="Mamani"),
                  [Fact("herd_health", "adopted", date(2026, 10, 1))])  # fmt: skip
    sim = simulate(db, preset_text("colombia-quality"), Q1)
    rosa = next(m for m in sim.members if m.code == "S0001")
    assert sim.closed and rosa.current == paid
    assert rosa.simulated - rosa.current == D("3197.00")  # (108.5 L + 20 kg as 19.38 L) × 25


def test_lines_closed_before_they_kept_their_deliveries_take_them_from_the_grouping() -> None:
    from coop_desktop.domain.pricing.period import MilkLine
    from coop_desktop.services.statements import _adopt_ids

    stored = (MilkLine("", "", D("1.28"), D("30.960"), D("39.63"), 0, False),)
    priced = (
        MilkLine("peru", "kg", D("1.28"), D("30.960"), D("39.63"), 2, False, "", (1, 3)),
        MilkLine("peru", "kg", D("0"), D("15.480"), D("0.00"), 1, True, "Caliente", (2,)),
    )
    (line,) = _adopt_ids(stored, priced)
    assert (line.ids, line.unit, line.amount) == ((1, 3), "kg", D("39.63"))  # the stored amount
