"""Words and figures the sales documents, the CLI and the screens share: the margin's lines
and the balance's columns, in Spanish or English."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coop_desktop.core.i18n import N_, _, in_language
from coop_desktop.language import formatting as fmt

BALANCE_COLUMNS = (
    ("opening_l", N_("Inicial L")),
    ("accepted_l", N_("Acopio L")),
    ("dispatched_l", N_("Despacho L")),
    ("local_sales_l", N_("Venta local L")),
    ("closing_l", N_("Final L")),
    ("shrinkage_l", N_("Merma L")),
    ("shrinkage_pct", N_("Merma %")),
    ("transit_l", N_("Tránsito L")),
    ("fat_in_kg", N_("Grasa entra kg")),
    ("fat_out_kg", N_("Grasa sale kg")),
    ("fat_loss_kg", N_("Grasa perdida kg")),
    ("solids_in_kg", N_("ST entra kg")),
    ("solids_out_kg", N_("ST sale kg")),
)
# The tank's stock in fat and total solids, and the solids lost: in the spreadsheet and the
# JSON (the printed page keeps the columns; its note says the stock is counted).
STOCK_COLUMNS = (
    ("opening_fat_kg", N_("Grasa inicial kg")),
    ("closing_fat_kg", N_("Grasa final kg")),
    ("opening_solids_kg", N_("ST inicial kg")),
    ("closing_solids_kg", N_("ST final kg")),
    ("solids_loss_kg", N_("ST perdido kg")),
)


def balance_cell(key: str, value: Any, lang: str) -> str:
    if value is None:
        return "—"
    if key.endswith("_pct"):
        return fmt.percent(value, 2, lang)
    return fmt.quantity(value, None, lang)


@in_language
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
    lines = [
        (
            _("Litros comprados a los socios"),
            fmt.quantity(m.litres_bought, "L", lang),
        ),
        (_("Litros vendidos"), fmt.quantity(m.litres_sold, "L", lang)),
        (_("Merma"), fmt.quantity(m.shrinkage_l, "L", lang)),
        (_("Ventas"), fmt.money(m.sales, lang)),
        (_("Leche de los socios"), fmt.money(m.milk_cost, lang)),
        (_("Gastos del acopio"), fmt.money(m.expenses, lang)),
        (_("Margen"), fmt.money(m.margin, lang)),
        (_("Margen por litro vendido"), per_l),
        (_("Margen sobre ventas"), pct(m.margin_pct)),
        (_("Participación del productor"), pct(m.producer_share_pct)),
    ]
    if m.litres_untested:
        lines.append(
            (
                _("Leche sin análisis (sin precio)"),
                fmt.quantity(m.litres_untested, "L", lang),
            )
        )
    return lines


@in_language
def untested_note(m: Any, lang: str = "es") -> str:
    """Said wherever the margin is shown: the members' litres left unpriced."""
    if not m.litres_untested:
        return ""
    return _(
        "{q} de los socios no tienen aún los análisis que pide su esquema: no "
        "están valorizados en la leche de los socios (no cuentan como S/ "
        "0.00); el margen es provisional."
    ).format(q=fmt.quantity(m.litres_untested, "L", lang))
