"""Calidad: a milk analyzer on a serial port. Each result arrives as a pending row — never
saved on its own: the first pending reading fills the measure fields for the member chosen
on screen, and only Enter (the screen's own save) records it. Lines the model's format does
not read are listed as discarded, with the reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError
from coop_desktop.domain.instruments import (
    PRESETS,
    AnalyzerFormat,
    AnalyzerReading,
    parse_analyzer_line,
)
from ui.common import settings
from ui.common.serial_reader import BAUD_RATES, SerialLineReader, available_ports

CUSTOM = "custom"


class AnalyzerPanel(QWidget):
    status: QLabel

    def __init__(
        self,
        on_reading: Callable[[AnalyzerReading], bool],
        on_discard: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        """`on_reading(reading)` offers a reading to the form; it answers whether the form
        took it (an empty form does; one being typed does not). `on_discard()` clears the
        form when the person discards the reading it holds."""
        super().__init__(parent)
        self.on_reading = on_reading
        self.on_discard = on_discard
        self.reader = SerialLineReader(self)
        self.reader.line.connect(self.receive)
        self.reader.failed.connect(lambda text: self.status.setText(text))
        self.pending: list[AnalyzerReading] = []
        self.in_form: AnalyzerReading | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.port = QComboBox()
        self.port.setEditable(True)
        self.port.addItems(available_ports())
        self.port.setCurrentText(settings.ANALYZER_PORT.get(self.port.currentText()))
        self.model = QComboBox()
        labels = {
            "pairs": self.tr("Pares CLAVE=VALOR (FAT=3.5 SNF=8.2)"),
            "lactoscan": self.tr("Lactoscan (columnas)"),
            "ekomilk": self.tr("Ekomilk (columnas)"),
            "milkotester": self.tr("Milkotester (pares)"),
            CUSTOM: self.tr("Patrón propio"),
        }
        for key, label in labels.items():
            self.model.addItem(label, key)
        self.model.setCurrentIndex(max(0, self.model.findData(settings.ANALYZER_MODEL.get())))
        self.pattern = QLineEdit(settings.ANALYZER_PATTERN.get())
        self.pattern.setPlaceholderText(self.tr("FAT=(?P<fat>\\S+) SNF=(?P<snf>\\S+)"))
        self.baud = QComboBox()
        for rate in BAUD_RATES:
            self.baud.addItem(str(rate), rate)
        self.baud.setCurrentIndex(self.baud.findData(settings.ANALYZER_BAUD.get()))
        self.pattern.setVisible(self.model.currentData() == CUSTOM)
        self.model.currentIndexChanged.connect(
            lambda _i: self.pattern.setVisible(self.model.currentData() == CUSTOM)
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.connect_button = QPushButton(self.tr("Conectar analizador"))
        self.connect_button.clicked.connect(self.toggle)
        for w in (
            QLabel(self.tr("Analizador:")),
            self.port,
            self.model,
            self.pattern,
            self.baud,
            self.connect_button,
        ):
            row.addWidget(w)
        row.addStretch()
        layout.addLayout(row)
        self.status = QLabel()
        layout.addWidget(self.status)
        pending_row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setMaximumHeight(90)
        pending_row.addWidget(self.list, 1)
        self.discard_button = QPushButton(self.tr("Descartar resultado"))
        self.discard_button.clicked.connect(self.discard)
        pending_row.addWidget(self.discard_button)
        layout.addLayout(pending_row)
        self.discarded = 0

    def current_format(self) -> AnalyzerFormat:
        key = self.model.currentData()
        if key == CUSTOM:
            return AnalyzerFormat("custom", "regex", pattern=self.pattern.text(), required=())
        return PRESETS[key]

    def toggle(self) -> None:
        if self.reader.is_open():
            self.reader.close()
            self.connect_button.setText(self.tr("Conectar analizador"))
            self.status.setText(self.tr("Desconectado."))
            return
        settings.ANALYZER_PORT.set(self.port.currentText())
        settings.ANALYZER_MODEL.set(self.model.currentData())
        settings.ANALYZER_PATTERN.set(self.pattern.text())
        settings.ANALYZER_BAUD.set(int(self.baud.currentData()))
        if self.reader.open(self.port.currentText(), int(self.baud.currentData())):
            self.connect_button.setText(self.tr("Desconectar"))
            self.status.setText(
                self.tr("Esperando resultados en %1…").replace("%1", self.port.currentText())
            )

    def receive(self, line: str) -> None:
        try:
            reading = parse_analyzer_line(line, self.current_format())
        except CoopError as exc:
            self.discarded += 1
            self.status.setText(self.tr("Línea descartada: %1").replace("%1", exc.render("es")))
            return
        self.pending.append(reading)
        self.list.addItem(f"{clock.now():%H:%M:%S}  {reading.line}")
        self.offer()

    def offer(self) -> None:
        """Hand the oldest pending reading to the form, if the form is free."""
        if self.in_form is None and self.pending and self.on_reading(self.pending[0]):
            self.in_form = self.pending[0]
            self.status.setText(
                self.tr("Resultado en el formulario: elija el socio y pulse Enter para guardarlo.")
            )

    def used(self) -> None:
        """The form saved the reading it held: it leaves the pending list."""
        if self.in_form is not None:
            index = self.pending.index(self.in_form)
            self.pending.pop(index)
            self.list.takeItem(index)
            self.in_form = None
            self.status.clear()
        self.offer()

    def discard(self) -> None:
        """Drop the reading in the form (a spoiled sample): nothing is recorded."""
        if self.in_form is not None:
            self.on_discard()
            self.used()
