"""Every pricing family, with expectations computed by hand in the comments."""

from decimal import Decimal

import pytest
from pricing_helpers import preset, q, scheme

from coop_desktop.domain.pricing.pricer import MissingQuality

D = Decimal
BASE = {"type": "base", "rate": "1.20"}


def test_domain_worked_example_one_delivery_of_225_litres() -> None:
    # 225 L × 1.032 = 232.200 kg; 1.20 + 7 steps × 0.01 + 0.01 (UFC band B) = 1.28
    r = preset("peru-additive").price(D("225"), "L", q(st="12.1", ufc="250000"))
    assert (r.kg, r.unit_price, r.amount) == (D("232.200"), D("1.28"), D("297.22"))
    assert sum(ln.amount for ln in r.lines) == r.amount
    assert [ln.label for ln in r.lines][:3] == ["Precio base", "Sólidos totales", "Higiene"]


def test_india_two_rate_example() -> None:
    # 3.6 % × 20.00 + 8.4 % × 9.00 = 0.72 + 0.756 = 1.476 per L; 12.5 L → 18.45
    r = preset("india-two-rate").price(D("12.5"), "L", q(fat="3.6", snf="8.4"))
    assert (r.unit_price, r.amount) == (D("1.476"), D("18.45"))


def test_steps_with_separate_rates_and_caps() -> None:
    p = scheme(
        [
            BASE,
            {
                "type": "steps",
                "measure": "fat",
                "reference": "3.2",
                "step": "0.1",
                "bonus": "0.02",
                "penalty": "0.03",
                "max_bonus": "0.10",
                "max_penalty": "0.12",
            },
        ]
    )
    assert p.unit_price(q(fat="3.29")) == D("1.20")  # no full step yet
    assert p.unit_price(q(fat="3.45")) == D("1.24")  # 2 full steps × 0.02
    assert p.unit_price(q(fat="4.5")) == D("1.30")  # 13 steps capped at 0.10
    assert p.unit_price(q(fat="3.0")) == D("1.14")  # 2 steps below × 0.03
    assert p.unit_price(q(fat="2.0")) == D("1.08")  # 12 steps capped at 0.12


def test_bands_are_half_open() -> None:
    p = preset("peru-additive")
    base = D("1.20")  # st at the reference: no bonus
    assert p.unit_price(q(st="11.4", ufc="99999")) == base + D("0.03")
    assert p.unit_price(q(st="11.4", ufc="100000")) == base + D("0.01")
    assert p.unit_price(q(st="11.4", ufc="999999")) == base
    assert p.unit_price(q(st="11.4", ufc="1000000")) == base - D("0.05")


def test_flags_from_member_and_delivery() -> None:
    p = preset("colombia-quality")
    measures = q(fat="3.5", protein="3.1", ufc="100000", scc="300000")
    plain = p.unit_price(measures)
    assert p.unit_price(measures, frozenset({"cooled"})) == plain + 20
    assert p.unit_price(measures, frozenset({"cooled", "herd_health", "good_practice"})) == (
        plain + 70
    )
    # 3.5/100 × 1.032 × 9500 + 3.1/100 × 1.032 × 25000 + 20 (UFC) + 10 (SCC)
    assert plain == D("343.14") + D("799.80") + 20 + 10


def test_volume_tiers_on_period_total() -> None:
    p = scheme(
        [
            BASE,
            {
                "type": "volume",
                "on": "period_total",
                "tiers": [
                    {"low": "0", "high": "500", "amount": "0"},
                    {"low": "500", "high": "2000", "amount": "0.02"},
                    {"high": None, "low": "2000", "amount": "0.04"},
                ],
            },
        ]
    )
    assert p.unit_price({}, volume=D("499.999")) == D("1.20")
    assert p.unit_price({}, volume=D("500")) == D("1.22")
    assert p.unit_price({}, volume=D("2500")) == D("1.24")


