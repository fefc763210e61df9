"""One translation path for the core, the CLI and the documents: gettext.

The source language is Spanish (what the association reads); the English of every text is in
`resources/locale/en/LC_MESSAGES/coop.po`, compiled to `coop.mo` (`python scripts/catalogue.py`).
The language is chosen once per process (`set_language`: the CLI's `--lang`, the screen's
language) or for one piece of work (`with language("en"):`, `@in_language` on a function that
takes a `lang` argument: a document, an export, a message for the screen). `_()` and
`ngettext()` read it. Qt's own `tr()` and .ts files stay for the widgets.
"""

from __future__ import annotations

import functools
import gettext
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import ParamSpec, TypeVar

DOMAIN = "coop"
LANGUAGES = ("es", "en")
P = ParamSpec("P")
R = TypeVar("R")

_process = "es"
_current: ContextVar[str | None] = ContextVar("coop_language", default=None)


def locale_dir() -> Path:
    from coop_desktop.core.resources import resource_path

    return resource_path("locale")


def normalise(lang: str | None) -> str:
    """ "en", "en_GB", "EN" → "en"; anything else → "es" (the program's own language)."""
    return "en" if (lang or "").lower().startswith("en") else "es"


def set_language(lang: str | None) -> str:
    """The language of this process from now on; returns it."""
    global _process
    _process = normalise(lang)
    return _process


def current() -> str:
    return _current.get() or _process


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Speak `lang` inside the block (a document in the member's language), then as before;
    None keeps the current language."""
    if lang is None:
        yield current()
        return
    token = _current.set(normalise(lang))
    try:
        yield normalise(lang)
    finally:
        _current.reset(token)


def in_language(fn: Callable[P, R]) -> Callable[P, R]:
    """Run `fn` in the language of its `lang` argument."""
    parameters = list(inspect.signature(fn).parameters.values())
    names = [p.name for p in parameters]
    index = names.index("lang")
    default = parameters[index].default
    default = None if default is inspect.Parameter.empty else default

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if "lang" in kwargs:
            chosen = kwargs["lang"]
        elif len(args) > index:
            chosen = args[index]
        else:
            chosen = default
        with language(chosen if isinstance(chosen, str) else None):
            return fn(*args, **kwargs)

    return run


def in_language_of(where: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run the function in the language a document carries: `where` is an argument and the
    attributes that lead to its language ("r.header.lang")."""
    name, *path = where.split(".")

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        names = list(inspect.signature(fn).parameters)
        index = names.index(name)

        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            value: object = kwargs[name] if name in kwargs else args[index]
            for attr in path:
                value = getattr(value, attr)
            with language(value if isinstance(value, str) else None):
                return fn(*args, **kwargs)

        return run

    return decorate


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    if lang == "es":
        return gettext.NullTranslations()
    compiled = locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with compiled.open("rb") as fh:
        return gettext.GNUTranslations(fh)


def _(message: str) -> str:
    """`message` (Spanish) in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The Spanish singular or plural for `n`, in the current language."""
    return translations(current()).ngettext(singular, plural, n)


class Later:
    """A text put in words when it is shown, in the language of that moment: a parameter of a
    coded error raised by the domain ("la entrega 12 del 05/10/2026", measure names) that a
    screen shows in English and a receipt in Spanish."""

    __slots__ = ("message", "params")

    def __init__(self, message: str, **params: object) -> None:
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return _(self.message).format(**{k: str(v) for k, v in self.params.items()})

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Later({self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Later) and (other.message, other.params) == (
            self.message,
            self.params,
        )

    def __hash__(self) -> int:
        return hash(self.message)


class Joined:
    """Texts shown one after another ("sólidos totales, recuento bacteriano"), each in the
    language of the moment it is shown."""

    __slots__ = ("items", "lower", "separator")

    def __init__(
        self, items: list[Later | str], separator: str = ", ", *, lower: bool = False
    ) -> None:
        self.items = items
        self.separator = separator
        self.lower = lower  # names inside a sentence: "de sólidos totales"

    def __str__(self) -> str:
        texts = [str(item) for item in self.items]
        if self.lower:
            texts = [t[:1].lower() + t[1:] for t in texts]
        return self.separator.join(texts)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def N_(message: str) -> str:
    """Mark a text for the catalogue where it is declared; translate it with `_()` where it
    is shown."""
    return message
