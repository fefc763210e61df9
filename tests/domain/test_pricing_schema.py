"""Scheme validation: every problem, named by its path; presets are all valid."""

import json
from typing import Any

import pytest

from coop_desktop.domain.pricing import schema
from coop_desktop.errors import ValidationErrors
from coop_desktop.resources import resource_path

UFC_BANDS = [
    {"low": "0", "high": "100000", "amount": "0.03"},
    {"low": "100000", "high": "300000", "amount": "0.01"},
    {"low": "300000", "high": None, "amount": "0"},
]


def problems(data: Any) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as err:
        schema.parse(data)
    return {e.field or "": e.code for e in err.value.errors}


def base_scheme(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "x",
        "unit": "kg",
        "components": [
            {"type": "base", "rate": "1.20"},
            {"type": "bands", "measure": "ufc", "bands": json.loads(json.dumps(UFC_BANDS))},
        ],
    }
    data.update(changes)
    return data


def test_every_preset_is_valid() -> None:
    names = sorted(p.stem for p in resource_path("schemes").glob("*.json"))
    assert names == [
        "colombia-quality",
        "india-fat-snf-chart",
        "india-two-rate",
        "ireland-abc",
        "peru-additive",
        "us-component",
    ]
    for name in names:
        scheme, _ = schema.loads(resource_path(f"schemes/{name}.json").read_text("utf-8"))
        assert scheme.name == name


def test_gap_and_overlap_are_named_by_path() -> None:
    data = base_scheme()
    data["components"][1]["bands"][1]["low"] = "150000"
    assert problems(data) == {"components[1].bands[1].low": "scheme_band_gap"}
    data["components"][1]["bands"][1]["low"] = "90000"
    assert problems(data) == {"components[1].bands[1].low": "scheme_band_overlap"}


def test_many_problems_at_once() -> None:
    data = base_scheme(unit="arroba", density="2")
    data["components"].append(
        {"type": "steps", "measure": "lactose", "step": "0.1", "bonus": "-0.01"}
    )
    data["components"].append({"type": "component", "measure": "fat", "rate": "-20"})
    data["components"].append({"type": "mystery"})
    found = problems(data)
    assert found == {
        "unit": "scheme_bad_choice",
        "density": "out_of_range",
        "components[2].measure": "scheme_unknown_measure",
        "components[2].reference": "scheme_required",
        "components[2].bonus": "scheme_negative",
        "components[3].rate": "scheme_negative",
        "components[4].type": "scheme_bad_choice",
    }


def test_chart_with_a_hole() -> None:
    data = base_scheme(
        components=[
            {
                "type": "chart",
                "rows": {"measure": "fat", "edges": ["3", "4", "5"]},
                "cols": {"measure": "snf", "edges": ["8", "9"]},
                "rates": [["1.2"], [None]],
            }
        ]
    )
    assert problems(data) == {"components[0].rates[1][0]": "scheme_chart_hole"}


def test_rolling_weights_and_latest_days() -> None:
    assert problems(base_scheme(basis={"kind": "rolling", "weights": ["0.6", "0.3"]})) == {
        "basis.weights": "scheme_weights_sum"
    }
    assert problems(base_scheme(basis={"kind": "latest"})) == {
        "basis.max_age_days": "scheme_not_positive"
    }


def test_rejection_rules_need_a_condition() -> None:
    assert problems(base_scheme(rejections=[{"measure": "added_water", "reason": "Agua"}])) == {
        "rejections[0].above": "scheme_rejection_rule"
    }


def test_messages_name_the_path_in_both_languages() -> None:
    data = base_scheme()
    data["components"][1]["bands"][1]["low"] = "150000"
    with pytest.raises(ValidationErrors) as err:
        schema.parse(data)
    assert "components[1].bands[1].low: hay un hueco entre 100000 y 150000" in (
        err.value.render("es")
    )
    assert "there is a gap" in err.value.render("en")


def test_bad_json_and_floats_are_read_exactly() -> None:
    with pytest.raises(ValidationErrors) as err:
        schema.loads("{nope")
    assert err.value.errors[0].code == "scheme_bad_json"
    parsed, _ = schema.loads(json.dumps(base_scheme()).replace('"1.20"', "1.1"))
    assert str(parsed.components[0].rate) == "1.1"  # type: ignore[attr-defined]
