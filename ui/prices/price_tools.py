"""Beside the scheme editor: a price calculator that shows the breakdown for a sample quality
as the scheme is edited, and a what-if panel that prices a past period with the edited scheme
and compares it member by member with what the schemes in force pay (or what was paid)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.core.i18n import language
from coop_desktop.domain import validation as v
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.pricing import model as m
from coop_desktop.domain.pricing.pricer import Pricer
from coop_desktop.language.formatting import CURRENCY_SYMBOLS
from coop_desktop.services.whatif import Simulation, simulate
from coop_desktop.storage.engine import Database
from ui.common import fmt
from ui.common.error_text import message
from ui.common.measure_names import measure_name, measure_unit
from ui.common.runner import OpRunner
from ui.common.tables import tidy
from ui.prices.scheme_form import choice_label

SAMPLE = {
    "fat": "3.60",
    "protein": "3.10",
    "st": "12.00",
    "snf": "8.40",
    "density": "1.0310",
    "acidity": "0.150",
    "ufc": "150000",
    "scc": "350000",
    "tram": "5.00",
    "added_water": "0.00",
    "temperature": "8.0",
}


def _cell(text: str, right: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class PriceCalculator(QGroupBox):
    """The breakdown of one sample delivery under the edited scheme, recomputed on each edit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Calculadora de precio"))
        self.scheme: m.Scheme | None = None
        self.values: dict[str, str] = dict(SAMPLE)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.quantity = QLineEdit("100")
        self.unit = QComboBox()
        self.unit.addItems(["kg", "L"])
        row.addWidget(QLabel(self.tr("Cantidad:")))
        row.addWidget(self.quantity)
        row.addWidget(self.unit)
        layout.addLayout(row)
        self.measures_form = QFormLayout()
        layout.addLayout(self.measures_form)
        self.inputs: dict[str, QLineEdit | QCheckBox] = {}
        flags = QGridLayout()
        self.flags: dict[str, QCheckBox] = {}
        for flag in m.FLAGS:
            box = QCheckBox(choice_label(flag))
            box.toggled.connect(self.recompute)
            self.flags[flag] = box
            flags.addWidget(box, len(self.flags) // 3, len(self.flags) % 3)
        layout.addLayout(flags)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("calculator-lines")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Factor"), self.tr("Regla"), self.tr("Por unidad"), self.tr("Monto")]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        tidy(self.table, stretch=1)
        self.table.setWordWrap(True)  # a step rule reads whole, on two lines if needed
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # a few rows: each as tall as its wrapped rule
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        self.total = QLabel()
        self.total.setObjectName("calculator-total")
        self.total.setWordWrap(True)
        layout.addWidget(self.total)
        self.quantity.textEdited.connect(lambda _t: self.recompute())
        self.unit.activated.connect(lambda _i: self.recompute())

    def set_scheme(self, scheme: m.Scheme | None) -> None:
        wanted: tuple[str, ...] = ()
        if scheme is not None:
            keys = [*scheme.measures(), *(r.measure for r in scheme.rejections)]
            wanted = tuple(dict.fromkeys(k for k in keys if k in MEASURES))
        if scheme is None or wanted != tuple(self.inputs):
            self._rebuild(wanted)
        self.scheme = scheme
        self.recompute()

    def _rebuild(self, keys: tuple[str, ...]) -> None:
        while self.measures_form.rowCount():
            self.measures_form.removeRow(0)
        self.inputs = {}
        for key in keys:
            spec = MEASURES[key]
            widget: QLineEdit | QCheckBox
            if spec.boolean:
                widget = QCheckBox(self.tr("positiva"))
                widget.toggled.connect(self.recompute)
            else:
                widget = QLineEdit(self.values.get(key, ""))
                widget.textEdited.connect(lambda text, k=key: self._typed(k, text))
            widget.setObjectName(f"sample-{key}")
            self.inputs[key] = widget
            unit = f" ({measure_unit(spec)})" if spec.unit else ""
            self.measures_form.addRow(f"{measure_name(spec)}{unit}:", widget)

    def _typed(self, key: str, text: str) -> None:
        self.values[key] = text
        self.recompute()

    def _measures(self) -> dict[str, Decimal | bool]:
        measures: dict[str, Decimal | bool] = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QCheckBox):
                measures[key] = widget.isChecked()
            elif widget.text().strip():
                measures[key] = v.measure(key, widget.text().strip())
        return measures

    def recompute(self) -> None:
        self.table.setRowCount(0)
        if self.scheme is None:
            self.total.setText(self.tr("Corrija el esquema para ver el precio."))
            return
        try:
            quantity = v.quantity(self.quantity.text().strip(), "quantity")
            flags = frozenset(f for f, box in self.flags.items() if box.isChecked())
            with language(fmt.lang()):  # the rules in words, in the screen's language
                result = Pricer(self.scheme).price(
                    quantity, self.unit.currentText(), self._measures(), flags
                )
        except CoopError as exc:
            self.total.setText(message(exc))
            return
        self.table.setRowCount(len(result.lines))
        for row, line in enumerate(result.lines):
            value = "" if line.value is None else f" ({fmt.flexible(line.value, 0, 4)})"
            self.table.setItem(row, 0, _cell(f"{line.label}{value}", right=False))
            self.table.setItem(row, 1, _cell(line.rule, right=False))
            self.table.setItem(row, 2, _cell(fmt.unit_price(line.per_unit)))
            self.table.setItem(row, 3, _cell(fmt.amount(line.amount)))
        warnings = "".join(f"<br><i>{w}</i>" for w in result.warnings)
        symbol = CURRENCY_SYMBOLS.get(result.currency, result.currency)
        self.total.setText(
            self.tr("<b>%1 %2 por %3</b> × %4 = <b>%5</b>")
            .replace("%1", symbol)
            .replace("%2", fmt.unit_price(result.unit_price))
            .replace("%3", fmt.unit_label(result.unit))
            .replace("%4", fmt.quantity(result.quantity, result.unit))
            .replace("%5", fmt.money(result.amount, result.currency))
            + warnings
        )


