"""Indicators of a hand-made association (tests/indicator_dataset.py), worked out by hand, on
SQLite and PostgreSQL. Range: October (closed) + November (open) 2026; baseline: September.

Prices (kg = L × 1.032: 10 L → 10.320 kg, 20 L → 20.640 kg; a line's amount rounds half up):
  Sep  W1 ST 11.4 → +0, UFC 500k → C +0     1.20 × 20.64 = 24.768 → 24.77
       M2 ST 12.0 → +0.06, UFC 50k → A +0.03  1.29 × 20.64 = 26.6256 → 26.63
  Oct  W1 ST 12.1 → +0.07, UFC 250k → B +0.01 1.28 × 30.96 = 39.6288 → 39.63
       W2 ST 11.2 → +0, UFC 1.5M → D −0.05   1.15 × 41.28 = 47.472 → 47.47 (advance 20 → net 27.47)
       M1 ST 11.9 → +0.05, UFC 80k → A +0.03  1.28 × 10.32 = 13.2096 → 13.21 (5 L rejected: 0)
  Nov  W1 ST 12.3 → +0.09, UFC 250k → B +0.01 1.30 × 10.32 = 13.416 → 13.42
       M1 ST 11.3 → +0, UFC 80k → A +0.03     1.23 × 10.32 = 12.6936 → 12.69
"""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1]))

from indicator_dataset import TODAY, build

from coop_desktop.core.errors import ValidationError
from coop_desktop.documents.indicator_labels import provisional_text
from coop_desktop.domain.indicator_report import report_json
from coop_desktop.services.closeout.closing import preview_close
from coop_desktop.services.deliveries import add_delivery
from coop_desktop.services.indicators import (
    indicators,
    reference_price,
    set_reference_price,
)
from coop_desktop.services.practices import record
from coop_desktop.services.statements import statements
from coop_desktop.storage.engine import Database

D = Decimal
OCT_1, NOV_1, NOV_30 = date(2026, 10, 1), date(2026, 11, 1), date(2026, 11, 30)
SEPTEMBER = (date(2026, 9, 1), date(2026, 9, 30))


@pytest.fixture
def coop(association: Database) -> Database:
    return build(association)


