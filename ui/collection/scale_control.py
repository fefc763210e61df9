"""Acopio: a weighing scale on a serial port fills the quantity field. A weight is taken
only when the scale says it is steady (when its format says so) and the last readings agree
(`StableWeight` in the core); the unit becomes kg. Saving stays the person's Enter."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from coop_desktop.core.errors import CoopError
from coop_desktop.domain.instruments import SCALE_PRESETS, StableWeight, parse_scale_line
from coop_desktop.language import formatting
from ui.common import settings
from ui.common.serial_reader import BAUD_RATES, SerialLineReader, available_ports

CUSTOM = "custom"


class ScaleControl(QWidget):
    status: QLabel

    def __init__(self, on_weight: Callable[[Decimal], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_weight = on_weight
        self.reader = SerialLineReader(self)
        self.reader.line.connect(self.receive)
        self.reader.failed.connect(lambda text: self.status.setText(text))
        self.stable = StableWeight()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.port = QComboBox()
        self.port.setEditable(True)
        self.port.addItems(available_ports())
        self.port.setCurrentText(settings.SCALE_PORT.get(self.port.currentText()))
        self.format = QComboBox()
        for key, label in (
            ("st-gs", self.tr("ST,GS,+ 12.50 kg")),
            ("question-mark", self.tr("12.50 kg ? (inestable)")),
            ("number", self.tr("Solo el número")),
            (CUSTOM, self.tr("Patrón propio")),
        ):
            self.format.addItem(label, key)
        self.format.setCurrentIndex(max(0, self.format.findData(settings.SCALE_FORMAT.get())))
        self.pattern = QLineEdit(settings.SCALE_PATTERN.get())
        self.pattern.setPlaceholderText("(?P<weight>\\d+\\.\\d+)\\s*kg")
        self.baud = QComboBox()
        for rate in BAUD_RATES:
            self.baud.addItem(str(rate), rate)
        self.baud.setCurrentIndex(self.baud.findData(settings.SCALE_BAUD.get()))
        self.pattern.setVisible(self.format.currentData() == CUSTOM)
        self.format.currentIndexChanged.connect(
            lambda _i: self.pattern.setVisible(self.format.currentData() == CUSTOM)
        )
        self.connect_button = QPushButton(self.tr("Conectar balanza"))
        self.connect_button.clicked.connect(self.toggle)
        self.status = QLabel()
        for w in (
            QLabel(self.tr("Balanza:")),
            self.port,
            self.format,
            self.pattern,
            self.baud,
            self.connect_button,
            self.status,
        ):
            row.addWidget(w)
        row.setStretch(6, 1)

    def pattern_text(self) -> str:
        key = self.format.currentData()
        return self.pattern.text() if key == CUSTOM else SCALE_PRESETS[key]

    def toggle(self) -> None:
        if self.reader.is_open():
            self.reader.close()
            self.connect_button.setText(self.tr("Conectar balanza"))
            self.status.clear()
            return
        settings.SCALE_PORT.set(self.port.currentText())
        settings.SCALE_FORMAT.set(self.format.currentData())
        settings.SCALE_PATTERN.set(self.pattern.text())
        settings.SCALE_BAUD.set(int(self.baud.currentData()))
        self.stable = StableWeight()
        if self.reader.open(self.port.currentText(), int(self.baud.currentData())):
            self.connect_button.setText(self.tr("Desconectar"))

    def receive(self, line: str) -> None:
        try:
            reading = parse_scale_line(line, self.pattern_text())
        except CoopError as exc:
            self.status.setText(exc.render("es"))
            return
        shown = formatting.quantity(reading.weight, "kg")
        weight = self.stable.push(reading)
        if weight is not None:
            self.on_weight(weight)
        if reading.stable is not False and reading.weight == self.stable.offered:
            self.status.setText(self.tr("%1 estable").replace("%1", shown))
        else:
            self.status.setText(shown if reading.stable is not False else f"{shown} …")