class WhatIfPanel(QGroupBox):
    """Simulate the edited scheme on a period, in the background; stale after any edit."""

    def __init__(self, db: Database, runner: OpRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("¿Y si…? Simular en un periodo"))
        self.db = db
        self.runner = runner
        self.text = ""
        self.simulation: Simulation | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.period = QLineEdit()
        self.period.setPlaceholderText("2026-10")
        self.run_button = QPushButton(self.tr("Simular"))
        self.run_button.clicked.connect(self.run)
        row.addWidget(QLabel(self.tr("Periodo:")))
        row.addWidget(self.period)
        row.addWidget(self.run_button)
        layout.addLayout(row)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("whatif-members")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Socio"),
                self.tr("Litros"),
                self.tr("Actual S/"),
                self.tr("Simulado S/"),
                self.tr("Diferencia S/"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        tidy(self.table, stretch=4)  # the member's code (the name on hovering it) whole
        layout.addWidget(self.table)
        self.total = QLabel()
        self.total.setObjectName("whatif-total")
        self.total.setWordWrap(True)
        layout.addWidget(self.total)

    def set_scheme_text(self, text: str, valid: bool) -> None:
        self.text = text
        self.run_button.setEnabled(valid)
        if self.simulation is not None:
            self.total.setText(
                self.tr("El esquema cambió: pulse Simular para ver la nueva diferencia.")
            )

    def run(self) -> None:
        db, text, code = self.db, self.text, self.period.text().strip()
        self.run_button.setEnabled(False)
        self.total.setText(self.tr("Simulando…"))
        self.runner.run(
            lambda _c: simulate(db, text, code),
            self.show_simulation,
            self._failed,
            label=self.tr("Simulando el esquema…"),
            parent=self,
        )

    def _failed(self, error: BaseException) -> None:
        self.run_button.setEnabled(True)
        self.total.setText(message(error))

    def show_simulation(self, sim: Simulation) -> None:
        self.run_button.setEnabled(True)
        self.simulation = sim
        rows: list[tuple[Any, ...]] = [
            (
                c.code,
                fmt.quantity(c.litres),
                fmt.amount(c.current),
                fmt.amount(c.simulated),
                fmt.signed_amount(c.difference),
            )
            for c in sim.members
        ]
        self.table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                self.table.setItem(r, c, _cell(text, right=c > 0))
            code = self.table.item(r, 0)
            if code is not None:
                code.setToolTip(sim.members[r].name)
        diff = sim.total("difference")
        self.total.setText(
            self.tr("%1: actual %2, simulado %3, diferencia <b>%4</b>")
            .replace("%1", self.tr("%Ln socio(s)", "", len(sim.members)))
            .replace("%2", fmt.money(sim.total("current")))
            .replace("%3", fmt.money(sim.total("simulated")))
            .replace("%4", ("+" if diff > 0 else "") + fmt.money(diff))
        )
