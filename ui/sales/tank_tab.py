"""Ventas › Tanque: the stock in each centre's tank at opening and closing of a day, and the
readings of a range (one typed wrong is annulled with its reason; an earlier reading of the
same moment then counts again)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.services.sales.tanks import TankInfo, list_tanks, record_tank, void_tank
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.sales.dispatch_tab import centre_combo
from ui.sales.widgets import DayRange, ask_reason, fill, left, table


class TankTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.rows: list[TankInfo] = []
        self.moments = {"opening": self.tr("apertura"), "closing": self.tr("cierre")}
        layout = QVBoxLayout(self)
        entry = QHBoxLayout()
        self.centre = centre_combo(db, self)
        self.day = dates.DateField()
        self.moment = QComboBox()
        for key, label in self.moments.items():
            self.moment.addItem(label, key)
        self.litres = QLineEdit()
        self.litres.setPlaceholderText(self.tr("Litros en el tanque"))
        self.litres.returnPressed.connect(self.save)
        self.save_button = QPushButton(self.tr("Registrar lectura"))
        self.save_button.clicked.connect(lambda: self.save())
        for widget in (
            QLabel(self.tr("Centro:")),
            self.centre,
            self.day,
            self.moment,
            self.litres,
            self.save_button,
        ):
            entry.addWidget(widget)
        layout.addLayout(entry)
        self.range = DayRange(self.reload)
        layout.addWidget(self.range)
        self.table = table(
            [
                self.tr("Fecha"),
                self.tr("Centro"),
                self.tr("Momento"),
                self.tr("Litros"),
                self.tr("Estado"),
            ]
        )
        layout.addWidget(self.table, 1)
        self.void_button = QPushButton(self.tr("Anular lectura…"))
        self.void_button.clicked.connect(lambda: self.void())
        layout.addLayout(left(self.void_button))
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        follow(self, self.runner, ("sales", "centres"), self.reload)
        self.reload()

    def reload(self) -> None:
        start, end = self.range.range()
        self.rows = list_tanks(self.db, start, end)
        fill(
            self.table,
            [
                (
                    fmt.day(r.day),
                    r.centre,
                    self.moments[r.moment],
                    fmt.quantity(r.litres, "L"),
                    self.tr("ANULADA") if r.void else "",
                )
                for r in self.rows
            ],
        )

    def centre_code(self) -> str | None:
        code = self.centre.currentData()
        if code is None and self.centre.count() == 2:  # the only centre
            code = self.centre.itemData(1)
        return None if code is None else str(code)

    def save(self) -> None:
        if not self.day.confirm_far(self):  # a date of another month, said back first
            return
        try:
            code = self.centre_code()
            if code is None:
                self.status.setText(self.tr("Elija el centro de acopio."))
                return
            _reading, litres = record_tank(
                self.db,
                code,
                self.litres.text(),
                dates.pydate(self.day),
                str(self.moment.currentData()),
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.litres.clear()
        self.status.setText(
            self.tr("Tanque %1, %2 del %3: %4.")
            .replace("%1", code)
            .replace("%2", self.moment.currentText())
            .replace("%3", fmt.day(dates.pydate(self.day)))
            .replace("%4", fmt.quantity(litres, "L"))
        )
        self.runner.announce_writes(source=self)
        self.reload()

    def void(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.status.setText(self.tr("Elija la lectura a anular."))
            return
        r = self.rows[row]
        reason = ask_reason(self, self.tr("Anular lectura"), self.tr("Motivo para anularla:"))
        if reason is None:
            return
        try:
            void_tank(self.db, r.id, reason)
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.status.setText(self.tr("Lectura anulada."))
        self.runner.announce_writes(source=self)
        self.reload()
