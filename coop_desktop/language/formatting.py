"""The one way the program writes numbers, money, dates and periods for people.

Documents, the CLI and the screens all format through here, with Babel and the association's
locale (Spanish of Peru by default, English second): S/ 1,234.50, 12.35 L, 250,000 UFC/mL,
01/10/2026, "octubre 2026, 1.ª quincena". Every rounding is ROUND_HALF_UP (through
`numbers.quantize`) before Babel sees the value, so nothing is ever rounded half-even.
Quantities keep the precision they were recorded with (12.35 L prints 12.35, never 12.4).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from coop_desktop.core.i18n import _, language
from coop_desktop.core.numbers import ONE, D, quantize
from coop_desktop.domain.periods import PeriodSpan, parse_period
from coop_desktop.domain.pricing.model import UNIT_WORDS

LOCALES = {"es": "es_PE", "en": "en"}
CURRENCY_SYMBOLS = {"PEN": "S/", "USD": "US$", "EUR": "€", "COP": "COL$", "INR": "₹"}
MINUS = "−"  # U+2212: a minus sign that a thermal printer cannot lose in a dash
QUANTITY_PLACES = 3  # litres and kilograms are stored to the millilitre and the gram
HUNDRED_PLACES = 5  # a quantity in hundredweights: the gram of 100 kg, what a milk line keeps
UNIT_NAMES = UNIT_WORDS


def locale_of(lang: str) -> str:
    return LOCALES.get(lang[:2].lower(), "es_PE")


def _step(places: int) -> Decimal:
    return ONE.scaleb(-places)


@cache
def _symbols(locale: str) -> tuple[str, str] | None:
    """The locale's (decimal, group) symbols from Babel's data when it groups by threes (both
    of ours do); None sends formatting through Babel's own pattern engine."""
    grouping = Locale.parse(locale).decimal_formats[None].grouping
    if grouping != (3, 3):
        return None
    return get_decimal_symbol(locale), get_group_symbol(locale)


def _digits(rounded: Decimal, places: int, lang: str, grouping: bool) -> str:
    """`rounded` (already quantized half up to `places`) with the locale's symbols. Python
    formats a quantized Decimal exactly (no second rounding): Babel's pattern engine gives the
    same text and is twenty times slower, which a batch of statements feels."""
    locale = locale_of(lang)
    symbols = _symbols(locale)
    if symbols is None:
        pattern = ("#,##0" if grouping else "0") + ("." + "0" * places if places > 0 else "")
        return format_decimal(abs(rounded), format=pattern, locale=locale)
    text = format(abs(rounded), ",f" if grouping else "f")
    decimal, group = symbols
    if (decimal, group) != (".", ","):
        text = text.translate({ord("."): decimal, ord(","): group})
    return text


def number(
    value: Decimal | int, places: int = 2, lang: str = "es", *, grouping: bool = True
) -> str:
    """Exactly `places` decimals, half up, thousands grouped: 1234.5 → "1,234.50"."""
    rounded = quantize(D(value), _step(places))
    text = _digits(rounded, places, lang, grouping)
    return f"{MINUS}{text}" if rounded < 0 else text


def flexible(value: Decimal | int, min_places: int, max_places: int, lang: str = "es") -> str:
    """At least `min_places`, at most `max_places` decimals (extra trailing zeros dropped),
    half up beyond `max_places`: for values recorded with varying precision."""
    rounded = quantize(D(value), _step(max_places))
    exponent = rounded.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    places = max(min_places, -exponent if exponent < 0 else 0)
    rounded = rounded.quantize(_step(places))  # only zeros are dropped: exact
    text = _digits(rounded, places, lang, True)
    return f"{MINUS}{text}" if rounded < 0 else text


def places_needed(values: Iterable[Decimal], min_places: int, max_places: int) -> int:
    """The decimals a column of figures needs so that each shows as recorded (between
    `min_places` and `max_places`): one rule for the whole column, never 733.65 over 714.765."""
    needed = min_places
    for value in values:
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > needed:
            needed = min(-exponent, max_places)
            if needed == max_places:
                break
    return needed


def as_recorded(value: Decimal | int, lang: str = "es", max_places: int = 6) -> str:
    """A measure as it was recorded, grouped, no trailing zeros: 12.50 → "12.5", 250000 →
    "250,000", 1.032 → "1.032" (quality values, densities, rates)."""
    return flexible(value, 0, max_places, lang)


