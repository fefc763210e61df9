"""Parts of a statement that explain the money: the quality of each delivery in a few words,
the period's quality against the references and the previous period, what each price
factor added, and the tips from the engine (`advice.tips`) in a sentence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal

from coop_desktop.core.i18n import N_, _, in_language, language
from coop_desktop.core.messages import measure_name, measure_short, measure_unit
from coop_desktop.core.numbers import CENT, ONE, ZERO, ZERO_MONEY, quantize
from coop_desktop.documents.content import Amount, QualityRow
from coop_desktop.domain.measures import MEASURES, out_of_reference
from coop_desktop.domain.pricing.advice import Tip
from coop_desktop.domain.pricing.period import MemberPeriod, MilkLine
from coop_desktop.domain.pricing.pricer import MissingQuality
from coop_desktop.language import formatting as fmt

ROUNDING = N_("Redondeo (el pago se redondea por línea de precio)")


def shown(key: str, value: Decimal, lang: str = "es") -> str:
    """A measure as printed: grouped counts (250,000), percentages with their places."""
    scale = MEASURES[key].scale
    return fmt.count(value, lang) if scale == 0 else fmt.number(value, scale, lang)


@in_language
def quality_text(measures: Mapping[str, Decimal | bool], keys: Sequence[str], lang: str) -> str:
    """One line per delivery: "ST 12.13 % · UFC 118,280"."""
    parts = []
    for key in keys:
        value = measures.get(key)
        if isinstance(value, Decimal):
            unit = " %" if MEASURES[key].unit == "%" else ""
            parts.append(f"{measure_short(key)} {shown(key, value, lang)}{unit}")
    return " · ".join(parts) or _("sin análisis")


def period_quality(ctx: MemberPeriod, keys: Sequence[str]) -> dict[str, Decimal]:
    """The quality the period was paid on: the measures each accepted delivery was priced
    with, weighed by its litres (under a period-average basis, that average itself)."""
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    weights: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for d in ctx.deliveries:
        pricer = ctx.timeline.at(d.day)
        if d.rejected or ctx.rejection(d, pricer) is not None:
            continue
        litres = pricer.quantities(d.quantity, d.unit)[2]
        measures = ctx.measures(d, pricer)
        for key in keys:
            value = measures.get(key)
            if isinstance(value, Decimal) and not isinstance(value, bool):
                sums[key] += value * litres
                weights[key] += litres
    return {
        k: quantize(sums[k] / weights[k], ONE.scaleb(-MEASURES[k].scale))
        for k in keys
        if weights[k]
    }


def quality_rows(
    ctx: MemberPeriod, previous: MemberPeriod, keys: Sequence[str], lang: str
) -> tuple[QualityRow, ...]:
    used, before = period_quality(ctx, keys), period_quality(previous, keys)
    rows = []
    for key in keys:
        m = MEASURES.get(key)
        value = used.get(key)
        if m is None or m.boolean or value is None:
            continue
        low = f"≥ {shown(key, m.ref_low, lang)}" if m.ref_low is not None else ""
        high = f"≤ {shown(key, m.ref_high, lang)}" if m.ref_high is not None else ""
        with language(lang):
            label, unit = measure_name(key), measure_unit(key, m.unit)
        rows.append(
            QualityRow(
                f"{label} ({unit})" if unit else label,
                shown(key, value, lang),
                " ".join(x for x in (low, high) if x) or "—",
                shown(key, before[key], lang) if key in before else "—",
                not out_of_reference(key, value),
            )
        )
    return tuple(rows)


def factors(ctx: MemberPeriod, lines: Sequence[MilkLine]) -> tuple[Amount, ...]:
    """How much each price factor added, line by line: the line's quantity × each part of
    the engine's breakdown of its unit price, to the céntimo (174.98 kg × S/ 1.20 = S/ 209.98),
    and what the line's own rounding leaves on a "Redondeo" line, so the factors add up to the
    line's (stored) amount exactly and each one multiplies out by hand. A line whose price
    the breakdown does not give back (a member's conditions changed since the close) is
    shown whole, as the price kept at the close."""
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO_MONEY)
    by_id = {d.id: d for d in ctx.deliveries}
    for line in lines:
        if not line.amount:
            continue
        if line.rejected:
            totals[_("Leche rechazada ({reason})").format(reason=line.reason)] += line.amount
            continue
        first = next((by_id[i] for i in line.ids if i in by_id), None)
        parts = None
        if first is not None:
            pricer = ctx.timeline.at(first.day)
            try:
                price, _amount, explained, _warnings = pricer.explain(
                    line.quantity,
                    ctx.measures(first, pricer),
                    ctx.flags_of(first),
                    ctx.volume(pricer),
                )
            except MissingQuality:
                price = None
            if price == line.unit_price:
                parts = [ln for ln in explained if ln.kind != "rounding"]
        if parts is None:
            totals[_("Precio guardado al cierre")] += line.amount
            continue
        shares = [quantize(line.quantity * ln.per_unit, CENT) for ln in parts]
        for ln, amount in zip(parts, shares, strict=True):
            totals[ln.label] += amount
        rounding = line.amount - sum(shares, ZERO_MONEY)
        if rounding:  # on a line of its own: each factor is its quantity × its price
            totals[_(ROUNDING)] += rounding
    return tuple(Amount(label, amount) for label, amount in totals.items() if amount)


@in_language
def tip_text(tip: Tip, lang: str, currency: str) -> str:
    """ "Con sólidos totales de 12.20 % (hoy 12.10 %) habría recibido S/ 2.32 más." """
    money = fmt.money(tip.gain, lang, currency)
    spec = MEASURES[tip.measure]
    unit = measure_unit(tip.measure, spec.unit)
    unit = f" {unit}" if unit else ""
    target = f"{shown(tip.measure, tip.target, lang)}{unit}"
    today = f"{shown(tip.measure, tip.value, lang)}{unit}"
    label = tip.label[:1].lower() + tip.label[1:]
    name = measure_name(tip.measure)
    name = name[:1].lower() + name[1:]
    if tip.each:  # deliveries of different quality: each one step better, as priced
        return _(
            "Con cada entrega un escalón mejor de {name} ({label}) habría recibido {money} más."
        ).format(name=name, label=label, money=money)
    if tip.band:
        where = _("{label} clase {band}").format(label=label, band=tip.band)
    else:
        where = _("{name} de {target}").format(name=name, target=target)
    return _("Con {where} (hoy {today}) habría recibido {money} más.").format(
        where=where, today=today, money=money
    )
