"""docs/sales.md's worked example, through `coop … --json` (Huaychani, 05/10/2026)."""

import json
from pathlib import Path

from tests_support.sales_example import build, ok


def test_balance_and_margin_of_the_worked_example(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(coop, tmp_path)
    data = json.loads(
        ok(
            coop(
                "balance", "--centre", "C01", "--from", "2026-10-05", "--to", "2026-10-05", "--json"
            )
        )
    )
    (day,) = data["rows"]
    assert data["threshold_pct"] == "1.0"
    assert {
        k: day[k] for k in ("opening_l", "accepted_l", "dispatched_l", "local_sales_l", "closing_l")
    } == {
        "opening_l": "0.000",
        "accepted_l": "1850.000",
        "dispatched_l": "1820.000",
        "local_sales_l": "0.000",
        "closing_l": "0.000",
    }
    assert (day["shrinkage_l"], day["shrinkage_pct"], day["amber"]) == ("30.000", "1.62", True)
    assert (day["transit_l"], day["transit_pct"]) == ("8.000", "0.44")
    # fat out: 1,820 L × 1.030 = 1,874.600 kg at 3.50 % = 65.611 kg; no delivery was tested
    assert (day["fat_in_kg"], day["fat_out_kg"]) == ("0.000", "65.611")

    dispatches = json.loads(ok(coop("dispatch", "list", "--json")))
    assert dispatches[0]["reception"]["amount"] == "3080.40"

    ok(coop("close", "2026-10"))
    margin = json.loads(
        ok(coop("report", "margin", "--from", "2026-10-05", "--to", "2026-10-05", "--json"))
    )
    assert margin == {
        "litres_bought": "1850.000",
        "litres_sold": "1812.000",
        "shrinkage_l": "30.000",
        "sales": "3080.40",
        "milk_cost": "2867.50",
        "expenses": "60.00",
        "margin": "152.90",
        "margin_per_l": "0.0844",
        "margin_pct": "4.96",
        "producer_share_pct": "93.09",
        "provisional": False,
        "litres_untested": "0.000",
    }


def test_the_sales_indicators(coop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(coop, tmp_path)
    ok(coop("close", "2026-10"))
    data = json.loads(
        ok(coop("report", "indicators", "--from", "2026-10-05", "--to", "2026-10-05", "--json"))
    )
    # 3,080.40 ÷ (1,812 × 1.030 = 1,866.360 kg) = 1.6505 per kg
    assert data["sales"] == {
        "producer_share_pct": "93.09",
        "buyer_price_per_kg": "1.6505",
        "shrinkage_pct": "1.62",
        "litres_sold": "1812.000",
        "provisional": False,
        "litres_untested": "0.000",
    }
