"""`coop --lang en` speaks English only and the Spanish CLI Spanish only: every command's
help and every coded message of the catalogue, rendered in each language, carry no word of
the other (the catalogue is complete: scripts/catalogue.py --check)."""

from __future__ import annotations

import argparse
import re
import string
from collections.abc import Iterator
from typing import Any

import pytest

from coop_desktop.cli import build_parser
from coop_desktop.cli.base import speak
from coop_desktop.core.i18n import set_language
from coop_desktop.core.messages import CATALOGUE, render

SPANISH = re.compile(
    r"[áéíóúñ¿¡]|\b(de|del|el|la|los|las|que|para|con|por|una?|sin|es|esta|este|se|no hay)\b",
    re.I,
)
ENGLISH = re.compile(
    r"\b(the|and|of|to|with|for|from|is|are|was|this|that|which|must|should|has|have)\b",
    re.I,
)
# What is the same in both: options and metavars (DATE, FILE-or-DIR), choices ({es,en}),
# commands and keys in backquotes, file names and addresses, the program's own name.
NEUTRAL = re.compile(
    r"(?<![\w-])-{1,2}[\w-]+|\b[A-Z][A-Z0-9_]*(?:-or-[A-Z]+)?\b|\{[^}]*\}|`[^`]*`|«[^»]*»"
    r"|\S+\.(?:csv|xlsx|json|pdf|db)\b|https?://\S+|\bcoop(?:-desktop)?\b"
    r"|liquidación de compra"  # SUNAT's name of the document, in both languages
)


def parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[Any]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from parsers(sub, (*path, name))


def foreign(text: str, other: re.Pattern[str]) -> list[str]:
    return [line for line in text.splitlines() if other.search(NEUTRAL.sub(" ", line))]


@pytest.fixture
def restore_language() -> Iterator[None]:
    yield
    speak("es")
    set_language("es")


@pytest.mark.parametrize(("lang", "other"), [("en", SPANISH), ("es", ENGLISH)])
def test_every_help_speaks_one_language(
    lang: str, other: re.Pattern[str], restore_language: None
) -> None:
    speak(lang)
    found = {
        " ".join(path) or "coop": lines
        for path, parser in parsers(build_parser(lang))
        if (lines := foreign(parser.format_help(), other))
    }
    assert found == {}


class Anything(dict[str, Any]):
    """Any parameter a message asks for: a placeholder word of neither language."""

    def __missing__(self, key: str) -> str:
        return "X"


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


@pytest.mark.parametrize(("lang", "other"), [("en", SPANISH), ("es", ENGLISH)])
def test_every_message_speaks_one_language(lang: str, other: re.Pattern[str]) -> None:
    found = {}
    for code, template in CATALOGUE.items():
        params = {name: "X" for name in fields(template) if name != "field_name"}
        text = render(code, lang, None, **params)
        if other.search(NEUTRAL.sub(" ", text)):
            found[code] = text
    assert found == {}
