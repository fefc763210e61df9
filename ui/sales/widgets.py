"""Small pieces the Ventas tabs share: a table filled from rows of text, a
range of days with its button, and the reason asked before an annulment."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from coop_desktop.core import clock
from ui.common import dates


def table(headers: Sequence[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.horizontalHeader().setStretchLastSection(True)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    return t


def fill(t: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    t.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            t.setItem(i, j, QTableWidgetItem(text))


class DayRange(QWidget):
    """Desde / Hasta (this month by default) and a button that shows the range."""

    def __init__(self, show: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = clock.today()
        self.start = dates.DateField(today.replace(day=1), marks_far=False)  # a range
        self.end = dates.DateField(today, marks_far=False)
        self.button = QPushButton(self.tr("Mostrar"))
        self.button.clicked.connect(lambda: show())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("Desde:")), self.start, QLabel(self.tr("Hasta:")), self.end):
            row.addWidget(widget)
        row.addWidget(self.button)
        row.addStretch()

    def range(self) -> tuple[date, date]:
        return dates.pydate(self.start), dates.pydate(self.end)


def left(*widgets: QWidget) -> QHBoxLayout:
    """Buttons on the left of a row of their own."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch()
    return row


def ask_reason(parent: QWidget, title: str, text: str) -> str | None:
    """The reason typed for an annulment or a reversal; None when the person cancels."""
    reason, ok = QInputDialog.getText(parent, title, text)
    return reason if ok else None