def amount(value: Decimal, lang: str = "es") -> str:
    """Money without its symbol, to the céntimo: "1,234.50" (tables of amounts)."""
    return number(value, 2, lang)


def money(value: Decimal, lang: str = "es", currency: str = "PEN") -> str:
    """Money with its symbol: "S/ 1,234.50", "−S/ 2.10"."""
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    text = number(abs(value), 2, lang)
    sign = MINUS if quantize(value) < 0 else ""
    return f"{sign}{symbol} {text}"


def signed_money(value: Decimal, lang: str = "es", currency: str = "PEN") -> str:
    """Money with its sign always shown: "+S/ 2.32", "−S/ 0.50" (what a factor added)."""
    text = money(value, lang, currency)
    return text if text.startswith(MINUS) else f"+{text}"


def price_per(value: Decimal, unit: str, lang: str = "es", currency: str = "PEN") -> str:
    """A unit price with what it is per: "S/ 1.28 por kg", "S/ 1.2875 per L"."""
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    per = "per" if lang.startswith("en") else "por"
    return f"{symbol} {unit_price(value, lang)} {per} {unit_label(unit, lang)}"


def temperature(value: Decimal, lang: str = "es") -> str:
    """Degrees as read on the thermometer, at least to the tenth: "8.0 °C", "4.25 °C"."""
    return f"{flexible(value, 1, 2, lang)} °C"


def density(value: Decimal, lang: str = "es") -> str:
    """A density as recorded, with its unit: "1.032 kg/L"."""
    return f"{as_recorded(value, lang)} kg/L"


@lru_cache(maxsize=1024)
def unit_price(value: Decimal, lang: str = "es") -> str:
    """A price per unit as stored (to 1/10000): at least 2 decimals, "1.28", "1.2875"; cached,
    as a period's deliveries share a few prices."""
    return flexible(value, 2, 6, lang)


def quantity(value: Decimal, unit: str | None = None, lang: str = "es") -> str:
    """Litres or kilograms as recorded (to the millilitre or gram, at least one decimal):
    12.35 L → "12.35 L", 20 kg → "20.0 kg", 1234.5 → "1,234.5". Hundredweights (100 lb,
    100 kg) keep five places, as a milk line stores them: 227.517 lb → "2.27517 100 lb"."""
    text = quantity_number(value, unit or "", lang)
    if unit is None:
        return text
    return f"{text} {unit_label(unit, lang)}"


def quantity_number(value: Decimal, unit: str, lang: str = "es") -> str:
    """The number of `quantity` alone, with the places its unit keeps."""
    places = HUNDRED_PLACES if unit.startswith("100") else QUANTITY_PLACES
    return flexible(value, 1, places, lang)


def quantity_column(values: Sequence[Decimal], unit: str = "", lang: str = "es") -> list[str]:
    """Quantities printed in one column: all with the same places (as many as the most
    precise one needs, at least one, at most its unit keeps), so they line up on the decimal
    point ("21.000" over "764.725", not "21.0")."""
    top = HUNDRED_PLACES if unit.startswith("100") else QUANTITY_PLACES
    places = 1
    for value in values:
        exponent = quantize(D(value), _step(top)).normalize().as_tuple().exponent
        assert isinstance(exponent, int)
        places = max(places, -exponent if exponent < 0 else 0)
    return [number(v, places, lang) for v in values]


def unit_label(unit: str, lang: str = "es") -> str:
    if unit not in UNIT_NAMES:
        return unit
    with language(lang):
        return _(UNIT_NAMES[unit])


def percent(value: Decimal, places: int = 2, lang: str = "es") -> str:
    """A percentage of composition or a share: "3.60 %"."""
    return f"{number(value, places, lang)} %"


def count(value: Decimal | int, lang: str = "es") -> str:
    """A whole count with grouping: 250000 → "250,000" (bacteria, cells, members)."""
    return number(value, 0, lang)


@lru_cache(maxsize=4096)
def day(value: date | datetime, lang: str = "es") -> str:
    """dd/mm/yyyy in both languages (the association's documents are Peruvian); cached, as a
    statement writes the same few dates many times."""
    return format_date(value, "dd/MM/yyyy", locale=locale_of(lang))


def long_day(value: date, lang: str = "es") -> str:
    """The date in words, weekday first: "martes, 2 de junio de 2026" (said back before a
    date far from today is used)."""
    return format_date(value, "full", locale=locale_of(lang))


