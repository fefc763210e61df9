"""Words and figures the sales documents, the CLI and the screens share: the margin's lines
and the balance's columns, in Spanish or English."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coop_desktop.documents.layout import tr
from coop_desktop.language import formatting as fmt

BALANCE_COLUMNS = (
    ("opening_l", "Inicial L", "Opening L"),
    ("accepted_l", "Acopio L", "Collected L"),
    ("dispatched_l", "Despacho L", "Dispatched L"),
    ("local_sales_l", "Venta local L", "Local sales L"),
    ("closing_l", "Final L", "Closing L"),
    ("shrinkage_l", "Merma L", "Shrinkage L"),
    ("shrinkage_pct", "Merma %", "Shrinkage %"),
    ("transit_l", "Tránsito L", "Transit L"),
    ("fat_in_kg", "Grasa entra kg", "Fat in kg"),
    ("fat_out_kg", "Grasa sale kg", "Fat out kg"),
    ("fat_loss_kg", "Grasa perdida kg", "Fat lost kg"),
    ("solids_in_kg", "ST entra kg", "Solids in kg"),
    ("solids_out_kg", "ST sale kg", "Solids out kg"),
)


def balance_cell(key: str, value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if key.endswith("_pct"):
        return fmt.percent(value, 2, lang)
    return fmt.quantity(value, None, lang)


def margin_lines(m: Any, lang: str = "es") -> list[tuple[str, str]]:
    def pct(value: Decimal | None) -> str:
        return "—" if value is None else fmt.percent(value, 2, lang)

    per_l = (
        "—"
        if m.margin_per_l is None
        else fmt.money(m.margin_per_l, lang).replace(
            fmt.amount(m.margin_per_l, lang), fmt.unit_price(m.margin_per_l, lang)
        )
    )
    return [
        (
            tr(lang, "Litros comprados a los socios", "Litres bought from members"),
            fmt.quantity(m.litres_bought, "L", lang),
        ),
        (tr(lang, "Litros vendidos", "Litres sold"), fmt.quantity(m.litres_sold, "L", lang)),
        (tr(lang, "Merma", "Shrinkage"), fmt.quantity(m.shrinkage_l, "L", lang)),
        (tr(lang, "Ventas", "Sales"), fmt.money(m.sales, lang)),
        (tr(lang, "Leche de los socios", "Members' milk"), fmt.money(m.milk_cost, lang)),
        (tr(lang, "Gastos del acopio", "Collection expenses"), fmt.money(m.expenses, lang)),
        (tr(lang, "Margen", "Margin"), fmt.money(m.margin, lang)),
        (tr(lang, "Margen por litro vendido", "Margin per litre sold"), per_l),
        (tr(lang, "Margen sobre ventas", "Margin on sales"), pct(m.margin_pct)),
        (tr(lang, "Participación del productor", "Producers' share"), pct(m.producer_share_pct)),
    ]
