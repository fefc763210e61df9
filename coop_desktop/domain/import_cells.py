"""Cells of an imported file turned into the values the validation rules take.

Numbers go through the one number parser (`numbers.parse_number`): a file whose decimal
separator is the comma ("1.234,5", "12,5") is first rewritten to canonical text by
`number_cell`, so the parser reads it without ambiguity; everything else is read exactly as a
typed entry is. Dates are written the Peruvian way (dd/mm/yyyy) or ISO, or come as date cells
or serial numbers from a workbook. No other parser of numbers or dates lives here.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.numbers import D, could_group_thousands, decimal_reading, parse_number
from coop_desktop.domain import validation as v
from coop_desktop.domain.text import fold

Cell = str | int | Decimal | date | datetime | bool | None

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# Decimal comma with optional point (or space) thousands: "1.234,5", "1234,5", "12", "-3,5"
_COMMA_STYLE = re.compile(r"([-\u2212]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?")


def is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_cell(value: Cell) -> str | None:
    """Text as written (numbers from a workbook as their digits), or None when empty."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, (date, Decimal, int)):
        return str(value)
    return str(value).strip()


def number_cell(value: Cell, field: str, scale: int | None, decimal_comma: bool = False) -> Decimal:
    """A number by the one parser. With `decimal_comma` (the file's decimal separator is the
    comma, detected or chosen) the text is rewritten to canonical form first, so "1,500"
    means 1.5 and "1.500" means 1500 in that file; the scale is still checked, never
    rounded."""
    if isinstance(value, (date, datetime)) or is_blank(value):
        raise ValidationError("not_a_number", field, value="" if value is None else value)
    if isinstance(value, str) and decimal_comma:
        typed = value.strip()
        text = _SPACES.sub("", typed)
        if text.upper().startswith("S/"):
            text = text[2:].lstrip(".")
        match = _COMMA_STYLE.fullmatch(text)
        if match is not None:
            sign, whole, frac = match.groups()
            _refuse_if_ambiguous(typed, field, sign, whole, frac)
            canonical = (
                ("-" if sign else "") + whole.replace(".", "") + ("." + frac if frac else "")
            )
            try:
                return parse_number(D(canonical), field, scale)
            except ValidationError as exc:  # show what the file says, not the rewrite
                raise ValidationError(
                    exc.code, exc.field, **{**exc.params, "value": typed}
                ) from None
    return parse_number(value, field, scale)


def _limits(field: str) -> tuple[Decimal | None, Decimal | None]:
    """The absurd limits of a field, when it has them: a quality measure's, or a delivery's
    quantity (more than `MAX_DELIVERY_QUANTITY` is a typo)."""
    from coop_desktop.domain.measures import MEASURES

    if field in MEASURES:
        return MEASURES[field].minimum, MEASURES[field].maximum
    if field == "quantity":
        return D(0), v.MAX_DELIVERY_QUANTITY
    return None, None


def _refuse_if_ambiguous(typed: str, field: str, sign: str, whole: str, frac: str | None) -> None:
    """In a decimal-comma file, "250,000" is 250 by the file's rule but 250000 to a person who
    groups thousands with commas (the same column may hold "1,200,000"). When the thousands
    reading is a value the field can take (within its absurd limits), the row is refused with
    both readings spelled out; when the limits rule it out ("1,032" as a density, "1,500" L in
    one delivery: 1032 and 1500 are absurd there), the file's decimal comma is read."""
    if frac is None or not could_group_thousands(whole, frac):
        return
    grouped, decimal = D(whole + frac), D(f"{whole}.{frac}")
    low, high = _limits(field)

    def possible(x: Decimal) -> bool:
        value = -x if sign else x
        return (low is None or value >= low) and (high is None or value <= high)

    if possible(grouped):  # the thousands reading is a value this field can take
        raise ValidationError(
            "ambiguous_number",
            field,
            value=typed,
            first=f"{sign and '-'}{grouped}",
            second=f"{sign and '-'}{decimal_reading(str(decimal))}",
        )


_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_SERIAL = re.compile(r"\d{4,6}(?:\.0+)?")
MAX_SERIAL = 2958465  # 9999-12-31


def serial_date(serial: Decimal | int, field: str, epoch_1904: bool = False) -> date:
    """A workbook's date serial number (the day part of it), by openpyxl's own reading
    (`openpyxl.utils.datetime.from_excel`: the 1900 system with Excel's phantom 29/02/1900,
    or the 1904 system)."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

    whole = int(serial)
    if not 1 <= whole <= MAX_SERIAL:
        raise ValidationError("bad_import_date", field, value=serial)
    day = from_excel(whole, CALENDAR_MAC_1904 if epoch_1904 else CALENDAR_WINDOWS_1900)
    return day.date() if isinstance(day, datetime) else date(day.year, day.month, day.day)


def date_cell(
    value: Cell, field: str, today: date, *, from_workbook: bool = False, epoch_1904: bool = False
) -> date:
    """A date: a date cell, a workbook serial number, dd/mm/yyyy or ISO text; never in the
    future (the same rule as a typed date)."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        if not from_workbook:
            raise ValidationError("excel_serial_date", field, value=value)
        day = serial_date(value, field, epoch_1904)
    elif isinstance(value, str):
        day = _text_date(value.strip(), field)
    else:
        raise ValidationError("bad_import_date", field, value="" if value is None else value)
    return v.not_future(day, today, field)


