"""The margin of the collection in a box: sales, members' milk, expenses, the margin per
litre and %, and the producers' share. On Inicio for the current month; in Indicadores for
any range (its own dates and button). Computed on the op runner."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner

if TYPE_CHECKING:
    from coop_desktop.domain.sales.margin import Margin


class MarginPanel(QGroupBox):
    def __init__(
        self, db: Database, *, with_range: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Margen del acopio"))
        self.db = db
        self.runner = app_runner()
        self.result: Margin | None = None
        layout = QVBoxLayout(self)
        today = clock.today()
        self.start = dates.DateField(today.replace(day=1), marks_far=False)  # a range
        self.end = dates.DateField(today, marks_far=False)
        if with_range:
            row = QHBoxLayout()
            for label, edit in ((self.tr("Desde:"), self.start), (self.tr("Hasta:"), self.end)):
                row.addWidget(QLabel(label))
                row.addWidget(edit)
            self.compute_button = QPushButton(self.tr("Calcular margen"))
            self.compute_button.clicked.connect(lambda: self.reload())
            row.addWidget(self.compute_button)
            row.addStretch()
            layout.addLayout(row)
        self.figures = QLabel(self.tr("Calculando…"))
        self.figures.setWordWrap(True)
        layout.addWidget(self.figures)
        if not with_range:
            follow(self, self.runner, ("sales", "periods", "deliveries"), self.reload)
        self.reload()

    def range(self) -> tuple[date, date]:
        return dates.pydate(self.start), dates.pydate(self.end)

    def reload(self) -> None:
        start, end = self.range()

        def read(_context: object) -> Margin:
            # The sales (pydantic, the price schemes) are imported by the runner's first op,
            # before this one runs (ui/warmup.py), not by the window's thread at start.
            from coop_desktop.services.sales.margin import margin_report

            return margin_report(self.db, start, end)

        self.runner.run(
            read,
            self.show_margin,
            lambda exc: self.figures.setText(message(exc)),
            latest=self,  # only the newest range's margin is shown
        )

    def show_margin(self, m: Margin) -> None:
        from coop_desktop.documents.sales_labels import margin_lines  # loaded by the first op

        self.result = m
        lines = margin_lines(m, fmt.lang())
        text = " · ".join(f"{label}: <b>{value}</b>" for label, value in lines[3:])
        if m.provisional:
            text += " · " + self.tr("<i>provisional</i>")
        self.figures.setText(text)