def test_per_kg_of_component_and_other_solids() -> None:
    # US: per 100 lb, % × rate: fat 3.6 × 2.85 + protein 3.2 × 2.40 + (12.4−3.6−3.2) × 0.35
    # + PPD 0.75 + SCC 0.0007 × (350 − 250) = 10.26 + 7.68 + 1.96 + 0.75 + 0.07 = 20.72
    p = preset("us-component")
    r = p.price(D("1000"), "kg", q(fat="3.6", protein="3.2", st="12.4", scc="250000"))
    assert r.unit_price == D("20.72")
    # 1000 kg / 0.45359237 = 2204.623 lb = 22.04623 cwt; × 20.72 = 456.798 → 456.80
    assert r.quantity == D("22.04623") and r.amount == D("456.80")


def test_ireland_a_plus_b_minus_c_per_litre() -> None:
    # protein 3.4 % × 1.0297 × 6.20 + fat 4.0 % × 1.0297 × 4.60 − 0.035 + SCC band 0.0025
    # = 0.2170608 + 0.1894648 − 0.035 + 0.0025 = 0.3740256 → 0.3740
    r = preset("ireland-abc").price(D("1000"), "L", q(protein="3.4", fat="4.0", scc="150000"))
    assert r.unit_price == D("0.3740") and r.amount == D("374.00")


def test_two_axis_chart_and_outside_the_chart() -> None:
    p = preset("india-fat-snf-chart")
    # fat 4.2 → row 3 ([4.0, 4.5)); snf 8.6 → column 3 ([8.5, 9.0)): 0.90 + 0.30 + 0.15
    assert p.unit_price(q(fat="4.2", snf="8.6")) == D("1.35")
    assert p.unit_price(q(fat="2.5", snf="7.0")) == D("0.90")
    inside = p.price(D("10"), "L", q(fat="4.2", snf="8.6"))
    assert inside.warnings == ()  # a lookup inside the chart warns about nothing
    assert "snf 8.6" in inside.lines[0].rule
    # outside: the preset's explicit rule pays 0.80, and says why
    outside = p.price(D("10"), "L", q(fat="7.5", snf="8.6"))
    assert outside.unit_price == D("0.80")
    assert outside.warnings == ("Tabla grasa × SNF: fat 7.5 fuera de la tabla [2.5, 7)",)


def _chart(rule: object) -> dict[str, object]:
    return {
        "type": "chart",
        "rows": {"measure": "fat", "edges": ["3.0", "3.5", "4.0"]},
        "cols": {"measure": "snf", "edges": ["8.0", "8.5", "9.0"]},
        "rates": [["1.20", "1.25"], ["1.30", "1.35"]],
        "if_outside": rule,
    }


def test_outside_the_chart_follows_the_explicit_rule_or_is_refused_with_it() -> None:
    stop = scheme([_chart("stop")], unit="L")
    with pytest.raises(MissingQuality) as err:
        stop.unit_price(q(fat="4.6", snf="8.6"))
    text = err.value.render("es")
    assert err.value.code == "outside_chart" and "fat 4.6 fuera de la tabla [3, 4)" in text
    assert "Falta" not in text  # fat was given: it is outside, not missing
    nearest = scheme([_chart("nearest")], unit="L")
    assert nearest.unit_price(q(fat="4.6", snf="7.2")) == D("1.30")  # last row, first column
    assert nearest.price(D("1"), "L", q(fat="4.6", snf="7.2")).warnings != ()
    fixed = scheme([_chart({"amount": "0.75"})], unit="L")
    assert fixed.unit_price(q(fat="2.0", snf="8.6")) == D("0.75")


def test_linear_somatic_cell_adjustment_with_limits() -> None:
    p = scheme(
        [
            BASE,
            {
                "type": "linear",
                "measure": "scc",
                "reference": "350",
                "divisor": "1000",
                "rate": "0.0007",
                "min": "-0.2",
                "max": "0.2",
            },
        ]
    )
    assert p.unit_price(q(scc="200000")) == D("1.3050")  # + 0.0007 × 150
    assert p.unit_price(q(scc="500000")) == D("1.0950")  # − 0.0007 × 150
    assert p.unit_price(q(scc="900000")) == D("1.0000")  # − 0.385 limited to − 0.2


