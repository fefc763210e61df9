"""Marking words for translation where they are declared (tables of labels, codes shown in
words): `pyside6-lupdate` finds `QT_TRANSLATE_NOOP(context, text)` by its name, and this one
is typed as the `str` it returns (PySide6's own is typed `object`)."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """The untranslated text; `QCoreApplication.translate(context, text)` shows it."""
    del context
    return source