def test_indicators_worked_by_hand(coop: Database) -> None:
    r = indicators(
        coop, OCT_1, date(2026, 11, 20), by=["district"], baseline=SEPTEMBER, today=TODAY
    )
    f = r.current.figures
    # The range is widened to whole periods: October (paid) and November (provisional).
    assert (r.current.start, r.current.end) == (OCT_1, NOV_30) and r.current.widened
    assert [(p.code, p.provisional) for p in r.current.periods] == [
        ("2026-10", False),
        ("2026-11", True),
    ]
    assert r.provisional and not r.baseline.provisional  # type: ignore[union-attr]
    # Producers: W1, W2, M1 delivered (M2 only in the baseline): 2 women, 1 man;
    # new = {W2, M1}, lost = {M2}.
    assert (f["producers"], f["producers_women"], f["producers_men"]) == (3, 2, 1)
    assert (f["producers_new"], f["producers_lost"]) == (2, 1)
    # Delivery days (accepted milk): W1 Oct 1, 2, 3, Nov 2 = 4; W2 2; M1 Oct 1, Nov 2 = 2
    # (its Oct 2 holds rejected milk alone: M1 is a producer, that day no delivery day).
    assert f["delivery_days"] == 8
    # Accepted litres 40 + 40 + 20 = 100; kg 4 × 10.32 + 41.28 + 2 × 10.32 = 103.2.
    assert (f["litres"], f["kg"]) == (D("100.000"), D("103.200"))
    assert f["litres_per_producer_day"] == D("12.500")  # 100 / 8
    # Every accepted litre was tested: nothing set apart, all 103.2 kg priced.
    assert (f["producers_untested"], f["litres_untested"]) == (0, D("0.000"))
    assert f["kg_priced"] == D("103.200")
    # Days counted: 01/10 to today 27/11 = 58 → 100 / 58 = 1.7241…
    assert r.current.days == 58 and f["litres_per_day"] == D("1.724")
    # Quality: each producer's own average, weighed by its litres.
    #   ST:  W1 (12.1 + 12.3) / 2 = 12.2, W2 11.2, M1 (11.9 + 11.3) / 2 = 11.6
    #        (12.2 × 40 + 11.2 × 40 + 11.6 × 20) / 100 = (488 + 448 + 232) / 100 = 11.68
    #   fat: (3.7 × 40 + 3.1 × 40 + 4.0 × 20) / 100 = 3.52; protein (3.2, 2.8, 3.3) → 3.06
    #   UFC: (250k × 40 + 1.5M × 40 + 80k × 20) / 100 = 716,000; SCC (300k, 700k, 200k) → 440,000
    assert (f["samples"], f["producers_with_samples"]) == (5, 3)
    assert (f["avg_st"], f["avg_fat"], f["avg_protein"]) == (D("11.68"), D("3.52"), D("3.06"))
    assert (f["avg_ufc"], f["avg_scc"]) == (D("716000"), D("440000"))
    # Samples within NTP 202.001: ST ≥ 11.4 — W1 ✓✓, W2 ✗, M1 11.9 ✓ 11.3 ✗ → 3 / 5 = 60 %;
    # fat, protein, UFC, SCC: only W2's sample fails → 4 / 5 = 80 %.
    assert f["share_samples_meeting_st"] == D("60.00")
    assert (f["samples_with_st"], f["producers_with_st"]) == (5, 3)  # what shares are taken of
    for key in ("fat", "protein", "ufc", "scc"):
        assert f[f"share_samples_meeting_{key}"] == D("80.00"), key
        assert f[f"share_producers_meeting_{key}"] == D("66.67"), key  # W1 and M1 of 3
    assert f["share_producers_meeting_st"] == D("66.67")  # 12.2 ✓, 11.2 ✗, 11.6 ✓
    # The scheme's hygiene classes: samples A = M1 × 2, B = W1 × 2, D = W2; producers by
    # their average: W1 B, W2 D, M1 A.
    classes = {
        c.label: (c.samples, c.share_samples, c.producers, c.share_producers) for c in f.classes
    }
    assert classes == {
        "A": (2, D("40.00"), 1, D("33.33")),
        "B": (2, D("40.00"), 1, D("33.33")),
        "C": (0, D("0.00"), 0, D("0.00")),
        "D": (1, D("20.00"), 1, D("33.33")),
    }
    # Money: gross 39.63 + 47.47 + 13.21 + 13.42 + 12.69 = 126.42; net = 126.42 − 20 = 106.42.
    assert (f["gross"], f["net"]) == (D("126.42"), D("106.42"))
    assert f["avg_price_per_kg"] == D("1.2250")  # 126.42 / 103.2 = 1.225 exactly
    assert f["reference_price_per_kg"] == D("1.5400")
    assert f["price_vs_reference"] == D("-0.3150")  # 1.225 − 1.54
    assert f["price_vs_reference_pct"] == D("-20.45")  # −0.315 / 1.54 = −20.4545…%
    # Premium = accepted milk's amount − kg × 1.20 rounded once per member and period:
    #   W1 Oct 39.63 − 37.15, W2 47.47 − 49.54, M1 Oct 13.21 − 12.38 (rejected line aside),
    #   W1 Nov 13.42 − 12.38, M1 Nov 12.69 − 12.38 → 2.48 − 2.07 + 0.83 + 1.04 + 0.31 = 2.59
    assert f["quality_premium"] == D("2.59")
    assert f["quality_premium_per_kg"] == D("0.0251")  # 2.59 / 103.2 = 0.02510
    assert (f["gross_per_producer"], f["net_per_producer"]) == (D("42.14"), D("35.47"))
    # Women W1 + W2: 80 L, gross 39.63 + 47.47 + 13.42 = 100.52, net 80.52; man M1: 20 L, 25.90.
    assert (f["litres_women"], f["litres_men"]) == (D("80.000"), D("20.000"))
    assert (f["gross_women"], f["gross_men"]) == (D("100.52"), D("25.90"))
    assert (f["net_women"], f["net_men"]) == (D("80.52"), D("25.90"))
    assert (f["gross_per_producer_women"], f["net_per_producer_women"]) == (D("50.26"), D("40.26"))
    assert (f["gross_per_producer_men"], f["net_per_producer_men"]) == (D("25.90"), D("25.90"))
    # Women's shares: 2/3 producers, 80/100 litres, 100.52/126.42 = 79.51 %, 80.52/106.42 = 75.66 %.
    assert [f[f"share_women_{k}"] for k in ("producers", "litres", "gross", "net")] == [
        D("66.67"),
        D("80.00"),
        D("79.51"),
        D("75.66"),
    ]


