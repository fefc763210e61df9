"""How each indicator is named and written for people (Spanish and English), through the
one formatter (`coop_desktop.language.formatting`). The CLI, the PDF, the XLSX and the screen use
these, so a figure reads the same everywhere."""

from __future__ import annotations

from decimal import Decimal

from coop_desktop.core.i18n import N_, Later, _, in_language, language
from coop_desktop.core.numbers import D
from coop_desktop.domain.indicator_figures import (
    DENOMINATORS,
    QUALITY_KEYS,
    Change,
    Figures,
    Value,
)
from coop_desktop.domain.indicator_report import IndicatorReport, RangeFigures
from coop_desktop.domain.measures import MEASURES
from coop_desktop.language import formatting as fmt

LABELS: dict[str, str] = {
    "producers": N_("Productores que entregaron"),
    "producers_women": N_("  mujeres"),
    "producers_men": N_("  hombres"),
    "producers_new": N_("Productores nuevos (vs. línea base)"),
    "producers_lost": N_("Productores que dejaron de entregar"),
    "delivery_days": N_("Días de entrega (socio × día)"),
    "litres": N_("Litros entregados (aceptados)"),
    "kg": N_("Kilogramos entregados"),
    "litres_per_producer_day": N_("Litros por productor y día de entrega"),
    "litres_per_day": N_("Litros por día del rango"),
    "producers_untested": N_("Productores con leche sin análisis"),
    "litres_untested": N_("Litros sin análisis (aún sin precio)"),
    "kg_untested": N_("Kilogramos sin análisis"),
    "kg_priced": N_("Kilogramos con precio"),
    "producers_with_samples": N_("Productores con análisis"),
    "samples": N_("Muestras analizadas"),
    "avg_fat": N_("Grasa (promedio ponderado)"),
    "avg_protein": N_("Proteína (promedio ponderado)"),
    "avg_st": N_("Sólidos totales (promedio ponderado)"),
    "avg_ufc": N_("UFC/mL (promedio ponderado)"),
    "avg_scc": N_("Células somáticas/mL (promedio ponderado)"),
    "avg_price_per_kg": N_("Precio promedio pagado por kg"),
    "reference_price_per_kg": N_("Precio de referencia nacional por kg"),
    "price_vs_reference": N_("Diferencia con la referencia por kg"),
    "price_vs_reference_pct": N_("Diferencia con la referencia"),
    "quality_premium": N_("Bonificación sobre el precio base"),
    "quality_premium_per_kg": N_("Bonificación por kg"),
    "gross": N_("Valor bruto de la leche"),
    "net": N_("Neto pagado"),
    "gross_per_producer": N_("Valor bruto por productor"),
    "net_per_producer": N_("Neto por productor"),
    "litres_women": N_("Litros de mujeres"),
    "litres_men": N_("Litros de hombres"),
    "gross_women": N_("Valor bruto de mujeres"),
    "gross_men": N_("Valor bruto de hombres"),
    "net_women": N_("Neto pagado a mujeres"),
    "net_men": N_("Neto pagado a hombres"),
    "gross_per_producer_women": N_("Valor bruto por productora"),
    "gross_per_producer_men": N_("Valor bruto por productor (hombre)"),
    "net_per_producer_women": N_("Neto por productora"),
    "net_per_producer_men": N_("Neto por productor (hombre)"),
    "share_women_producers": N_("Mujeres: parte de los productores"),
    "share_women_litres": N_("Mujeres: parte de los litros"),
    "share_women_gross": N_("Mujeres: parte del valor bruto"),
    "share_women_net": N_("Mujeres: parte del neto pagado"),
    # selling the milk (the whole range: RangeFigures.sales)
    "producer_share_pct": N_("Participación del productor (leche de los socios ÷ ventas)"),
    "buyer_price_per_kg": N_("Precio de venta por kg"),
    "shrinkage_pct": N_("Merma del balance de leche"),
    "litres_sold": N_("Litros vendidos (medida del comprador)"),
}
# What each sales indicator is taken of (the PDF's and the sheet's "taken of" column).
SALES_BASIS: dict[str, str] = {
    "producer_share_pct": N_("las ventas del rango"),
    "buyer_price_per_kg": N_("los kg que midieron los compradores"),
    "shrinkage_pct": N_("lo que entró: stock inicial + acopio"),
    "litres_sold": "",
}

SHORT_NAMES = {
    "fat": N_("grasa"),
    "protein": N_("proteína"),
    "st": N_("ST"),
    "ufc": N_("UFC"),
    "scc": N_("CCS"),
}


def _reference(key: str, lang: str) -> str:
    """The NTP 202.001 reference as written on the labels: "≥ 3.2 %", "≤ 1,000,000"."""
    m = MEASURES[key]
    unit = " %" if m.unit == "%" else ""
    if m.ref_low is not None:
        return f"≥ {fmt.flexible(m.ref_low, 0, m.scale, lang)}{unit}"
    assert m.ref_high is not None
    return f"≤ {fmt.flexible(m.ref_high, 0, m.scale, lang)}{unit}"


