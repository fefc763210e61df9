"""How documents write numbers, dates and amounts: Peruvian format, and amounts in words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from num2words import num2words

from coop_desktop.numbers import CENT, quantize

MONTHS_ES = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)


def grouped(value: Decimal, places: int = 2) -> str:
    """1234.5 → "1,234.50" (comma thousands, dot decimals, as printed in Peru)."""
    step = Decimal(1).scaleb(-places)
    return f"{quantize(value, step):,.{places}f}"


def soles(value: Decimal, currency: str = "PEN") -> str:
    """S/ 1,234.50; negative amounts as −S/ 2.10."""
    symbol = {"PEN": "S/", "USD": "US$", "EUR": "€", "COP": "COL$", "INR": "₹"}.get(
        currency, currency
    )
    sign = "−" if value < 0 else ""
    return f"{sign}{symbol} {grouped(abs(value))}"


def day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def amount_in_words(value: Decimal, lang: str = "es") -> str:
    """SON: CIENTO SESENTA Y CINCO CON 97/100 SOLES.

    The whole soles are spelled from an int and the céntimos written as a fraction:
    num2words' own currency mode reads an int as céntimos, a trap this wrapper avoids."""
    amount = quantize(value, CENT)
    if amount < 0:
        raise ValueError("an amount in words cannot be negative")
    whole = int(amount)
    cents = int((amount - whole) * 100)
    words = num2words(whole, lang="es" if lang == "es" else "en").upper()
    if lang == "es":
        return f"SON: {words} CON {cents:02d}/100 SOLES"
    return f"SAY: {words} AND {cents:02d}/100 SOLES"
