"""Numbers, money, dates and periods for the screens, in the screen's language.

Thin by design: everything goes through `coop_desktop.language.formatting` (the one formatter,
Babel, es_PE or en); this module only supplies the language the screens are shown in."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale, Qt

from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.language import formatting as f
from ui.common.words import QT_TRANSLATE_NOOP

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def lang() -> str:
    """ "en" when the screens are in English (ui.app.install_translations), else "es"."""
    return "en" if QLocale().language() == QLocale.Language.English else "es"


def money(value: Decimal, currency: str = "PEN") -> str:
    return f.money(value, lang(), currency)


def amount(value: Decimal) -> str:
    return f.amount(value, lang())


def signed_amount(value: Decimal) -> str:
    """A difference: "+12.50", "−3.00", "0.00"."""
    text = f.amount(value, lang())
    return f"+{text}" if value > 0 else text


def quantity(value: Decimal, unit: str | None = None) -> str:
    return f.quantity(value, unit, lang())


def unit_label(unit: str) -> str:
    """ "100 lb", "litro"…: a pricing unit in words."""
    return f.unit_label(unit, lang())


def flexible(value: Decimal, least: int, most: int) -> str:
    """A figure with as many places as it has, between `least` and `most`."""
    return f.flexible(value, least, most, lang())


def litres(value: Decimal) -> str:
    """A total of litres, to one decimal: "1,234.5 L"."""
    return f"{f.number(value, 1, lang())} L"


def number(value: Decimal | int, places: int = 2) -> str:
    return f.number(value, places, lang())


def count(value: Decimal | int) -> str:
    return f.count(value, lang())


def unit_price(value: Decimal) -> str:
    return f.unit_price(value, lang())


def day(value: date | datetime) -> str:
    return f.day(value, lang())


def day_month(value: date) -> str:
    """dd/mm: a chart's day axis."""
    return f.day_month(value, lang())


def long_day(value: date) -> str:
    return f.long_day(value, lang())


def period(value: PeriodSpan | str) -> str:
    return f.period(value, lang())


def plural(n: int, one: str, many: str) -> str:
    return f.plural(n, one, many, lang())


def measure(key: str, value: Decimal | bool) -> str:
    """A quality value at its stored precision; counts (UFC, cells) grouped: "250,000"."""
    from coop_desktop.domain.measures import MEASURES

    if isinstance(value, bool):
        return "+" if value else "−"
    spec = MEASURES.get(key)
    if spec is not None and spec.scale == 0:
        return f.count(value, lang())
    places = spec.scale if spec is not None else 2
    return f.number(value, places, lang())


def kind_label(kind: str) -> str:
    """A ledger or deduction kind as people say it: "advance" → "Adelanto" / "Advance"."""
    from coop_desktop.core.i18n import _, language
    from coop_desktop.domain.settlement import KIND_LABELS

    if kind not in KIND_LABELS:
        return kind
    with language(lang()):
        return _(KIND_LABELS[kind])


_WORDS = {
    "am": QT_TRANSLATE_NOOP("Words", "mañana"),
    "pm": QT_TRANSLATE_NOOP("Words", "tarde"),
    "issued": QT_TRANSLATE_NOOP("Words", "emitida"),
    "paid": QT_TRANSLATE_NOOP("Words", "pagada"),
    "void": QT_TRANSLATE_NOOP("Words", "anulada"),
    "open": QT_TRANSLATE_NOOP("Words", "abierto"),
    "closed": QT_TRANSLATE_NOOP("Words", "cerrado"),
}


def word(code: str) -> str:
    """A stored code (shift, settlement or period status) in the screen's language."""
    shown = _WORDS.get(code)
    return QCoreApplication.translate("Words", shown) if shown else code
