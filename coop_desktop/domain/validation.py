"""Validation of what people type: identities, quantities, dates and quality measures.

Each function returns the clean value or raises `ValidationError` naming the field.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from stdnum.pe import cui as stdnum_cui
from stdnum.pe import ruc as stdnum_ruc

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.numbers import D, parse_number
from coop_desktop.domain.measures import MEASURES

SHIFTS = ("am", "pm")
UNITS = ("L", "kg")
GENDERS = ("f", "m")
MEMBER_STATUSES = ("active", "suspended", "retired")
PAYMENT_METHODS = ("cash", "bank", "wallet")
CYCLES = ("month", "fortnight", "decade", "week")
MAX_DELIVERY_QUANTITY = D(500)  # litres or kg in one delivery of one member; more is a typo
MAX_MONEY = D(10_000_000)  # soles in one movement, price or charge: more is a typo
QUANTITY_SCALE = 3  # to the gram and the millilitre


def required_text(value: str | None, field: str, max_len: int = 200) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError("required", field)
    if len(text) > max_len:
        raise ValidationError("out_of_range", field, value=len(text), minimum=1, maximum=max_len)
    return text


def optional_text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def dni(value: str | None, field: str = "dni") -> str | None:
    """A Peruvian DNI: exactly 8 digits (python-stdnum's CUI without its check character)."""
    text = (value or "").strip()
    if not text:
        return None
    compact = stdnum_cui.compact(text)
    if len(compact) == 7 and compact.isdigit():  # a spreadsheet read it as a number
        raise ValidationError("dni_lost_zero", field, value=text, full="0" + compact)
    if not (len(compact) == 8 and compact.isdigit()):
        raise ValidationError("invalid_dni", field, value=text)
    return compact


def ruc(value: str | None, field: str = "ruc") -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return str(stdnum_ruc.validate(text))
    except Exception:  # stdnum raises several ValidationError subclasses
        raise ValidationError("invalid_ruc", field, value=text) from None


_PHONE = re.compile(r"^\+?[0-9]{6,15}$")


def phone(value: str | None, field: str = "phone") -> str | None:
    text = re.sub(r"[\s\-()]", "", value or "")
    if not text:
        return None
    if not _PHONE.match(text):
        raise ValidationError("invalid_phone", field, value=value)
    return text


def choice(value: str | None, valid: tuple[str, ...], field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError("required", field)
    for option in valid:
        if text.lower() == option.lower():
            return option
    raise ValidationError("bad_choice", field, value=text, valid=", ".join(valid))


def decimal(value: object, field: str, scale: int) -> Decimal:
    """A typed number (str, int or Decimal; never float) with at most `scale` decimals, read
    by the one number rule (`numbers.parse_number`, docs/numbers.md)."""
    return parse_number(value, field, scale)


def money(value: object, field: str = "amount", scale: int = 2) -> Decimal:
    """An amount of money typed by a person: at most `scale` decimals and, either sign, no
    more than MAX_MONEY (ten million soles in one movement is a typo, never a payment)."""
    number = decimal(value, field, scale)
    if abs(number) > MAX_MONEY:
        raise ValidationError("absurd_amount", field, value=value, maximum=MAX_MONEY)
    return number


def quantity(value: object, field: str = "quantity") -> Decimal:
    number = decimal(value, field, QUANTITY_SCALE)
    if number <= 0:
        raise ValidationError("not_positive", field, value=value)
    if number > MAX_DELIVERY_QUANTITY:
        raise ValidationError("absurd_quantity", field, value=value, maximum=MAX_DELIVERY_QUANTITY)
    return number


def iso_date(value: str | date, field: str = "date") -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise ValidationError("bad_date", field, value=value) from None


def typed_day(text: str, today: date, *, future: bool = False, field: str = "date") -> date:
    """A date as a person types it: dd/mm/yyyy, dd/mm/yy (20yy) or dd/mm, the separators
    "/", "-", "." or a space (also yyyy-mm-dd). Without a year it is this year's, or last
    year's when this year's has not come yet (the last days of December typed in
    January); a year given that makes a future date is refused unless `future`."""
    typed = (text or "").strip()
    parts = [p for p in typed.replace("-", "/").replace(".", "/").replace(" ", "/").split("/") if p]
    if len(parts) == 3 and len(parts[0]) == 4:
        parts = [parts[2], parts[1], parts[0]]  # yyyy-mm-dd
    if not 2 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValidationError("bad_typed_date", field, value=typed)
    day_n, month_n = int(parts[0]), int(parts[1])
    given = parts[2] if len(parts) == 3 else None
    if given is not None and len(given) not in (2, 4):
        raise ValidationError("bad_typed_date", field, value=typed)
    year = today.year if given is None else int(given) + (2000 if len(given) == 2 else 0)
    try:
        day = date(year, month_n, day_n)
        if given is None and day > today and not future:
            day = date(year - 1, month_n, day_n)
    except ValueError:
        raise ValidationError("bad_typed_date", field, value=typed) from None
    if day > today and not future:
        raise ValidationError("future_date", field, value=f"{day:%d/%m/%Y}")
    return day


def not_future(day: date, today: date, field: str = "date") -> date:
    if day > today:
        raise ValidationError("future_date", field, value=day.isoformat())
    return day


_TRUE = {"fail", "positive", "positivo", "pos", "+", "1", "true", "si", "sí", "yes", "x"}
_FALSE = {"pass", "negative", "negativo", "neg", "-", "0", "false", "no", "ok"}


def flag(value: object, field: str) -> bool:
    """A yes/no answer (sí/no, x, 1/0, true/false, positivo/negativo) as typed in a cell."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError("bad_boolean", field, value=value)


def measure(key: str, value: object) -> Decimal | bool:
    """Validate one measure by its canonical key; booleans are True when positive (bad)."""
    spec = MEASURES.get(key)
    if spec is None:
        raise ValidationError("unknown_measure", "measure", value=key, valid=", ".join(MEASURES))
    if spec.boolean:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValidationError("bad_boolean", key, value=value)
    number = decimal(value, key, spec.scale)
    if (spec.minimum is not None and number < spec.minimum) or (
        spec.maximum is not None and number > spec.maximum
    ):
        raise ValidationError(
            "out_of_range", key, value=value, minimum=spec.minimum, maximum=spec.maximum
        )
    return number


def measure_assignment(text: str) -> tuple[str, Decimal | bool]:
    """Parse `KEY=VALUE` as typed on the command line."""
    if "=" not in text:
        raise ValidationError("bad_measure_syntax", "measure", value=text)
    key, _, raw = text.partition("=")
    key = key.strip().lower()
    return key, measure(key, raw.strip())
