"""Small builders for pricing tests."""

from decimal import Decimal
from typing import Any

from coop_desktop.core.resources import resource_path
from coop_desktop.domain.pricing import schema
from coop_desktop.domain.pricing.pricer import Pricer


def scheme(components: list[dict[str, Any]], **top: Any) -> Pricer:
    data = {
        "name": "test",
        "currency": "PEN",
        "unit": "kg",
        "density": "1.032",
        "components": components,
        **top,
    }
    return Pricer(schema.parse(data))


def preset(name: str) -> Pricer:
    return Pricer(schema.loads(resource_path(f"schemes/{name}.json").read_text("utf-8"))[0])


def q(**values: str | bool) -> dict[str, Decimal | bool]:
    return {k: v if isinstance(v, bool) else Decimal(v) for k, v in values.items()}