def test_per_volume_terms_and_clamps() -> None:
    p = scheme(
        [BASE, {"type": "per_volume", "amount": "-0.04", "per": "L"}],
        clamp={"min": "1.17", "max": "1.30"},
    )
    # −0.04 per litre is −0.04 / 1.032 = −0.03876 per kg → 1.16124 → clamped to 1.17
    r = p.price(D("100"), "L", {})
    assert r.unit_price == D("1.17")
    assert [ln.kind for ln in r.lines] == ["base", "per_volume", "clamp"]
    assert sum(ln.amount for ln in r.lines) == r.amount == D("120.74")  # 103.200 kg × 1.17
    free = scheme([BASE, {"type": "per_volume", "amount": "-0.04", "per": "L"}])
    assert free.unit_price({}) == D("1.1612")


@pytest.mark.parametrize(
    ("measures", "reason"),
    [
        (q(alcohol=True), "Prueba de alcohol positiva"),
        (q(antibiotics=True), "Leche con antibióticos"),
    ],
)
def test_rejections_pay_zero_with_the_reason(
    measures: dict[str, Decimal | bool], reason: str
) -> None:
    r = preset("peru-additive").price(D("20"), "L", {**q(st="12", ufc="50000"), **measures})
    assert r.rejected and r.reason == reason and r.amount == 0
    assert [ln.rule for ln in r.lines] == [reason]


def test_rejection_limits_and_fixed_price() -> None:
    p = scheme(
        [BASE],
        rejections=[
            {"measure": "added_water", "above": "3", "reason": "Agua añadida", "price": "0.30"},
            {"measure": "acidity", "below": "0.13", "above": "0.17", "reason": "Acidez"},
        ],
    )
    assert not p.price(D("10"), "kg", q(added_water="3")).rejected
    r = p.price(D("10"), "kg", q(added_water="3.5"))
    assert (r.rejected, r.amount) == (True, D("3.00"))
    assert p.price(D("10"), "kg", q(acidity="0.12")).reason == "Acidez"
    assert p.price(D("10"), "kg", q(acidity="0.18")).reason == "Acidez"
    assert not p.price(D("10"), "kg", q(acidity="0.15")).rejected


def test_missing_measures_follow_the_scheme() -> None:
    steps = {"type": "steps", "measure": "st", "reference": "11.4", "step": "0.1", "bonus": "0.01"}
    with pytest.raises(MissingQuality) as err:
        scheme([BASE, steps]).unit_price({})
    assert err.value.measures == ["st"]
    assert "Falta el análisis de sólidos totales para la entrega;" in err.value.render("es")
    assert "The total solids test is missing for the delivery;" in err.value.render("en")
    warned = scheme([BASE, {**steps, "if_missing": "warn"}]).price(D("10"), "kg", {})
    assert warned.unit_price == D("1.20") and warned.warnings
    assert "sin análisis" in warned.lines[1].note
    used = scheme([BASE, {**steps, "if_missing": {"use": "11.0"}}]).price(D("10"), "kg", {})
    assert used.unit_price == D("1.20") and "se usó 11" in used.lines[1].note
    fined = scheme([BASE, {**steps, "if_missing": {"amount": "-0.05"}}])
    assert fined.unit_price({}) == D("1.15")


def test_quantities_round_per_delivery_to_the_gram() -> None:
    p = preset("peru-additive")
    assert p.quantities(D("15.5"), "L")[1] == D("15.996")  # 15.996 exactly
    assert p.quantities(D("10.001"), "L")[1] == D("10.321")  # 10.321032 → 10.321
    assert p.quantities(D("10"), "kg")[2] == D("9.690")  # 9.68992… → 9.690
