"""The member's practices on the Socios form: every span held (from, until), and the facts
typed now — "adoptó desde" or "la dejó desde" a day — saved with the member, in the same
unit of work. A fact is never edited: a practice recorded by mistake is left on the day it
was adopted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.domain.practices import ADOPTED, LEFT
from coop_desktop.language import formatting as fmt
from coop_desktop.services.practices import Fact, HeldSpan, PracticeInfo
from ui.common import dates
from ui.common.fmt import lang


class PracticeBox(QGroupBox):
    def __init__(
        self,
        practices: list[PracticeInfo],
        spans: list[HeldSpan],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Prácticas (con la fecha en que empezó o dejó cada una)"))
        self.practices = {p.code: p for p in practices}
        self.lang = lang()
        self.spans = spans
        self.pending: list[Fact] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Práctica"), self.tr("Desde"), self.tr("Hasta")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 300)
        self.table.setMinimumHeight(110)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.practice = QComboBox()
        self.practice.setObjectName("practice")
        for p in practices:
            self.practice.addItem(p.label(self.lang), p.code)
        self.day = dates.DateField(marks_far=False)  # a member's history: any past day
        self.day.setObjectName("practice_day")
        self.adopted_button = QPushButton(self.tr("Adoptó desde esta fecha"))
        self.left_button = QPushButton(self.tr("La dejó desde esta fecha"))
        self.adopted_button.clicked.connect(lambda: self.add(ADOPTED))
        self.left_button.clicked.connect(lambda: self.add(LEFT))
        for w in (self.practice, self.day, self.adopted_button, self.left_button):
            row.addWidget(w)
        row.setStretch(0, 1)
        layout.addLayout(row)
        self.show_rows()

    def add(self, kind: str) -> None:
        """A fact to save with the member (checked by the service when saved)."""
        self.pending.append(Fact(str(self.practice.currentData()), kind, dates.pydate(self.day)))
        self.show_rows()

    def name(self, code: str) -> str:
        p = self.practices.get(code)
        return p.label(self.lang) if p is not None else code

    def show_rows(self) -> None:
        rows = [
            (self.name(s.code), fmt.day(s.start), fmt.day(s.end) if s.end else "—")
            for s in self.spans
        ]
        for f in self.pending:
            when = fmt.day(f.day)
            rows.append(
                (
                    self.name(f.practice) + " " + self.tr("(por guardar)"),
                    when if f.kind == ADOPTED else "",
                    when if f.kind == LEFT else "",
                )
            )
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
