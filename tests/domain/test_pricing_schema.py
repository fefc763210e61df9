"""Scheme validation: every problem, named by its path; presets are all valid."""

import json
from typing import Any

import pytest

from coop_desktop.core.errors import ValidationErrors
from coop_desktop.core.resources import resource_path
from coop_desktop.domain.pricing import schema

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
        "density": "scheme_too_large",
        "components[2].measure": "scheme_unknown_measure",
        "components[2].reference": "scheme_required",
        "components[2].bonus": "scheme_negative",
        "components[3].rate": "scheme_negative",
        "components[4].type": "scheme_bad_type",
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
        "basis.max_age_days": "scheme_required"
    }
    assert problems(base_scheme(basis={"kind": "latest", "max_age_days": 0})) == {
        "basis.max_age_days": "scheme_out_of_range"
    }
    assert problems(base_scheme(basis={"kind": "period_average", "max_age_days": 5})) == {
        "basis.max_age_days": "scheme_only_for"
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
    assert err.value.errors[0].field == "components[1].bands[1].low"  # for the editor
    assert "Componente 2, banda 2, desde: hay un hueco entre 100000 y 150000" in (
        err.value.render("es")
    )
    assert "Component 2, band 2, from: there is a gap" in err.value.render("en")
    data["components"][1]["label"] = "Higiene"
    with pytest.raises(ValidationErrors) as err:
        schema.parse(data)
    assert "Componente 2 «Higiene», banda 2, desde" in err.value.render("es")


def test_unknown_keys_are_refused_with_a_suggestion() -> None:
    data = base_scheme(clamps={"min": "1"})
    data["components"].append(
        {"type": "steps", "measure": "st", "reference": "11.4", "step": "0.1", "bonsu": "0.01"}
    )
    assert problems(data) == {
        "clamps": "scheme_unknown_key",
        "components[2].bonsu": "scheme_unknown_key",
    }
    with pytest.raises(ValidationErrors) as err:
        schema.parse(data)
    assert "Componente 3, «bonsu»: este dato no existe en un esquema (¿quiso decir «bonus»?)" in (
        err.value.render("es")
    )
    assert "(did you mean «clamp»?)" in err.value.render("en")


@pytest.mark.parametrize(
    ("rate", "code"),
    [
        ("1e400", "scheme_not_number"),  # exponents are not written numbers
        ("NaN", "scheme_not_number"),
        ("Infinity", "scheme_not_number"),
        ("1,500", "ambiguous_number"),  # typed text: the one number rule, both readings
        ("1.1234567", "scheme_too_many_places"),
        ("99999999", "scheme_too_large"),
        (True, "scheme_not_number"),
    ],
)
def test_numbers_out_of_range_or_badly_written_are_refused(rate: object, code: str) -> None:
    data = base_scheme()
    data["components"][0]["rate"] = rate
    assert problems(data) == {"components[0].rate": code}


def test_json_numbers_are_read_exactly_and_bounded() -> None:
    text = json.dumps(base_scheme()).replace('"1.20"', "1e400")
    with pytest.raises(ValidationErrors) as err:
        schema.loads(text)
    assert err.value.errors[0].code == "scheme_too_large"
    text = json.dumps(base_scheme()).replace('"1.20"', "NaN")
    with pytest.raises(ValidationErrors) as err:
        schema.loads(text)
    assert err.value.errors[0].code == "scheme_not_number"


def test_values_keep_their_measures_precision_and_tables_stay_consistent() -> None:
    data = base_scheme()
    data["components"][1]["bands"][1]["low"] = "100000.5"  # UFC are whole numbers
    data["components"][1]["bands"][0]["high"] = "100000.5"
    assert problems(data) == {
        "components[1].bands[1].low": "scheme_too_many_places",
        "components[1].bands[0].high": "scheme_too_many_places",
    }
    chart = {
        "type": "chart",
        "rows": {"measure": "fat", "edges": ["3", "4"]},
        "cols": {"measure": "fat", "edges": ["8", "9"]},
        "rates": [["1.2", "1.3"]],
    }
    assert problems(base_scheme(components=[chart])) == {
        "components[0].cols.measure": "scheme_chart_same_measure",
        "components[0].rates[0]": "scheme_chart_shape",
    }
    assert problems(base_scheme(density="1.03275")) == {"density": "scheme_too_many_places"}


def test_bad_json_and_floats_are_read_exactly() -> None:
    with pytest.raises(ValidationErrors) as err:
        schema.loads("{nope")
    assert err.value.errors[0].code == "scheme_bad_json"
    parsed, _ = schema.loads(json.dumps(base_scheme()).replace('"1.20"', "1.1"))
    assert str(parsed.components[0].rate) == "1.1"  # type: ignore[attr-defined]


def test_a_key_written_twice_is_refused() -> None:
    text = (
        '{"name": "x", "title": "x", "currency": "PEN", "unit": "kg", "components": '
        '[{"type": "base", "label": "Precio base", "rate": 1.20, "rate": 1.50}]}'
    )
    with pytest.raises(ValidationErrors) as err:
        schema.loads(text)
    [problem] = err.value.errors
    assert problem.code == "scheme_duplicate_key" and "«rate» dos veces" in problem.render("es")
