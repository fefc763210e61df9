"""Words and figures the sales documents, the CLI and the screens share: the margin's lines
and the balance's columns, in Spanish or English."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coop_desktop import formatting as fmt
from coop_desktop.documents.layout import tr

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
# The tank's stock in fat and total solids, and the solids lost: in the spreadsheet and the
# JSON (the printed page keeps the columns; its note says the stock is counted).
STOCK_COLUMNS = (
    ("opening_fat_kg", "Grasa inicial kg", "Opening fat kg"),
    ("closing_fat_kg", "Grasa final kg", "Closing fat kg"),
    ("opening_solids_kg", "ST inicial kg", "Opening solids kg"),
    ("closing_solids_kg", "ST final kg", "Closing solids kg"),
    ("solids_loss_kg", "ST perdido kg", "Solids lost kg"),
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
    lines = [
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
    if m.litres_untested:
        lines.append(
            (
                tr(lang, "Leche sin análisis (sin precio)", "Milk without tests (no price)"),
                fmt.quantity(m.litres_untested, "L", lang),
            )
        )
    return lines


def untested_note(m: Any, lang: str = "es") -> str:
    """Said wherever the margin is shown: the members' litres left unpriced."""
    if not m.litres_untested:
        return ""
    return tr(
        lang,
        "{q} de los socios no tienen aún los análisis que pide su esquema: no están "
        "valorizados en la leche de los socios (no cuentan como S/ 0.00); el margen es "
        "provisional.",
        "{q} of the members' milk still lack the tests its scheme needs: they are not valued "
        "in the members' milk (not counted as S/ 0.00); the margin is provisional.",
    ).format(q=fmt.quantity(m.litres_untested, "L", lang))
