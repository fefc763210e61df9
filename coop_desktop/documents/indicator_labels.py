"""How each indicator is named and written for people (Spanish and English), through the
one formatter (`coop_desktop.formatting`). The CLI, the PDF, the XLSX and the screen use
these, so a figure reads the same everywhere."""

from __future__ import annotations

from decimal import Decimal

from coop_desktop import formatting as fmt
from coop_desktop.documents.layout import tr
from coop_desktop.domain.indicator_figures import (
    DENOMINATORS,
    QUALITY_KEYS,
    Change,
    Figures,
    Value,
)
from coop_desktop.domain.indicator_report import IndicatorReport, RangeFigures
from coop_desktop.domain.measures import MEASURES

LABELS: dict[str, tuple[str, str]] = {
    "producers": ("Productores que entregaron", "Producers who delivered"),
    "producers_women": ("  mujeres", "  women"),
    "producers_men": ("  hombres", "  men"),
    "producers_new": ("Productores nuevos (vs. línea base)", "New producers (vs. baseline)"),
    "producers_lost": ("Productores que dejaron de entregar", "Producers who stopped delivering"),
    "delivery_days": ("Días de entrega (socio × día)", "Delivery days (producer × day)"),
    "litres": ("Litros entregados (aceptados)", "Litres delivered (accepted)"),
    "kg": ("Kilogramos entregados", "Kilograms delivered"),
    "litres_per_producer_day": (
        "Litros por productor y día de entrega",
        "Litres per producer per delivery day",
    ),
    "litres_per_day": ("Litros por día del rango", "Litres per day of the range"),
    "producers_untested": (
        "Productores con leche sin análisis",
        "Producers with milk without tests",
    ),
    "litres_untested": (
        "Litros sin análisis (aún sin precio)",
        "Litres without tests (not priced yet)",
    ),
    "kg_untested": ("Kilogramos sin análisis", "Kilograms without tests"),
    "kg_priced": ("Kilogramos con precio", "Kilograms priced"),
    "producers_with_samples": ("Productores con análisis", "Producers with tests"),
    "samples": ("Muestras analizadas", "Samples tested"),
    "avg_fat": ("Grasa (promedio ponderado)", "Fat (volume-weighted)"),
    "avg_protein": ("Proteína (promedio ponderado)", "Protein (volume-weighted)"),
    "avg_st": ("Sólidos totales (promedio ponderado)", "Total solids (volume-weighted)"),
    "avg_ufc": ("UFC/mL (promedio ponderado)", "Bacteria UFC/mL (volume-weighted)"),
    "avg_scc": ("Células somáticas/mL (promedio ponderado)", "Somatic cells/mL (volume-weighted)"),
    "avg_price_per_kg": ("Precio promedio pagado por kg", "Average price paid per kg"),
    "reference_price_per_kg": ("Precio de referencia nacional por kg", "National reference per kg"),
    "price_vs_reference": (
        "Diferencia con la referencia por kg",
        "Difference from reference per kg",
    ),
    "price_vs_reference_pct": ("Diferencia con la referencia", "Difference from reference"),
    "quality_premium": ("Bonificación sobre el precio base", "Premium over the base price"),
    "quality_premium_per_kg": ("Bonificación por kg", "Premium per kg"),
    "gross": ("Valor bruto de la leche", "Gross milk value"),
    "net": ("Neto pagado", "Net paid"),
    "gross_per_producer": ("Valor bruto por productor", "Gross value per producer"),
    "net_per_producer": ("Neto por productor", "Net per producer"),
    "litres_women": ("Litros de mujeres", "Litres from women"),
    "litres_men": ("Litros de hombres", "Litres from men"),
    "gross_women": ("Valor bruto de mujeres", "Gross value, women"),
    "gross_men": ("Valor bruto de hombres", "Gross value, men"),
    "net_women": ("Neto pagado a mujeres", "Net paid to women"),
    "net_men": ("Neto pagado a hombres", "Net paid to men"),
    "gross_per_producer_women": ("Valor bruto por productora", "Gross value per woman"),
    "gross_per_producer_men": ("Valor bruto por productor (hombre)", "Gross value per man"),
    "net_per_producer_women": ("Neto por productora", "Net per woman"),
    "net_per_producer_men": ("Neto por productor (hombre)", "Net per man"),
    "share_women_producers": ("Mujeres: parte de los productores", "Women: share of producers"),
    "share_women_litres": ("Mujeres: parte de los litros", "Women: share of litres"),
    "share_women_gross": ("Mujeres: parte del valor bruto", "Women: share of gross value"),
    "share_women_net": ("Mujeres: parte del neto pagado", "Women: share of net paid"),
    # selling the milk (the whole range: RangeFigures.sales)
    "producer_share_pct": (
        "Participación del productor (leche de los socios ÷ ventas)",
        "Producers' share (members' milk ÷ sales)",
    ),
    "buyer_price_per_kg": ("Precio de venta por kg", "Sale price per kg"),
    "shrinkage_pct": ("Merma del balance de leche", "Shrinkage of the milk balance"),
    "litres_sold": ("Litros vendidos (medida del comprador)", "Litres sold (buyer's measure)"),
}
# What each sales indicator is taken of (the PDF's and the sheet's "taken of" column).
SALES_BASIS: dict[str, tuple[str, str]] = {
    "producer_share_pct": ("las ventas del rango", "the range's sales"),
    "buyer_price_per_kg": ("los kg que midieron los compradores", "the kg the buyers measured"),
    "shrinkage_pct": ("lo que entró: stock inicial + acopio", "what came in: opening + intake"),
    "litres_sold": ("", ""),
}

