"""Exact values survive the database round trip on both engines."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Member, Settlement, SettlementLine
from coop_desktop.storage.types import Fixed

MONEY = st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False)
QTY = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False)
PRICE = st.decimals(min_value=-(10**6), max_value=10**6, places=4, allow_nan=False)


def _settlement(db: Database) -> int:
    with db.write() as s:
        m = Member(
            code="S1",
            given_names="Rosa",
            surnames="Mamani",
            search_key="s1",
            created_at=datetime(2026, 1, 1),
        )
        s.add(m)
        s.flush()
        from coop_desktop.storage.models import Period

        p = Period(code="2026-10", start_date=date(2026, 10, 1), end_date=date(2026, 10, 31))
        s.add(p)
        s.flush()
        st_ = Settlement(
            period_id=p.id,
            member_id=m.id,
            series="L001",
            number=1,
            kg=Decimal(0),
            litres=Decimal(0),
            gross=Decimal(0),
            credits=Decimal(0),
            deductions=Decimal(0),
            carried_in=Decimal(0),
            carried_out=Decimal(0),
            net=Decimal(0),
            created_at=datetime(2026, 11, 1),
        )
        s.add(st_)
        s.flush()
        return st_.id


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(amount=MONEY, quantity=QTY, price=PRICE)
def test_round_trip_is_exact(
    db: Database, amount: Decimal, quantity: Decimal, price: Decimal
) -> None:
    with db.read() as s:
        existing = s.scalar(select(Settlement.id))
    settlement_id = existing if existing is not None else _settlement(db)
    with db.write() as s:
        line = SettlementLine(
            settlement_id=settlement_id,
            position=1,
            kind="milk",
            description="x",
            quantity=quantity,
            unit_price=price,
            amount=amount,
        )
        s.add(line)
        s.flush()
        line_id = line.id
    with db.read() as s:
        back = s.get(SettlementLine, line_id)
        assert back is not None
        assert back.amount == amount and back.quantity == quantity and back.unit_price == price
        assert isinstance(back.amount, Decimal)
        assert back.amount.as_tuple().exponent == -2


def test_floats_and_excess_places_are_refused() -> None:
    col = Fixed(2)
    with pytest.raises(TypeError):
        col.process_bind_param(1.5, None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        col.process_bind_param(Decimal("1.005"), None)  # type: ignore[arg-type]
    assert col.process_bind_param(Decimal("1.50"), None) == 150  # type: ignore[arg-type]
    assert col.process_result_value(150, None) == Decimal("1.50")  # type: ignore[arg-type]


def test_stored_as_integer_minor_units(sqlite_db: Database) -> None:
    settlement_id = _settlement(sqlite_db)
    with sqlite_db.write() as s:
        s.add(
            SettlementLine(
                settlement_id=settlement_id,
                position=1,
                kind="milk",
                description="x",
                quantity=Decimal("232.2"),
                unit_price=Decimal("1.28"),
                amount=Decimal("297.22"),
            )
        )
    with sqlite_db.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT quantity, unit_price, amount, typeof(amount) FROM settlement_line"
        ).one()
    assert tuple(row) == (232200, 12800, 29722, "integer")
