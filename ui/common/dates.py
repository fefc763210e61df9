"""Dates between Python and Qt, and "today" on screen: always the program's clock
(`coop_desktop.core.clock`), never Qt's own `QDate.currentDate()`, so a test that fixes the day
fixes it for the screens too."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from coop_desktop.core import clock


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def today() -> QDate:
    return qdate(clock.today())


def pydate(edit: QDateEdit) -> date:
    d = edit.date()
    return date(d.year(), d.month(), d.day())