SHORT_NAMES = {
    "fat": ("grasa", "fat"),
    "protein": ("proteína", "protein"),
    "st": ("ST", "TS"),
    "ufc": ("UFC", "UFC"),
    "scc": ("CCS", "SCC"),
}


def _reference(key: str, lang: str) -> str:
    """The NTP 202.001 reference as written on the labels: "≥ 3.2 %", "≤ 1,000,000"."""
    m = MEASURES[key]
    unit = " %" if m.unit == "%" else ""
    if m.ref_low is not None:
        return f"≥ {fmt.flexible(m.ref_low, 0, m.scale, lang)}{unit}"
    assert m.ref_high is not None
    return f"≤ {fmt.flexible(m.ref_high, 0, m.scale, lang)}{unit}"


for _key in QUALITY_KEYS:
    _es, _en = SHORT_NAMES[_key]
    LABELS[f"samples_with_{_key}"] = (f"Muestras con {_es} medida", f"Samples with {_en} measured")
    LABELS[f"producers_with_{_key}"] = (
        f"Productores con {_es} medida",
        f"Producers with {_en} measured",
    )
    LABELS[f"share_samples_meeting_{_key}"] = (
        f"Muestras con {_es} {_reference(_key, 'es')}",
        f"Samples with {_en} {_reference(_key, 'en')}",
    )
    LABELS[f"share_producers_meeting_{_key}"] = (
        f"Productores con {_es} {_reference(_key, 'es')}",
        f"Producers with {_en} {_reference(_key, 'en')}",
    )

