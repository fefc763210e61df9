"""The desktop's own state between sessions, and only that (business settings live in the
database): the window, the language, where the data is, the printers, the instruments, the
last user. QSettings in INI format in the user's folder; every key is named here once, with
its type and its default, and read or written through it."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings


def store() -> QSettings:
    """The INI file itself (a test points QSettings' user folder elsewhere)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "CoopDesktop", "coop-desktop"
    )


class Text:
    def __init__(self, key: str, default: str = "") -> None:
        self.key, self.default = key, default

    def get(self, default: str | None = None) -> str:
        value = store().value(self.key, self.default if default is None else default)
        return "" if value is None else str(value)

    def set(self, value: object) -> None:
        settings = store()
        settings.setValue(self.key, "" if value is None else str(value))
        settings.sync()


class Number:
    def __init__(self, key: str, default: int) -> None:
        self.key, self.default = key, default

    def get(self) -> int:
        raw = str(store().value(self.key, self.default))
        try:
            return int(float(raw))
        except ValueError:  # edited by hand into something that is not a number
            return self.default

    def set(self, value: int) -> None:
        settings = store()
        settings.setValue(self.key, int(value))
        settings.sync()


class Real:
    def __init__(self, key: str, default: float) -> None:
        self.key, self.default = key, default

    def get(self) -> float:
        try:
            return float(str(store().value(self.key, self.default)))
        except ValueError:  # edited by hand into something that is not a number
            return self.default

    def set(self, value: float) -> None:
        settings = store()
        settings.setValue(self.key, value)
        settings.sync()


class Bytes:
    def __init__(self, key: str) -> None:
        self.key = key

    def get(self) -> QByteArray | None:
        value = store().value(self.key)
        return value if isinstance(value, QByteArray) else None

    def set(self, value: QByteArray) -> None:
        settings = store()
        settings.setValue(self.key, value)
        settings.sync()


LANGUAGE = Text("ui/language", "es")


def language() -> str:
    """The screens' language: Spanish unless COOP_LANG or the saved setting says English."""
    chosen = os.environ.get("COOP_LANG") or LANGUAGE.get()
    return "en" if chosen.lower().startswith("en") else "es"


DB_LOCATION = Text("db/location")
LAST_USER = Text("security/last_user")
LOCK_MINUTES = Real("security/lock_minutes", 10)  # 0: the window never locks
WINDOW_GEOMETRY = Bytes("window/geometry")
WINDOW_SECTION = Number("window/section", 0)
TICKET_PRINTER = Text("printing/ticket_printer")
TICKET_WIDTH = Number("printing/ticket_width", 80)
TICKET_KIND = Text("printing/ticket_kind", "driver")  # driver | escpos
RECEIPT_PORT = Text("printing/receipt_port")  # ESC/POS: a device or host:port
DOCUMENT_PRINTER = Text("printing/document_printer")
ANALYZER_PORT = Text("analyzer/port")
ANALYZER_MODEL = Text("analyzer/model", "pairs")
ANALYZER_PATTERN = Text("analyzer/pattern")
ANALYZER_BAUD = Number("analyzer/baud", 9600)
SCALE_PORT = Text("scale/port")
SCALE_FORMAT = Text("scale/format", "st-gs")
SCALE_PATTERN = Text("scale/pattern")
SCALE_BAUD = Number("scale/baud", 9600)
