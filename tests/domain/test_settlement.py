from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop_desktop.core.errors import ValidationError
from coop_desktop.domain.settlement import (
    DEDUCTION_KINDS,
    Item,
    instalments,
    parse_priority,
    per_litre_charge,
    settle,
)

D = Decimal


def test_worked_example() -> None:
    calc = settle(
        D("297.22"),
        [],
        [
            Item("advance", "Adelanto", D("50.00")),
            Item("input", "Afrecho", D("65.00")),
            Item("dues", "Cuota", D("5.00")),
            Item("transport", "Transporte", per_litre_charge(D("0.05"), D("225"))),
        ],
    )
    assert calc.applied_total == D("131.25") and calc.net == D("165.97")
    assert calc.carried_out == 0


def test_priority_and_carried_debt_itemised() -> None:
    calc = settle(
        D("100.00"),
        [Item("bonus", "Bono", D("10.00"))],
        [
            Item("advance", "Adelanto", D("80.00")),
            Item("carried", "Deuda", D("20.00")),
            Item("dues", "Cuota", D("5.00")),
            Item("input", "Concentrado", D("30.00")),
        ],
    )
    # order: carried 20, dues 5, input 30, advance 80 → 55 available for the advance
    assert [(d.item.kind, d.applied, d.uncovered) for d in calc.deductions] == [
        ("carried", D("20.00"), 0),
        ("dues", D("5.00"), 0),
        ("input", D("30.00"), 0),
        ("advance", D("55.00"), D("25.00")),
    ]
    assert (calc.net, calc.carried_in, calc.carried_out) == (0, D("20.00"), D("25.00"))


def test_custom_priority() -> None:
    order = parse_priority(["advance", "input"])
    assert order[:2] == ("advance", "input") and set(order) == set(DEDUCTION_KINDS)
    with pytest.raises(ValidationError):
        parse_priority(["regalo"])


def test_instalments_add_up() -> None:
    assert instalments(D("100.00"), 3) == [D("33.33"), D("33.33"), D("33.34")]
    with pytest.raises(ValidationError):
        instalments(D("100"), 0)


money = st.decimals(min_value=0, max_value=5000, places=2)
items = st.lists(st.tuples(st.sampled_from(DEDUCTION_KINDS), money), max_size=12)


@given(money, st.lists(money, max_size=3), items)
def test_settlement_invariants(
    gross: Decimal, credits: list[Decimal], debts: list[tuple[str, Decimal]]
) -> None:
    c = [Item("bonus", "b", x) for x in credits]
    d = [Item(kind, kind, x) for kind, x in debts]
    calc = settle(gross, c, d)
    assert calc.net + calc.applied_total == gross + sum(credits, D(0))
    assert calc.net >= 0
    assert all(a.applied >= 0 and a.uncovered >= 0 for a in calc.deductions)
    assert calc.carried_out == sum((x for _, x in debts), D(0)) - calc.applied_total
    if calc.carried_out:
        assert calc.net == 0
    assert settle(gross, c, d) == calc  # a second run reproduces every number
