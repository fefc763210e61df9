"""Ventas › Planta propia: production batches (date, milk in, product, kg out; one recorded
by mistake is annulled with its reason), the product list the association extends, and the
yield in litres per kg per product and month, with the milk sent to the plant at its transfer
price."""

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
from coop_desktop.services.sales.plant import (
    BatchInfo,
    add_batch,
    add_product,
    list_batches,
    plant_report,
    product_names,
    void_batch,
)
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.runner import app_runner
from ui.sales.widgets import DayRange, ask_reason, fill, left, table


class PlantTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.rows: list[BatchInfo] = []
        layout = QVBoxLayout(self)
        entry = QHBoxLayout()
        self.day = dates.DateField()
        self.milk = QLineEdit()
        self.milk.setPlaceholderText(self.tr("Leche (L)"))
        self.product = QComboBox()
        self.out = QLineEdit()
        self.out.setPlaceholderText(self.tr("kg producidos"))
        self.batch_button = QPushButton(self.tr("Registrar lote"))
        self.batch_button.clicked.connect(lambda: self.add_batch())
        for widget in (
            QLabel(self.tr("Lote:")),
            self.day,
            self.milk,
            self.product,
            self.out,
            self.batch_button,
        ):
            entry.addWidget(widget)
        layout.addLayout(entry)
        products = QHBoxLayout()
        self.new_product = QLineEdit()
        self.new_product.setPlaceholderText(self.tr("Producto nuevo (p. ej. Manjar)"))
        self.product_button = QPushButton(self.tr("Agregar producto"))
        self.product_button.clicked.connect(lambda: self.add_product())
        self.products = QLabel()
        self.products.setWordWrap(True)
        for widget in (self.new_product, self.product_button):
            products.addWidget(widget)
        products.addWidget(self.products, 1)
        layout.addLayout(products)
        self.range = DayRange(self.reload)
        layout.addWidget(self.range)
        self.table = table(
            [
                self.tr("Fecha"),
                self.tr("Producto"),
                self.tr("Leche"),
                self.tr("kg"),
                self.tr("L/kg"),
                self.tr("Estado"),
            ]
        )
        layout.addWidget(self.table, 1)
        self.void_button = QPushButton(self.tr("Anular lote…"))
        self.void_button.clicked.connect(lambda: self.void())
        layout.addLayout(left(self.void_button))
        layout.addWidget(QLabel(self.tr("<b>Rendimiento por producto y mes</b>")))
        self.report = table(
            [self.tr("Mes"), self.tr("Producto"), self.tr("Lotes"), self.tr("Leche"), "kg", "L/kg"]
        )
        layout.addWidget(self.report, 1)
        self.transfer = QLabel()
        layout.addWidget(self.transfer)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        follow(self, self.runner, ("sales",), self.reload)
        self.reload()

    def reload(self) -> None:
        names = product_names(self.db)
        keep = self.product.currentText()
        self.product.clear()
        self.product.addItems(names)
        if keep in names:
            self.product.setCurrentText(keep)
        self.products.setText(self.tr("Productos: %1").replace("%1", ", ".join(names)))
        start, end = self.range.range()
        self.rows = list_batches(self.db, start, end)
        fill(
            self.table,
            [
                (
                    fmt.day(b.day),
                    b.product,
                    fmt.quantity(b.milk_l, "L"),
                    fmt.quantity(b.kg_out, "kg"),
                    "—" if b.yield_l_per_kg is None else fmt.number(b.yield_l_per_kg),
                    self.tr("ANULADO") if b.void else "",
                )
                for b in self.rows
            ],
        )
        report = plant_report(self.db, start, end)
        fill(
            self.report,
            [
                (
                    r.month,
                    r.product,
                    str(r.batches),
                    fmt.quantity(r.milk_l, "L"),
                    fmt.quantity(r.kg_out, "kg"),
                    "—" if r.yield_l_per_kg is None else fmt.number(r.yield_l_per_kg),
                )
                for r in report.rows
            ],
        )
        self.transfer.setText(
            self.tr("Leche recibida por la planta: %1 por %2 (precio de transferencia).")
            .replace("%1", fmt.quantity(report.transfer_l, "L"))
            .replace("%2", fmt.money(report.transfer_amount))
        )

    def add_batch(self) -> None:
        if not self.day.confirm_far(self):  # a date of another month, said back first
            return
        try:
            made = add_batch(
                self.db,
                dates.pydate(self.day),
                self.milk.text(),
                "L",
                self.product.currentText(),
                self.out.text(),
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.milk.clear()
        self.out.clear()
        self.status.setText(
            self.tr("Lote %1 de %2: %3 L/kg.")
            .replace("%1", str(made.id))
            .replace("%2", made.product)
            .replace("%3", "—" if made.yield_l_per_kg is None else fmt.number(made.yield_l_per_kg))
        )
        self.runner.announce_writes(source=self)
        self.reload()

    def add_product(self) -> None:
        try:
            name = add_product(self.db, self.new_product.text())
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.new_product.clear()
        self.status.setText(self.tr("Producto agregado: %1.").replace("%1", name))
        self.runner.announce_writes(source=self)
        self.reload()
        self.product.setCurrentText(name)

    def void(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.status.setText(self.tr("Elija el lote a anular."))
            return
        b = self.rows[row]
        reason = ask_reason(self, self.tr("Anular lote"), self.tr("Motivo para anularlo:"))
        if reason is None:
            return
        try:
            void_batch(self.db, b.id, reason)
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.status.setText(self.tr("Lote %1 anulado.").replace("%1", str(b.id)))
        self.runner.announce_writes(source=self)
        self.reload()