def test_baseline_and_change(coop: Database) -> None:
    r = indicators(coop, OCT_1, NOV_30, baseline=SEPTEMBER, today=TODAY)
    assert r.baseline is not None and r.change is not None
    b = r.baseline.figures
    # September: W1 and M2, 40 L = 41.28 kg, 3 delivery days over 30 days.
    assert (b["producers"], b["litres"], b["kg"], b["delivery_days"]) == (
        2,
        D("40.000"),
        D("41.280"),
        3,
    )
    assert (b["litres_per_producer_day"], b["litres_per_day"]) == (D("13.333"), D("1.333"))
    # 24.77 + 26.63 = 51.40 / 41.28 kg = 1.24515… → 1.2452; ST (11.4 × 20 + 12.0 × 20) / 40.
    assert (b["gross"], b["avg_price_per_kg"], b["avg_st"]) == (
        D("51.40"),
        D("1.2452"),
        D("11.70"),
    )
    assert b["quality_premium"] == D("1.86")  # W1 24.77 − 24.77 + M2 26.63 − 24.77
    c = r.change
    assert (c["producers"].absolute, c["producers"].percent) == (1, D("50.00"))
    assert (c["litres"].absolute, c["litres"].percent) == (D("60.000"), D("150.00"))
    assert (c["gross"].absolute, c["gross"].percent) == (D("75.02"), D("145.95"))  # 75.02 / 51.40
    # 1.2250 − 1.2452 = −0.0202 → −0.0202 / 1.2452 = −1.62 %; ST 11.68 − 11.70 = −0.02 points.
    assert (c["avg_price_per_kg"].absolute, c["avg_price_per_kg"].percent) == (
        D("-0.0202"),
        D("-1.62"),
    )
    assert (c["avg_st"].absolute, c["avg_st"].percent) == (D("-0.02"), D("-0.17"))
    # A difference has no relative change; a count absent from the baseline has none either.
    assert c["price_vs_reference"].percent is None
    assert b["producers_new"] is None and c["producers_new"].absolute is None


def test_groups_by_district_gender_practice_and_centre(coop: Database) -> None:
    r = indicators(
        coop,
        OCT_1,
        NOV_30,
        by=["district", "gender", "practice", "centre"],
        baseline=SEPTEMBER,
        today=TODAY,
    )
    groups = {(g.by, g.group): g for g in r.groups}
    acora, cupi = groups[("district", "Ácora")], groups[("district", "Cupi")]
    # Ácora: W1 + M1, 60 L = 61.92 kg, 39.63 + 13.42 + 13.21 + 12.69 = 78.95 → 1.27503 → 1.2750;
    # 6 delivery days → 10.000 L; ST (12.2 × 40 + 11.6 × 20) / 60 = 12.00; new M1 (W1 was there).
    a = acora.figures
    assert (a["producers"], a["litres"], a["gross"], a["avg_price_per_kg"]) == (
        2,
        D("60.000"),
        D("78.95"),
        D("1.2750"),
    )
    assert (a["litres_per_producer_day"], a["avg_st"]) == (D("10.000"), D("12.00"))
    assert (a["producers_new"], a["producers_lost"]) == (1, 0)
    # Cupi: W2 only now (47.47, net 27.47, 47.47 / 41.28 = 1.14995 → 1.1500); M2 left.
    c = cupi.figures
    assert (c["producers"], c["gross"], c["net"], c["avg_price_per_kg"]) == (
        1,
        D("47.47"),
        D("27.47"),
        D("1.1500"),
    )
    assert (c["producers_new"], c["producers_lost"]) == (1, 1)
    assert cupi.baseline is not None and cupi.baseline["gross"] == D("26.63")
    assert cupi.change is not None and cupi.change["gross"].absolute == D("20.84")
    # Groups add up to the whole (each member is in one district).
    for key in ("producers", "litres", "kg", "gross", "net", "delivery_days"):
        assert a[key] + c[key] == r.current.figures[key], key  # type: ignore[operator]
    men = groups[("gender", "m")].figures
    assert (men["producers"], men["producers_new"], men["producers_lost"]) == (1, 1, 1)
    assert groups[("gender", "f")].label() == "Mujeres"
    good = groups[("practice", "good_practice:yes")].figures
    # W1: 40 L = 41.28 kg, 39.63 + 13.42 = 53.05 → 1.28512 → 1.2851.
    assert (good["producers"], good["gross"], good["avg_price_per_kg"]) == (
        1,
        D("53.05"),
        D("1.2851"),
    )
    assert groups[("practice", "good_practice:yes")].label("en") == (
        "With: Good livestock practices"
    )
    assert groups[("practice", "good_practice:no")].label() == "Sin: Buenas prácticas ganaderas"
    assert groups[("practice", "regenerative:yes")].figures["producers"] == 1  # M1
    assert groups[("practice", "organic:no")].figures["producers"] == 3
    assert groups[("centre", "Centro Huaychani")].figures["litres"] == D("60.000")
    assert groups[("centre", "")].label() == "(sin dato)"
    assert [g.group for g in r.groups_by("district")] == ["Ácora", "Cupi"]  # accents fold


