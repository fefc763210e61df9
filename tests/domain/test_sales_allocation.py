"""Sharing a paid milk line among the days it paid: the parts add up to what was paid, each
within a céntimo of its exact share (the margin of a range of days reads them)."""

from decimal import Decimal

from coop_desktop.domain.sales.allocation import split_amount


def test_split_amount_adds_up_and_stays_within_a_cent() -> None:
    # 3 deliveries of 15 L at 1.2875: exact 19.3125 each, the line 45 L → 57.94 (57.9375)
    parts = split_amount(Decimal("57.94"), [Decimal("19.3125")] * 3)
    assert parts == [Decimal("19.32"), Decimal("19.31"), Decimal("19.31")]
    exact = [Decimal("1.234"), Decimal("2.345"), Decimal("0.001")]
    for total in ("3.58", "3.50", "3.70", "0.00"):
        parts = split_amount(Decimal(total), exact)
        assert sum(parts) == Decimal(total)
    assert split_amount(Decimal("3.58"), exact) == [
        Decimal("1.23"),
        Decimal("2.35"),
        Decimal("0.00"),
    ]
    assert split_amount(Decimal("-1.00"), [Decimal("-0.333")] * 3) == [
        Decimal("-0.33"),
        Decimal("-0.33"),
        Decimal("-0.34"),
    ]
