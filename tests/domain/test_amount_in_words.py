"""Amounts in words, Peruvian practice, for every value from 0.00 to 9,999,999.99: spelled
words are parsed back by a small independent reader of Spanish number words."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop_desktop.language.formatting import amount_in_words

D = Decimal

_WORDS = {
    "CERO": 0, "UN": 1, "UNO": 1, "DOS": 2, "TRES": 3, "CUATRO": 4, "CINCO": 5, "SEIS": 6,
    "SIETE": 7, "OCHO": 8, "NUEVE": 9, "DIEZ": 10, "ONCE": 11, "DOCE": 12, "TRECE": 13,
    "CATORCE": 14, "QUINCE": 15, "DIECISÉIS": 16, "DIECISIETE": 17, "DIECIOCHO": 18,
    "DIECINUEVE": 19, "VEINTE": 20, "VEINTIÚN": 21, "VEINTIUNO": 21, "VEINTIDÓS": 22,
    "VEINTITRÉS": 23, "VEINTICUATRO": 24, "VEINTICINCO": 25, "VEINTISÉIS": 26,
    "VEINTISIETE": 27, "VEINTIOCHO": 28, "VEINTINUEVE": 29, "TREINTA": 30, "CUARENTA": 40,
    "CINCUENTA": 50, "SESENTA": 60, "SETENTA": 70, "OCHENTA": 80, "NOVENTA": 90,
    "CIEN": 100, "CIENTO": 100, "DOSCIENTOS": 200, "TRESCIENTOS": 300,
    "CUATROCIENTOS": 400, "QUINIENTOS": 500, "SEISCIENTOS": 600, "SETECIENTOS": 700,
    "OCHOCIENTOS": 800, "NOVECIENTOS": 900,
}  # fmt: skip


def read_back(text: str) -> Decimal:
    """ "SON: … CON cc/100 SOLES" → the amount; refuses what Spanish does not say."""
    assert text.startswith("SON: ") and text.endswith("/100 SOLES"), text
    words, _, cents = text[5:-10].rpartition(" CON ")
    total = group = 0
    tokens = words.split()
    for i, word in enumerate(tokens):
        if word == "Y":
            assert tokens[i - 1] in ("TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "SETENTA",
                                     "OCHENTA", "NOVENTA"), text  # fmt: skip
            continue
        if word == "MIL":
            total += (group or 1) * 1000
            group = 0
        elif word in ("MILLÓN", "MILLONES"):
            assert (word == "MILLÓN") == (group == 1), text
            total = (total + group) * 1_000_000
            group = 0
        else:
            value = _WORDS[word]
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            # apocope exactly before MIL and MILLÓN/MILLONES, never at the end
            if word in ("UN", "VEINTIÚN"):
                assert nxt in ("MIL", "MILLÓN", "MILLONES"), text
            if word in ("UNO", "VEINTIUNO"):
                assert nxt not in ("MIL", "MILLÓN", "MILLONES"), text
            if word == "CIEN":
                assert nxt in ("", "MIL", "MILLONES"), text
            group += value
    assert len(cents) == 2 and cents.isdigit(), text
    return D(total + group) + D(int(cents)) / 100


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("0", "CERO CON 00/100"),
        ("165.97", "CIENTO SESENTA Y CINCO CON 97/100"),
        ("21", "VEINTIUNO CON 00/100"),
        ("21000", "VEINTIÚN MIL CON 00/100"),
        ("31000", "TREINTA Y UN MIL CON 00/100"),
        ("101000", "CIENTO UN MIL CON 00/100"),
        ("1000", "MIL CON 00/100"),
        ("1001.05", "MIL UNO CON 05/100"),
        ("100000", "CIEN MIL CON 00/100"),
        ("1000000", "UN MILLÓN CON 00/100"),
        ("21000000", "VEINTIÚN MILLONES CON 00/100"),
        ("1001001.01", "UN MILLÓN MIL UNO CON 01/100"),
        (
            "9999999.99",
            "NUEVE MILLONES NOVECIENTOS NOVENTA Y NUEVE MIL NOVECIENTOS NOVENTA Y NUEVE CON 99/100",
        ),
        ("0.005", "CERO CON 01/100"),  # half up to the céntimo
    ],
)
def test_known_amounts(value: str, words: str) -> None:
    assert amount_in_words(D(value)) == f"SON: {words} SOLES"


@given(st.decimals(min_value=0, max_value=D("9999999.99"), places=2, allow_nan=False))
def test_every_amount_reads_back(value: Decimal) -> None:
    assert read_back(amount_in_words(value)) == value


def test_limits_and_english() -> None:
    with pytest.raises(ValueError):
        amount_in_words(D("-0.01"))
    with pytest.raises(ValueError):
        amount_in_words(D("1000000000"))
    assert amount_in_words(D("165.97"), "en") == "SAY: ONE HUNDRED AND SIXTY-FIVE AND 97/100 SOLES"


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (13, "thirteen"),
        (100, "one hundred"),
        (110, "one hundred and ten"),
        (1005, "one thousand and five"),
        (1100, "one thousand, one hundred"),
        (21000, "twenty-one thousand"),
        (101000, "one hundred and one thousand"),
        (1000001, "one million and one"),
        (2001000, "two million, one thousand"),
        (
            123456789,
            "one hundred and twenty-three million, four hundred and fifty-six thousand, "
            "seven hundred and eighty-nine",
        ),
    ],
)
def test_english_words_as_a_bank_reads_them(n: int, words: str) -> None:
    from coop_desktop.language.formatting import english_words

    assert english_words(n) == words