def _text_date(text: str, field: str) -> date:
    if not text:
        raise ValidationError("required", field)
    parts: tuple[int, int, int] | None = None
    iso = _ISO.fullmatch(text)
    if iso:
        parts = (int(iso[1]), int(iso[2]), int(iso[3]))
    else:
        dmy = _DMY.fullmatch(text)
        if dmy:
            if len(dmy[3]) != 4:
                raise ValidationError("two_digit_year", field, value=text)
            parts = (int(dmy[3]), int(dmy[2]), int(dmy[1]))
        elif _SERIAL.fullmatch(text):
            raise ValidationError("excel_serial_date", field, value=text)
    if parts is None:
        raise ValidationError("bad_import_date", field, value=text)
    try:
        return date(*parts)
    except ValueError:
        raise ValidationError("bad_import_date", field, value=text) from None


_SHIFTS = {
    "am": "am",
    "a m": "am",
    "m": "am",
    "manana": "am",
    "morning": "am",
    "pm": "pm",
    "p m": "pm",
    "t": "pm",
    "tarde": "pm",
    "afternoon": "pm",
    "evening": "pm",
}
_GENDERS = {
    "f": "f",
    "mujer": "f",
    "femenino": "f",
    "female": "f",
    "woman": "f",
    "m": "m",
    "hombre": "m",
    "masculino": "m",
    "varon": "m",
    "male": "m",
    "man": "m",
}
_METHODS = {
    "efectivo": "cash",
    "cash": "cash",
    "banco": "bank",
    "bank": "bank",
    "transferencia": "bank",
    "deposito": "bank",
    "cuenta": "bank",
    "billetera": "wallet",
    "wallet": "wallet",
    "yape": "wallet",
    "plin": "wallet",
}


_STATUSES = {
    "activo": "active",
    "activa": "active",
    "activo a": "active",
    "active": "active",
    "suspendido": "suspended",
    "suspendida": "suspended",
    "suspendido a": "suspended",
    "suspended": "suspended",
    "retirado": "retired",
    "retirada": "retired",
    "retirado a": "retired",
    "retired": "retired",
}


def _word(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def choice_cell(value: Cell, field: str) -> str:
    """Shifts (mañana/tarde, am/pm), genders (mujer/hombre, F/M), payment methods
    (efectivo, banco, Yape…) and a member's status (activo, retirado…) in the words people
    write, then the validation's own choice."""
    text = text_cell(value) or ""
    words = {
        "shift": _SHIFTS,
        "gender": _GENDERS,
        "payment_method": _METHODS,
        "status": _STATUSES,
    }[field]
    valid = {
        "shift": v.SHIFTS,
        "gender": v.GENDERS,
        "payment_method": v.PAYMENT_METHODS,
        "status": v.MEMBER_STATUSES,
    }[field]
    return v.choice(words.get(_word(text), text), valid, field)


def flag_cell(value: Cell, field: str) -> bool:
    """Yes/no cells: sí/no, x, 1/0, positivo/negativo, true/false (and workbook booleans)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, Decimal)):
        value = str(value)
    return v.flag(text_cell(value) or "", field)


def integer_cell(value: Cell, field: str) -> int:
    return int(number_cell(value, field, 0))


def density_reading(value: Decimal) -> Decimal:
    """Analyzers report density in g/mL (1.0285), kg/m³ (1028.5) or lactometer degrees
    (28.5); the three ranges do not overlap, so each reading has one meaning in g/mL."""
    if D(15) <= value <= D(45):
        return 1 + value / 1000
    if D(900) <= value <= D(1100):
        return value / 1000
    return value


def column_letter(index: int) -> str:
    """A 0-based column index as a spreadsheet names it: 0 → A, 25 → Z, 26 → AA."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def split_full_name(value: Cell, field: str, surnames_first: bool) -> tuple[str, str]:
    """(surnames, given names) of a whole name in one cell. What comes before a comma is the
    surnames ("MAMANI QUISPE, Rosa María"); without a comma, Peruvian registers write two
    surnames: the first two words ("APELLIDOS Y NOMBRES": "MAMANI QUISPE Rosa María") or the
    last two ("NOMBRES Y APELLIDOS": "Rosa María Mamani Quispe"); with two words, one each."""
    text = " ".join((text_cell(value) or "").split())
    if "," in text:
        surnames, _, given = (part.strip() for part in text.partition(","))
        if surnames and given:
            return surnames, given
    words = text.split()
    if len(words) < 2:
        raise ValidationError("full_name_short", field, value=text)
    cut = min(2, len(words) - 1)
    if surnames_first:
        return " ".join(words[:cut]), " ".join(words[cut:])
    return " ".join(words[-cut:]), " ".join(words[:-cut])
