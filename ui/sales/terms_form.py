"""A buyer's price terms as typed on Ventas: a fixed price per L or per kg, or a price scheme
picked from those the association stores (the members' schemes, every version) or from the
bundled presets, in force from a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
)

from coop_desktop.services.schemes import (
    list_schemes,
    preset_names,
    preset_text,
    version_definition,
)
from coop_desktop.storage.engine import Database
from ui.common import dates, fmt
from ui.common.preset_names import preset_title


class TermsForm(QObject):
    """Rows added to a form: the kind of terms, the price (or the scheme), the date."""

    def __init__(self, db: Database, form: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.fixed = QRadioButton(self.tr("Precio fijo"))
        self.by_scheme = QRadioButton(self.tr("Esquema de precios"))
        self.fixed.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.fixed)
        group.addButton(self.by_scheme)
        choice = QHBoxLayout()
        choice.addWidget(self.fixed)
        choice.addWidget(self.by_scheme)
        self.price = QLineEdit()
        self.price.setPlaceholderText("1.70")
        self.per = QComboBox()
        self.per.addItem(self.tr("por L"), "L")
        self.per.addItem(self.tr("por kg"), "kg")
        self.scheme = QComboBox()
        self.scheme.setObjectName("scheme-choice")  # the schemes' own titles are data
        self.effective = dates.DateField(future=True, field="effective")  # may start later
        price_row = QHBoxLayout()
        price_row.addWidget(self.price)
        price_row.addWidget(self.per)
        form.addRow(self.tr("Precio:"), choice)
        form.addRow(self.tr("S/:"), price_row)
        form.addRow(self.tr("Esquema:"), self.scheme)
        form.addRow(self.tr("Vigente desde:"), self.effective)
        self.fixed.toggled.connect(lambda _on: self.enable())
        self.reload()
        self.enable()

    def reload(self) -> None:
        """The stored scheme versions, then the presets."""
        self.scheme.clear()
        for v in list_schemes(self.db):
            text = self.tr("%1 (%2, desde %3)")
            shown = text.replace("%1", v.title or v.name).replace("%2", v.name)
            self.scheme.addItem(shown.replace("%3", fmt.day(v.effective_from)), ("stored", v.id))
        for name in preset_names():
            shown = self.tr("Plantilla: %1").replace("%1", preset_title(name))
            self.scheme.addItem(shown, ("preset", name))

    def enable(self) -> None:
        scheme = self.by_scheme.isChecked()
        self.price.setEnabled(not scheme)
        self.per.setEnabled(not scheme)
        self.scheme.setEnabled(scheme)

    def scheme_text(self) -> str | None:
        picked = self.scheme.currentData()
        if picked is None:
            return None
        kind, key = picked
        return version_definition(self.db, key) if kind == "stored" else preset_text(key)

    def values(self) -> dict[str, Any]:
        """Keyword arguments for `add_buyer` / `set_buyer_price`."""
        effective: date = dates.pydate(self.effective)
        if self.by_scheme.isChecked():
            return {"scheme_text": self.scheme_text(), "effective": effective}
        return {"price": self.price.text(), "per": self.per.currentData(), "effective": effective}

    def clear(self) -> None:
        self.price.clear()