SECTIONS: tuple[tuple[tuple[str, str], tuple[str, ...]], ...] = (
    (
        ("Productores", "Producers"),
        ("producers", "producers_women", "producers_men", "producers_new", "producers_lost"),
    ),
    (
        ("Cantidad", "Quantity"),
        (
            "litres",
            "kg",
            "delivery_days",
            "litres_per_producer_day",
            "litres_per_day",
            "producers_untested",
            "litres_untested",
            "kg_untested",
            "kg_priced",
        ),
    ),
    (
        ("Calidad (NTP 202.001)", "Quality (NTP 202.001)"),
        (
            "samples",
            "producers_with_samples",
            "avg_fat",
            "avg_protein",
            "avg_st",
            "avg_ufc",
            "avg_scc",
            *(f"samples_with_{k}" for k in QUALITY_KEYS),
            *(f"producers_with_{k}" for k in QUALITY_KEYS),
            "share_samples_meeting_fat",
            "share_samples_meeting_protein",
            "share_samples_meeting_st",
            "share_samples_meeting_ufc",
            "share_samples_meeting_scc",
            "share_producers_meeting_fat",
            "share_producers_meeting_protein",
            "share_producers_meeting_st",
            "share_producers_meeting_ufc",
            "share_producers_meeting_scc",
        ),
    ),
    (
        ("Precio", "Price"),
        (
            "avg_price_per_kg",
            "reference_price_per_kg",
            "price_vs_reference",
            "price_vs_reference_pct",
            "quality_premium",
            "quality_premium_per_kg",
        ),
    ),
    (
        ("Ingresos", "Income"),
        ("gross", "net", "gross_per_producer", "net_per_producer"),
    ),
    (
        ("Mujeres y hombres", "Women and men"),
        (
            "share_women_producers",
            "share_women_litres",
            "share_women_gross",
            "share_women_net",
            "litres_women",
            "litres_men",
            "gross_women",
            "gross_men",
            "net_women",
            "net_men",
            "gross_per_producer_women",
            "gross_per_producer_men",
            "net_per_producer_women",
            "net_per_producer_men",
        ),
    ),
)
# The columns of a table of groups (one row per group).
GROUP_COLUMNS = (
    "producers",
    "producers_women",
    "litres",
    "litres_per_producer_day",
    "avg_st",
    "avg_ufc",
    "share_producers_meeting_st",
    "avg_price_per_kg",
    "quality_premium_per_kg",
    "gross_per_producer",
    "net_per_producer",
)
SHORT: dict[str, tuple[str, str]] = {
    "producers": ("Prod.", "Prod."),
    "producers_women": ("Mujeres", "Women"),
    "litres": ("Litros", "Litres"),
    "litres_per_producer_day": ("L/prod./día", "L/prod./day"),
    "avg_st": ("ST %", "TS %"),
    "avg_ufc": ("UFC/mL", "UFC/mL"),
    "share_producers_meeting_st": ("Prod. ST en ref.", "Prod. TS in ref."),
    "avg_price_per_kg": ("S/ por kg", "S/ per kg"),
    "quality_premium_per_kg": ("Bonif. por kg", "Prem. per kg"),
    "gross_per_producer": ("Bruto por prod.", "Gross per prod."),
    "net_per_producer": ("Neto por prod.", "Net per prod."),
}


def kind(key: str) -> str:
    """How a figure is written: count | litres | kg | percent | per_ml | price | money."""
    if key.startswith("share_") or key in ("avg_fat", "avg_protein", "avg_st"):
        return "percent"
    if key.endswith("_pct"):
        return "percent"
    if key in ("avg_ufc", "avg_scc"):
        return "per_ml"
    if key.startswith("litres"):
        return "litres"
    if key == "kg" or key.startswith("kg_"):
        return "kg"
    if key.endswith("_per_kg") or key == "price_vs_reference":
        return "price"
    if key.startswith(("gross", "net", "quality_premium")):
        return "money"
    return "count"


def label(key: str, lang: str = "es") -> str:
    return LABELS[key][1 if lang == "en" else 0]


def short(key: str, lang: str = "es") -> str:
    return SHORT.get(key, LABELS[key])[1 if lang == "en" else 0].strip()


def shown(key: str, value: Value, lang: str = "es", *, signed: bool = False) -> str:
    """A figure as people read it: "105,195.1 L", "S/ 1.2595", "62.50 %", "—" when none."""
    if value is None:
        return "—"
    k = kind(key)
    number = Decimal(value)
    if k == "percent":
        text = fmt.percent(number, 2, lang)
    elif k in ("litres", "kg"):
        text = quantity(number, "L" if k == "litres" else "kg", lang)
    elif k == "price":
        text = _price(number, lang)
    elif k == "money":
        text = fmt.money(number, lang)
    else:
        text = fmt.count(number, lang)
    if signed and number > 0:
        return "+" + text
    return text


def quantity(value: Decimal, unit: str | None = None, lang: str = "es") -> str:
    """Litres and kilograms in one format, to the millilitre or gram: "112.000 L",
    "138.450 kg" (a figure of the report is rounded to three places)."""
    text = fmt.number(value, 3, lang)
    return f"{text} {fmt.unit_label(unit, lang)}" if unit else text


def denominator(key: str, figures: Figures, lang: str = "es") -> str:
    """What a share or a ratio is taken of, with its value: "1 — Productores con proteína
    medida"; "" for a figure that is no share."""
    of = DENOMINATORS.get(key)
    if of is None:
        return ""
    return f"{shown(of, figures[of], lang)} — {label(of, lang).strip()}"