# The quality figures' labels, put in words when shown (the reference reads the same in both
# languages: "≥ 3.2 %", "≤ 1,000,000").
MEASURED: dict[str, Later] = {}
for _key in QUALITY_KEYS:
    _name, _ref = Later(SHORT_NAMES[_key]), _reference(_key, "es")
    MEASURED[f"samples_with_{_key}"] = Later(N_("Muestras con {name} medida"), name=_name)
    MEASURED[f"producers_with_{_key}"] = Later(N_("Productores con {name} medida"), name=_name)
    MEASURED[f"share_samples_meeting_{_key}"] = Later(
        N_("Muestras con {name} {reference}"), name=_name, reference=_ref
    )
    MEASURED[f"share_producers_meeting_{_key}"] = Later(
        N_("Productores con {name} {reference}"), name=_name, reference=_ref
    )

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        N_("Productores"),
        ("producers", "producers_women", "producers_men", "producers_new", "producers_lost"),
    ),
    (
        N_("Cantidad"),
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
        N_("Calidad (NTP 202.001)"),
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
        N_("Precio"),
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
        N_("Ingresos"),
        ("gross", "net", "gross_per_producer", "net_per_producer"),
    ),
    (
        N_("Mujeres y hombres"),
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
SHORT: dict[str, str] = {
    "producers": N_("Prod."),
    "producers_women": N_("Mujeres"),
    "litres": N_("Litros"),
    "litres_per_producer_day": N_("L/prod./día"),
    "avg_st": N_("ST %"),
    "avg_ufc": N_("UFC/mL"),
    "share_producers_meeting_st": N_("Prod. ST en ref."),
    "avg_price_per_kg": N_("S/ por kg"),
    "quality_premium_per_kg": N_("Bonif. por kg"),
    "gross_per_producer": N_("Bruto por prod."),
    "net_per_producer": N_("Neto por prod."),
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


@in_language
def label(key: str, lang: str = "es") -> str:
    return str(MEASURED[key]) if key in MEASURED else _(LABELS[key])


@in_language
def short(key: str, lang: str = "es") -> str:
    return _(SHORT[key]).strip() if key in SHORT else label(key, lang).strip()


def basis(key: str, lang: str = "es") -> str:
    """What a sales indicator is taken of ("" when it needs no saying)."""
    text = SALES_BASIS.get(key, "")
    if not text:
        return ""
    with language(lang):
        return _(text)


def section_title(title: str, lang: str = "es") -> str:
    with language(lang):
        return _(title)


def keys_labelled() -> set[str]:
    """Every figure with a label."""
    return set(LABELS) | set(MEASURED)


def shown(key: str, value: Value, lang: str = "es", *, signed: bool = False) -> str:
    """A figure as people read it: "105,195.1 L", "S/ 1.2595", "62.50 %", "—" when none."""
    if value is None:
        return "—"
    k = kind(key)
    number = D(value)
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
        diff = fmt.number(D(change.absolute), 2, lang)
        diff = ("+" + diff if change.absolute > 0 else diff) + (_(" p.p."))
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


@in_language
def range_text(r: RangeFigures, lang: str) -> str:
    """ "Del 01/01/2025 al 31/12/2025" (and what was asked, when widened to whole periods)."""
    text = _("Del {a} al {b}").format(a=fmt.day(r.start, lang), b=fmt.day(r.end, lang))
    if r.widened:
        text += _(" (periodos completos; se pidió {a} – {b})").format(
            a=fmt.day(r.requested_start, lang), b=fmt.day(r.requested_end, lang)
        )
    return text


@in_language
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
            return _(
                "Todas las cifras son de periodos cerrados (lo que se pagó); los "
                "periodos abiertos del rango no tienen leche."
            )
        return _("Todas las cifras son de periodos cerrados: lo que se pagó.")
    names = list(dict.fromkeys(open_periods))
    if len(names) == 1:
        return _(
            "PROVISIONAL: {p} sigue abierto; sus cifras son la vista previa del cierre."
        ).format(p=names[0])
    return _("PROVISIONAL: {p} siguen abiertos; sus cifras son la vista previa del cierre.").format(
        p=", ".join(names)
    )


@in_language
def sales_note(report: IndicatorReport, lang: str) -> str:
    """Under the sales indicators: provisional, and the members' litres not priced yet."""
    sales = report.current.sales
    if sales is None:
        return ""
    parts = []
    if sales.provisional:
        parts.append(_("Provisional: hay periodos abiertos o despachos sin recepción."))
    if sales.litres_untested:
        parts.append(
            _(
                "{q} de los socios sin análisis: aún sin precio, no cuentan en la "
                "leche de los socios."
            ).format(q=quantity(sales.litres_untested, "L", lang))
        )
    return " ".join(parts)