@lru_cache(maxsize=512)
def day_month(value: date, lang: str = "es") -> str:
    """The day and month, dd/mm: "05/12" (a chart's day axis)."""
    return format_date(value, "dd/MM", locale=locale_of(lang))


@lru_cache(maxsize=512)
def day_of_month(value: date, lang: str = "es") -> str:
    """The day alone, two digits: "07" (a chart's axis)."""
    return format_date(value, "dd", locale=locale_of(lang))


def moment(value: datetime, lang: str = "es", *, seconds: bool = False) -> str:
    """ "27/11/2026 14:05" (with seconds: "14:05:09"), 24-hour clock in both languages."""
    return (
        f"{day(value, lang)} {value:%H:%M:%S}" if seconds else f"{day(value, lang)} {value:%H:%M}"
    )


@lru_cache(maxsize=64)
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


# --- Amounts in words ---------------------------------------------------------------------
# Spelled here in both languages: a general library writes "veintiuno mil" and "ciento uno mil"
# where Spanish shortens "uno" before a noun ("veintiún mil", "ciento un mil", "veintiún
# millones"), and reads an int given to its currency mode as céntimos. English is written the
# British way a bank reads ("one hundred and five", "one thousand, two hundred").

_UNITS = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
]
_TENS = [
    "_",
    "_",
    "_",
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
]
_HUNDREDS = [
    "_",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
]
WORDS_LIMIT = D("999999999.99")


def _below_thousand(n: int, before_noun: bool) -> str:
    """1…999 in words; `before_noun` shortens a final "uno" (un mil, veintiún millones)."""
    if n == 100:
        return "cien"
    hundreds, rest = divmod(n, 100)
    words = [_HUNDREDS[hundreds]] if hundreds else []
    if rest:
        if rest < 30:
            unit = _UNITS[rest]
        else:
            tens, ones = divmod(rest, 10)
            unit = _TENS[tens] + (f" y {_UNITS[ones]}" if ones else "")
        if before_noun and unit.endswith("uno"):
            unit = unit[:-3] + ("ún" if unit == "veintiuno" else "un")
        words.append(unit)
    return " ".join(words)


def spanish_words(n: int) -> str:
    """A whole number from 0 to 999,999,999 in Spanish words, lower case."""
    if not 0 <= n < 1_000_000_000:
        raise ValueError(f"{n} is outside what is spelled in words")
    if n == 0:
        return "cero"
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    words = []
    if millions:
        words.append(
            "un millón" if millions == 1 else f"{_below_thousand(millions, True)} millones"
        )
    if thousands:
        words.append("mil" if thousands == 1 else f"{_below_thousand(thousands, True)} mil")
    if units:
        words.append(_below_thousand(units, False))
    return " ".join(words)


_EN_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _english_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = f"{_EN_UNITS[hundreds]} hundred" if hundreds else ""
    if rest:
        tens, ones = divmod(rest, 10)
        unit = (
            _EN_UNITS[rest]
            if rest < 20
            else _EN_TENS[tens] + (f"-{_EN_UNITS[ones]}" if ones else "")
        )
        words = f"{words} and {unit}" if words else unit
    return words


def english_words(n: int) -> str:
    """A whole number from 0 to 999,999,999 in English words, lower case."""
    if not 0 <= n < 1_000_000_000:
        raise ValueError(f"{n} is outside what is spelled in words")
    if n == 0:
        return "zero"
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    groups = [
        f"{_english_below_thousand(value)}{name}"
        for value, name in ((millions, " million"), (thousands, " thousand"), (units, ""))
        if value
    ]
    if len(groups) > 1 and 0 < units < 100:  # "one thousand and five"
        return ", ".join(groups[:-1]) + " and " + groups[-1]
    return ", ".join(groups)


def amount_in_words(value: Decimal, lang: str = "es") -> str:
    """Peruvian practice: "SON: CIENTO SESENTA Y CINCO CON 97/100 SOLES"; the céntimos are a
    fraction, half up. From 0.00 to 999,999,999.99; a negative amount is refused."""
    rounded = quantize(D(value))
    if rounded < 0 or rounded > WORDS_LIMIT:
        raise ValueError(f"{value} cannot be written in words on a document")
    whole = int(rounded)
    cents = int((rounded - whole) * 100)
    if lang.startswith("en"):
        return f"SAY: {english_words(whole).upper()} AND {cents:02d}/100 SOLES"
    return f"SON: {spanish_words(whole).upper()} CON {cents:02d}/100 SOLES"