def _price(value: Decimal, lang: str) -> str:
    """A price per kg to the 1/10000 sol, as stored unit prices are: "S/ 1.2440"."""
    sign = fmt.MINUS if value < 0 else ""
    return f"{sign}S/ {fmt.number(abs(value), 4, lang)}"


def shown_change(key: str, change: Change | None, lang: str = "es") -> tuple[str, str]:
    """(difference, relative change) as people read them: ("+1,250.5 L", "+12.40 %");
    the difference of a percentage is in percentage points ("+3.50 p.p.")."""
    if change is None or change.absolute is None:
        return "—", "—"
    if kind(key) == "percent":
        diff = fmt.number(Decimal(change.absolute), 2, lang)
        diff = ("+" + diff if change.absolute > 0 else diff) + (" pp" if lang == "en" else " p.p.")
    else:
        diff = shown(key, change.absolute, lang, signed=True)
    if change.percent is None:
        return diff, "—"
    pct = fmt.percent(change.percent, 2, lang)
    return diff, ("+" + pct if change.percent > 0 else pct)


def brief_change(key: str, change: Change | None, lang: str) -> str:
    """One short change for a crowded cell: points for a percentage, else the relative
    change, else the difference."""
    diff, pct = shown_change(key, change, lang)
    if kind(key) == "percent" or pct == "—":
        return diff
    return pct


def range_text(r: RangeFigures, lang: str) -> str:
    """ "Del 01/01/2025 al 31/12/2025" (and what was asked, when widened to whole periods)."""
    text = tr(lang, "Del {a} al {b}", "From {a} to {b}").format(
        a=fmt.day(r.start, lang), b=fmt.day(r.end, lang)
    )
    if r.widened:
        text += tr(
            lang,
            " (periodos completos; se pidió {a} – {b})",
            " (whole periods; {a} – {b} was asked)",
        ).format(a=fmt.day(r.requested_start, lang), b=fmt.day(r.requested_end, lang))
    return text


def provisional_text(report: IndicatorReport, lang: str) -> str:
    open_periods = [
        fmt.period(pr.code, lang)
        for r in (report.current, report.baseline)
        if r is not None
        for pr in r.periods
        if pr.provisional
    ]
    if not open_periods:
        empty = any(
            pr.open for r in (report.current, report.baseline) if r is not None for pr in r.periods
        )
        if empty:
            return tr(
                lang,
                "Todas las cifras son de periodos cerrados (lo que se pagó); los periodos "
                "abiertos del rango no tienen leche.",
                "Every figure comes from closed periods (what was paid); the open periods of "
                "the range hold no milk.",
            )
        return tr(
            lang,
            "Todas las cifras son de periodos cerrados: lo que se pagó.",
            "Every figure comes from closed periods: what was paid.",
        )
    names = list(dict.fromkeys(open_periods))
    if len(names) == 1:
        return tr(
            lang,
            "PROVISIONAL: {p} sigue abierto; sus cifras son la vista previa del cierre.",
            "PROVISIONAL: {p} is still open; its figures are the close preview.",
        ).format(p=names[0])
    return tr(
        lang,
        "PROVISIONAL: {p} siguen abiertos; sus cifras son la vista previa del cierre.",
        "PROVISIONAL: {p} are still open; their figures are the close preview.",
    ).format(p=", ".join(names))


def sales_note(report: IndicatorReport, lang: str) -> str:
    """Under the sales indicators: provisional, and the members' litres not priced yet."""
    sales = report.current.sales
    if sales is None:
        return ""
    parts = []
    if sales.provisional:
        parts.append(
            tr(
                lang,
                "Provisional: hay periodos abiertos o despachos sin recepción.",
                "Provisional: open periods or dispatches not yet received.",
            )
        )
    if sales.litres_untested:
        parts.append(
            tr(
                lang,
                "{q} de los socios sin análisis: aún sin precio, no cuentan en la leche de los "
                "socios.",
                "{q} of the members' milk without tests: not priced yet, left out of the "
                "members' milk.",
            ).format(q=quantity(sales.litres_untested, "L", lang))
        )
    return " ".join(parts)
