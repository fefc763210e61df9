"""Calidad: lab results typed in a row as fast as deliveries. Values outside the reference
(DOMAIN.md, NTP 202.001) turn amber as you type; impossible values turn red and are refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError, ValidationError
from coop_desktop.domain import validation as v
from coop_desktop.domain.instruments import AnalyzerReading
from coop_desktop.domain.measures import out_of_reference
from coop_desktop.services.quality import add_test, list_tests
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common import error_text as errors
from ui.common.changes import follow
from ui.common.export_dialog import export_button
from ui.common.member_lookup import MemberField, shared_index
from ui.common.runner import app_runner
from ui.common.tables import tidy
from ui.quality.analyzer_panel import AnalyzerPanel

KEYS = ("fat", "protein", "st", "snf", "density", "acidity", "ufc", "scc", "tram", "added_water")
AMBER = "background: #fff1c2"
RED = "background: #ffd6d6"


class QualityView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.index = shared_index(db)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.day = dates.DateField()
        self.saving = False
        self.lab = QLineEdit()
        self.lab.setPlaceholderText(self.tr("Laboratorio (opcional)"))
        self.delivery = QLineEdit()
        self.delivery.setPlaceholderText(self.tr("N° de entrega (opcional)"))
        self.delivery.setMaximumWidth(170)
        for w in (QLabel(self.tr("Fecha de muestra:")), self.day, self.lab, self.delivery):
            top.addWidget(w)
        top.addStretch()
        self.export_button = export_button(
            self, db, "quality", lambda: self.chosen_day().strftime("%Y-%m")
        )
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.analyzer = AnalyzerPanel(self.take_reading, self.clear_fields)
        layout.addWidget(self.analyzer)
        grid = QGridLayout()
        self.member = MemberField(self.index)
        grid.addWidget(QLabel(self.tr("Socio")), 0, 0)
        grid.addWidget(self.member, 1, 0)
        short = {
            "fat": self.tr("Grasa %"),
            "protein": self.tr("Proteína %"),
            "st": self.tr("ST %"),
            "snf": self.tr("SNF %"),
            "density": self.tr("Densidad"),
            "acidity": self.tr("Acidez"),
            "ufc": self.tr("UFC/mL"),
            "scc": self.tr("CCS/mL"),
            "tram": self.tr("TRAM h"),
            "added_water": self.tr("Agua %"),
        }
        self.fields: dict[str, QLineEdit] = {}
        for col, key in enumerate(KEYS, start=1):
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("1,250,000") + 14)  # fits UFC
            edit.textChanged.connect(lambda _t, k=key: self.check(k))
            edit.returnPressed.connect(self.save)
            grid.addWidget(QLabel(short[key]), 0, col)
            grid.addWidget(edit, 1, col)
            self.fields[key] = edit
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        self.member.returnPressed.connect(self.save)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        self.model = QStandardItemModel(0, len(KEYS) + 1, self)
        self.model.setHorizontalHeaderLabels([self.tr("Socio"), *(short[k] for k in KEYS)])
        self.table = QTableView()
        self.table.setModel(self.model)
        tidy(self.table, stretch=0)
        layout.addWidget(self.table)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        follow(self, self.runner, ("quality", "members"), self.refresh)
        self.refresh()

    def chosen_day(self) -> date:
        """The date the screen shows (the one committed in the date field)."""
        qdate = self.day.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def check(self, key: str) -> bool:
        """Colour a field: amber outside the reference, red when impossible."""
        edit = self.fields[key]
        text = edit.text().strip()
        if not text:
            edit.setStyleSheet("")
            edit.setToolTip("")
            return True
        try:
            value = v.measure(key, text)
        except CoopError as exc:
            edit.setStyleSheet(RED)
            edit.setToolTip(errors.message(exc))
            return False
        amber = not isinstance(value, bool) and out_of_reference(key, value)
        edit.setStyleSheet(AMBER if amber else "")
        edit.setToolTip(self.tr("Fuera del valor de referencia") if amber else "")
        return True

    def focus_on(self, member_code: str, delivery_id: int | None = None) -> None:
        """Ready to record the test a warning asks for: the member, the delivery and its day."""
        self.member.setText(member_code)
        if delivery_id:
            from coop_desktop.services.deliveries import get_delivery

            self.delivery.setText(str(delivery_id))
            day = get_delivery(self.db, delivery_id).date
            self.day.setDate(day)
        self.member.setFocus()

    def save(self) -> None:
        """Record the typed sample on the op runner; the fields take no typing meanwhile,
        and once it is recorded they are emptied for the next sample (the member too)."""
        if self.saving:
            return
        self.error.clear()
        measures: dict[str, object] = {
            k: e.text() for k, e in self.fields.items() if e.text().strip()
        }
        try:
            member = self.index.resolve(self.member.text())
            day = self.day.value()
            delivery = self.delivery.text().strip()
            if delivery and not delivery.isdigit():
                raise ValidationError("not_an_integer", "delivery", value=delivery)
        except CoopError as exc:
            self._refused(exc)
            return
        if not self.day.confirm_far(self):
            return
        db, lab = self.db, self.lab.text() or None
        self._hold(True)
        self.runner.run(
            lambda _c: add_test(
                db,
                member.code,
                day,
                measures,
                lab=lab,
                delivery_id=int(delivery) if delivery else None,
            ),
            lambda _t: self._saved(),
            self._failed,
            source=self,
        )

    def _hold(self, holding: bool) -> None:
        self.saving = holding
        for edit in (self.member, self.delivery, *self.fields.values()):
            edit.setReadOnly(holding)

    def _saved(self) -> None:
        self._hold(False)
        for edit in (self.member, self.delivery, *self.fields.values()):
            edit.setText("")
        self.member.forget()
        self.analyzer.used()  # the next pending reading, if any, fills the emptied form
        self.refresh()
        self.member.setFocus()

    def _failed(self, error: BaseException) -> None:
        self._hold(False)
        if isinstance(error, CoopError):
            self._refused(error)
        else:  # nothing typed is lost
            self.error.setText(errors.message(error))

    def _refused(self, exc: CoopError) -> None:
        self.error.setText(errors.message(exc))
        target = self.fields.get(exc.field or "") or (
            self.day.edit if exc.field == "date" else self.member
        )
        target.setFocus()

    def take_reading(self, reading: AnalyzerReading) -> bool:
        """An analyzer result fills the measure fields when they are empty; it is saved only
        by Enter, for the member typed in the member field."""
        if any(e.text().strip() for e in self.fields.values()):
            return False
        for key, value in reading.measures.items():
            if key in self.fields:
                self.fields[key].setText(str(value))
        self.member.setFocus()
        return True

    def clear_fields(self) -> None:
        for edit in self.fields.values():
            edit.clear()

    def refresh(self) -> None:
        """Read the chosen day's samples on the worker, then show them."""
        db, day = self.db, self.chosen_day()
        self.runner.run(
            lambda _c: list_tests(db, day),
            self._show,
            lambda e: self.error.setText(errors.message(e)),
            latest=self,
        )

    def _show(self, tests: list[Any]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for test in tests:
            row: list[Any] = [QStandardItem(test.member_code)]
            for key in KEYS:
                value = test.measures.get(key)
                item = QStandardItem("" if value is None else _shown(key, value))
                item.setTextAlignment(fmt.RIGHT)
                if (
                    value is not None
                    and not isinstance(value, bool)
                    and out_of_reference(key, value)
                ):
                    item.setBackground(_amber())
                row.append(item)
            self.model.appendRow(row)


def _shown(key: str, value: Decimal | bool) -> str:
    return fmt.measure(key, value)


def _amber() -> Any:
    from PySide6.QtGui import QColor

    return QColor("#fff1c2")