def test_a_practice_counts_from_the_day_it_was_adopted(coop: Database) -> None:
    """W1 adopts organic production on 02/10 (inside October, closed): its 01/10 milk counts
    without it, the rest with it. October's money is divided by the accepted litres on each
    side: 10 L of 30 before → 1/3 of 30.96 kg, 39.63 and 39.63 net."""
    spans = record(coop, "W1", "organic", "adopted", date(2026, 10, 2), today=TODAY)
    assert [(s.code, s.start, s.end) for s in spans] == [
        ("good_practice", date(2026, 1, 1), None),
        ("organic", date(2026, 10, 2), None),
    ]
    r = indicators(coop, OCT_1, NOV_30, by=["practice"], today=TODAY)
    groups = {g.group: g.figures for g in r.groups}
    yes, no = groups["organic:yes"], groups["organic:no"]
    # With: W1's 02/10, 03/10 and 02/11: 30 L, 20.640 + 10.320 kg, 26.42 + 13.42 = 39.84.
    assert (yes["producers"], yes["delivery_days"], yes["litres"], yes["kg"]) == (
        1,
        3,
        D("30.000"),
        D("30.960"),
    )
    assert (yes["gross"], yes["samples"]) == (D("39.84"), 2)
    # Premium: 26.42 − 24.77 (20.64 kg × 1.20) + 13.42 − 12.38 = 2.69.
    assert yes["quality_premium"] == D("2.69")
    # Without: W1's 01/10 (10 L, 13.21), W2 and M1: three producers, 70 L, 86.58.
    assert (no["producers"], no["delivery_days"], no["litres"], no["gross"]) == (
        3,
        5,
        D("70.000"),
        D("86.58"),
    )
    for key in ("litres", "kg", "gross", "net", "delivery_days", "quality_premium"):
        assert yes[key] + no[key] == r.current.figures[key], key  # type: ignore[operator]
    # Left on 03/11: from then on without (no delivery after it: the split stays).
    record(coop, "W1", "organic", "left", date(2026, 11, 3), today=TODAY)
    again = {g.group: g.figures for g in indicators(coop, OCT_1, NOV_30, by=["practice"]).groups}
    assert again["organic:yes"]["litres"] == D("30.000")


def test_open_months_without_milk_leave_the_report_final(coop: Database) -> None:
    """January to August hold no milk and stay open: the report of the year so far is what
    was paid (September and October are closed), not provisional."""
    r = indicators(coop, date(2026, 1, 1), date(2026, 10, 31), today=TODAY)
    assert not r.provisional and len(r.current.periods) == 10
    assert [p.code for p in r.current.periods if p.open] == [f"2026-0{m}" for m in range(1, 9)]
    assert not any(p.provisional or p.has_milk for p in r.current.periods[:8])
    assert provisional_text(r, "es") == (
        "Todas las cifras son de periodos cerrados (lo que se pagó); los periodos abiertos del "
        "rango no tienen leche."
    )


def test_milk_without_its_tests_is_set_apart_not_priced_at_zero(coop: Database) -> None:
    """W2 delivers 20 L in November without a sample: the preview cannot price it. It is
    reported as untested milk and stays out of the price per kg and the premium."""
    add_delivery(coop, "W2", "20", "L", date(2026, 11, 3), "am", today=TODAY)
    f = indicators(coop, OCT_1, NOV_30, today=TODAY).current.figures
    assert (f["producers_untested"], f["litres_untested"], f["kg_untested"]) == (
        1,
        D("20.000"),
        D("20.640"),
    )
    assert (f["litres"], f["kg"], f["kg_priced"]) == (D("120.000"), D("123.840"), D("103.200"))
    # The same gross and premium as without that milk: 126.42 / 103.2 and 2.59.
    assert (f["gross"], f["avg_price_per_kg"]) == (D("126.42"), D("1.2250"))
    assert f["quality_premium"] == D("2.59")
    november = indicators(coop, NOV_1, NOV_30, today=TODAY).current.periods[0]
    assert (november.missing_tests, november.litres_untested) == (1, D("20.000"))


def test_open_period_is_the_close_preview_and_closed_is_what_was_paid(coop: Database) -> None:
    r = indicators(coop, OCT_1, NOV_30, today=TODAY)
    october, november = r.current.periods
    preview = preview_close(coop, "2026-11").totals()
    assert (november.gross, november.net, november.kg) == (
        preview["gross"],
        preview["net"],
        preview["kg"],
    )
    assert (october.gross, october.net, october.producers) == (D("100.31"), D("80.31"), 3)


