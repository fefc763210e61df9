"""The one way the program writes numbers, money, dates and periods for people.

Documents, the CLI and the screens all format through here, with Babel and the association's
locale (Spanish of Peru by default, English second): S/ 1,234.50, 12.35 L, 250,000 UFC/mL,
01/10/2026, "octubre 2026, 1.ª quincena". Every rounding is ROUND_HALF_UP (through
`numbers.quantize`) before Babel sees the value, so nothing is ever rounded half-even.
Quantities keep the precision they were recorded with (12.35 L prints 12.35, never 12.4).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

from coop_desktop.domain.periods import PeriodSpan, parse_period
from coop_desktop.domain.pricing.model import UNIT_WORDS
from coop_desktop.numbers import quantize

LOCALES = {"es": "es_PE", "en": "en"}
CURRENCY_SYMBOLS = {"PEN": "S/", "USD": "US$", "EUR": "€", "COP": "COL$", "INR": "₹"}
MINUS = "−"  # U+2212: a minus sign that a thermal printer cannot lose in a dash
QUANTITY_PLACES = 3  # litres and kilograms are stored to the millilitre and the gram
UNIT_NAMES = UNIT_WORDS


def locale_of(lang: str) -> str:
    return LOCALES.get(lang[:2].lower(), "es_PE")


def _step(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def number(
    value: Decimal | int, places: int = 2, lang: str = "es", *, grouping: bool = True
) -> str:
    """Exactly `places` decimals, half up, thousands grouped: 1234.5 → "1,234.50"."""
    rounded = quantize(Decimal(value), _step(places)) if places >= 0 else Decimal(value)
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * places if places > 0 else "")
    text = format_decimal(abs(rounded), format=pattern, locale=locale_of(lang))
    return f"{MINUS}{text}" if rounded < 0 else text


def flexible(value: Decimal | int, min_places: int, max_places: int, lang: str = "es") -> str:
    """At least `min_places`, at most `max_places` decimals (extra trailing zeros dropped),
    half up beyond `max_places`: for values recorded with varying precision."""
    rounded = quantize(Decimal(value), _step(max_places))
    pattern = "#,##0." + "0" * min_places + "#" * (max_places - min_places)
    text = format_decimal(abs(rounded), format=pattern.rstrip("."), locale=locale_of(lang))
    return f"{MINUS}{text}" if rounded < 0 else text


def amount(value: Decimal, lang: str = "es") -> str:
    """Money without its symbol, to the céntimo: "1,234.50" (tables of amounts)."""
    return number(value, 2, lang)


def money(value: Decimal, lang: str = "es", currency: str = "PEN") -> str:
    """Money with its symbol: "S/ 1,234.50", "−S/ 2.10"."""
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    text = number(abs(value), 2, lang)
    sign = MINUS if quantize(value) < 0 else ""
    return f"{sign}{symbol} {text}"


def unit_price(value: Decimal, lang: str = "es") -> str:
    """A price per unit as stored (to 1/10000): at least 2 decimals, "1.28", "1.2875"."""
    return flexible(value, 2, 6, lang)


def quantity(value: Decimal, unit: str | None = None, lang: str = "es") -> str:
    """Litres or kilograms as recorded (to the millilitre or gram, at least one decimal):
    12.35 L → "12.35 L", 20 kg → "20.0 kg", 1234.5 → "1,234.5"."""
    text = flexible(value, 1, QUANTITY_PLACES, lang)
    if unit is None:
        return text
    return f"{text} {unit_label(unit, lang)}"


def unit_label(unit: str, lang: str = "es") -> str:
    names = UNIT_NAMES.get(unit)
    return unit if names is None else names[1 if lang == "en" else 0]


def percent(value: Decimal, places: int = 2, lang: str = "es") -> str:
    """A percentage of composition or a share: "3.60 %"."""
    return f"{number(value, places, lang)} %"


def count(value: Decimal | int, lang: str = "es") -> str:
    """A whole count with grouping: 250000 → "250,000" (bacteria, cells, members)."""
    return number(value, 0, lang)


def day(value: date | datetime, lang: str = "es") -> str:
    """dd/mm/yyyy in both languages (the association's documents are Peruvian)."""
    return format_date(value, "dd/MM/yyyy", locale=locale_of(lang))


def moment(value: datetime, lang: str = "es") -> str:
    return f"{day(value, lang)} {value:%H:%M}"


def month_name(month: int, lang: str = "es") -> str:
    return str(get_month_names("wide", locale=locale_of(lang))[month])


_ORDINALS_ES = {1: "1.ª", 2: "2.ª", 3: "3.ª"}
_ORDINALS_EN = {1: "1st", 2: "2nd", 3: "3rd"}


def period(value: PeriodSpan | str, lang: str = "es") -> str:
    """A period as people say it: "octubre 2026", "octubre 2026, 1.ª quincena",
    "octubre 2026, 3.ª decena", "semana 43 de 2026" (English alike)."""
    span = parse_period(value) if isinstance(value, str) else value
    en = lang.startswith("en")
    if span.kind == "week":
        week = span.start.isocalendar()[1]
        year = span.start.isocalendar()[0]
        return f"week {week} of {year}" if en else f"semana {week} de {year}"
    month = f"{month_name(span.start.month, lang)} {span.start.year}"
    if span.kind == "month":
        return month.capitalize() if en else month
    n = int(span.code[-1])
    if en:
        noun = "fortnight" if span.kind == "fortnight" else "ten days"
        return f"{month.capitalize()}, {_ORDINALS_EN[n]} {noun}"
    noun = "quincena" if span.kind == "fortnight" else "decena"
    return f"{month}, {_ORDINALS_ES[n]} {noun}"


def period_with_dates(value: PeriodSpan | str, lang: str = "es") -> str:
    """ "octubre 2026, 1.ª quincena (01/10/2026 – 15/10/2026)"."""
    span = parse_period(value) if isinstance(value, str) else value
    return f"{period(span, lang)} ({day(span.start, lang)} – {day(span.end, lang)})"


def plural(n: int, one: str, many: str, lang: str = "es") -> str:
    """ "1 aviso", "3 avisos": the count with the right noun."""
    return f"{count(n, lang)} {one if n == 1 else many}"