def test_json_keys_and_canonical_values(coop: Database) -> None:
    data = report_json(
        indicators(coop, OCT_1, NOV_30, by=["gender"], baseline=SEPTEMBER, today=TODAY)
    )
    for key in (
        "producers",
        "producers_women",
        "producers_men",
        "litres",
        "kg",
        "litres_per_producer_day",
        "avg_price_per_kg",
        "quality_premium_per_kg",
        "share_producers_meeting_st",
        "gross",
        "net",
        "gross_women",
        "gross_men",
    ):
        assert key in data, key
        assert all(key in g for g in data["groups"]), key
    assert data["producers"] == 3 and data["litres"] == "100.000" and data["gross"] == "126.42"
    assert data["avg_price_per_kg"] == "1.2250" and data["provisional"] is True
    assert data["change"]["gross"] == {"absolute": "75.02", "percent": "145.95"}
    assert data["baseline"]["gross"] == "51.40"
    assert data["groups"][0]["group"] == "f" and data["groups"][0]["gross"] == "100.52"
    assert data["periods"][1] == {
        "period": "2026-11",
        "from": "2026-11-01",
        "to": "2026-11-30",
        "provisional": True,
        "producers": 2,
        "litres": "20.000",
        "kg": "20.640",
        "gross": "26.11",
        "net": "26.11",
        "avg_price_per_kg": "1.2650",
        "missing_tests": 0,
        "open": True,
        "has_milk": True,
        "litres_untested": "0.000",
    }
    # Every share names what it is taken of, a key of the same figures.
    assert data["denominators"]["share_producers_meeting_protein"] == "producers_with_protein"
    assert (data["producers_with_protein"], data["samples_with_protein"]) == (3, 5)
    assert data["classes"][0]["samples_measured"] == 5


def test_reference_price_is_configurable(coop: Database) -> None:
    assert reference_price(coop) == D("1.54")
    assert set_reference_price(coop, "1.60") == D("1.60")
    f = indicators(coop, OCT_1, NOV_30, today=TODAY).current.figures
    assert (f["reference_price_per_kg"], f["price_vs_reference"]) == (D("1.6000"), D("-0.3750"))
    once = indicators(coop, OCT_1, NOV_30, reference="1.50", today=TODAY).current.figures
    assert once["price_vs_reference"] == D("-0.2750")
    with pytest.raises(ValidationError):
        set_reference_price(coop, "0")


def test_refusals_name_the_field(coop: Database) -> None:
    with pytest.raises(ValidationError) as error:
        indicators(coop, NOV_30, OCT_1, today=TODAY)
    assert error.value.field == "to"
    with pytest.raises(ValidationError) as error:
        indicators(coop, OCT_1, NOV_30, by=["province"], today=TODAY)
    assert error.value.field == "by"


def test_statement_shows_the_members_trend(coop: Database) -> None:
    (doc,) = statements(coop, "2026-11", "W1")
    # Six periods back from November; the ones before W1's first milk are left out.
    # Sep paid 24.77 / 20.64 = 1.2001; Oct 39.63 / 30.96 = 1.28004 → 1.2800;
    # Nov (open) 13.42 / 10.32 = 1.30039 → 1.3004.
    assert [
        (t.period, t.litres, t.st, t.ufc, t.price_per_kg, t.provisional) for t in doc.trend
    ] == [
        ("2026-09", D("20.000"), D("11.40"), D("500000"), D("1.2001"), False),
        ("2026-10", D("30.000"), D("12.10"), D("250000"), D("1.2800"), False),
        ("2026-11", D("10.000"), D("12.30"), D("250000"), D("1.3004"), True),
    ]


def test_docs_define_every_key() -> None:
    """docs/indicators.md names every figure of the JSON and what each share is taken of."""
    from coop_desktop.domain.indicator_figures import DENOMINATORS, KEYS
    from coop_desktop.domain.sales.margin import SALES_KEYS

    doc = (Path(__file__).parents[2] / "docs" / "indicators.md").read_text("utf-8")
    assert [k for k in (*KEYS, *SALES_KEYS) if f"`{k}`" not in doc] == []
    assert set(DENOMINATORS.values()) <= set(KEYS)
    for key in (
        "open",
        "has_milk",
        "litres_untested",
        "denominators",
        "samples_measured",
        "sales",
        "sales_change",
    ):
        assert f'"{key}"' in doc, key
