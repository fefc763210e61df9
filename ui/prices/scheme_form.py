"""Forms that edit price-scheme data in place: one form per component family, generated
from the strict scheme model (`domain.pricing.scheme_model`): every key the model holds is a
field here, with the widget its kind asks for (bands as an editable table, the fat × SNF
chart as a grid, rejection rules as rows). Only the labels are written here, per key.

The data is the scheme's JSON (a dict); numbers stay the text the treasurer typed, because
the engine's validation (`schema.parse`) reads them exactly and names each problem by its
path (`components[2].bands[1].low`), which `show_errors` puts back on the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
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

from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.pricing import scheme_model as sm
from ui.common.measure_names import measure_name
from ui.common.slots import in_turn
from ui.common.tables import stored_text
from ui.common.words import QT_TRANSLATE_NOOP

ERROR_STYLE = "border: 1px solid #c0392b; background: #fdecea;"
ERROR_BRUSH = QBrush(QColor("#f5b7b1"))
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Field:
    """One value of the data: `key` is a dotted path inside the edited dict."""

    key: str
    label: str
    kind: str = "number"  # number, integer, text, choice, measure, bands, missing, chart, list
    choices: tuple[str, ...] = ()
    optional: bool = False


def get_path(data: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)  # type: ignore[assignment]
    return data


def set_path(data: dict[str, Any], key: str, value: Any) -> None:
    parts = key.split(".")
    for part in parts[:-1]:
        inner = data.get(part)
        if not isinstance(inner, dict):
            inner = data[part] = {}
        data = inner
    if value is None or value == "":
        data.pop(parts[-1], None)
    else:
        data[parts[-1]] = value


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


class Notifier(QObject):
    changed = Signal()


class _Editor:
    """One field's widget: reads the data, writes it back, shows its own errors."""

    def __init__(self, field: Field, widget: QWidget, note: QLabel) -> None:
        self.field = field
        self.widget = widget
        self.note = note

    def load(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def store(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        """`errors` are (path below this field, message); an empty list clears."""
        self.widget.setStyleSheet(ERROR_STYLE if errors else "")
        self.widget.setToolTip("\n".join(text for _, text in errors))
        self.note.setText("\n".join(text for _, text in errors))
        self.note.setVisible(bool(errors))


class LineEditor(_Editor):
    def __init__(self, field: Field, note: QLabel, on_change: Callable[[], None]) -> None:
        edit = QLineEdit()
        edit.setObjectName(f"field-{field.key}")
        edit.textEdited.connect(lambda _t: on_change())
        super().__init__(field, edit, note)
        self.edit = edit

    def load(self, data: dict[str, Any]) -> None:
        value = get_path(data, self.field.key)
        if self.field.kind == "list" and isinstance(value, list):
            value = "; ".join(as_text(v) for v in value)
        self.edit.setText(as_text(value))
        self.edit.setCursorPosition(0)  # a long title shows its beginning

    def store(self, data: dict[str, Any]) -> None:
        text = self.edit.text().strip()
        value: Any = text
        if self.field.kind == "list":
            value = [p.strip() for p in text.split(";") if p.strip()] if text else None
        elif self.field.kind == "integer" and text.isdigit():
            value = int(text)  # the schema wants a JSON integer here, not a numeric string
        set_path(data, self.field.key, value)


class ChoiceEditor(_Editor):
    def __init__(self, field: Field, note: QLabel, on_change: Callable[[], None]) -> None:
        combo = QComboBox()
        combo.setObjectName(f"field-{field.key}")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        if field.optional:
            combo.addItem("—", "")
        for value in field.choices:
            spec = MEASURES.get(value) if field.kind == "measure" else None
            combo.addItem(measure_name(spec) if spec else choice_label(value), value)
        combo.activated.connect(lambda _i: on_change())
        super().__init__(field, combo, note)
        self.combo = combo

    def load(self, data: dict[str, Any]) -> None:
        value = as_text(get_path(data, self.field.key))
        index = self.combo.findData(value)
        if index < 0 and value:
            self.combo.addItem(value, value)  # keep an unknown value visible (and invalid)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))

    def store(self, data: dict[str, Any]) -> None:
        set_path(data, self.field.key, self.combo.currentData() or None)


class MissingEditor(_Editor):
    """What to do when a measure is missing: stop, warn, use a value, or a fixed amount."""

    ACTIONS: tuple[str, ...] = ("stop", "warn", "use", "amount")
    KEY = "if_missing"

    def _labels(self) -> tuple[str, ...]:
        return (
            translate("SchemeForm", "detener el cierre"),
            translate("SchemeForm", "avisar y pagar sin este factor"),
            translate("SchemeForm", "usar el valor"),
            translate("SchemeForm", "aplicar el monto"),
        )

    def __init__(self, field: Field, note: QLabel, on_change: Callable[[], None]) -> None:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setObjectName(f"field-{field.key}")
        for action, text in zip(self.ACTIONS, self._labels(), strict=True):
            self.combo.addItem(text, action)
        self.value = QLineEdit()
        self.value.setPlaceholderText(translate("SchemeForm", "valor"))
        self.combo.activated.connect(in_turn(self._enable, on_change))
        self.value.textEdited.connect(lambda _t: on_change())
        row.addWidget(self.combo, 1)
        row.addWidget(self.value)
        super().__init__(field, box, note)

    def _enable(self) -> None:
        self.value.setEnabled(self.combo.currentData() in ("use", "amount"))

    def load(self, data: dict[str, Any]) -> None:
        raw = data.get(self.KEY, "stop")
        action, value = (raw, "") if isinstance(raw, str) else next(iter(raw.items()), ("", ""))
        self.combo.setCurrentIndex(max(self.combo.findData(action), 0))
        self.value.setText(as_text(value))
        self._enable()

    def store(self, data: dict[str, Any]) -> None:
        action = self.combo.currentData()
        if action in ("use", "amount"):
            data[self.KEY] = {action: self.value.text().strip()}
        elif action == "stop":
            data.pop(self.KEY, None)
        else:
            data[self.KEY] = action


class OutsideEditor(MissingEditor):
    """What a chart does with a value outside it: stop, use the nearest cell, or a rate."""

    ACTIONS = ("stop", "nearest", "amount")
    KEY = "if_outside"

    def _labels(self) -> tuple[str, ...]:
        return (
            translate("SchemeForm", "detener el cierre"),
            translate("SchemeForm", "usar la casilla más cercana"),
            translate("SchemeForm", "pagar la tarifa"),
        )


class TableEditor(_Editor):
    """A list of dicts as rows (bands, volume tiers, rejection rules), with add/remove."""

    _loading: bool

    def __init__(
        self,
        field: Field,
        note: QLabel,
        on_change: Callable[[], None],
        columns: list[tuple[str, str]],
    ) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.columns = columns
        self.table = QTableWidget(0, len(columns))
        self.table.setObjectName(f"field-{field.key}")
        stored_text(  # labels and reasons are the scheme's own words
            self.table, *(i for i, (key, _l) in enumerate(columns) if key in ("label", "reason"))
        )
        self.table.setHorizontalHeaderLabels(
            [translate("SchemeForm", label) for _, label in columns]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setMinimumHeight(150)
        self.table.itemChanged.connect(lambda _i: None if self._loading else on_change())
        buttons = QHBoxLayout()
        add = QPushButton(translate("SchemeForm", "Agregar fila"))
        remove = QPushButton(translate("SchemeForm", "Quitar fila"))
        add.clicked.connect(in_turn(self._add_row, on_change))
        remove.clicked.connect(lambda: self._remove(on_change))
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._loading = False
        super().__init__(field, box, note)

    def _add_row(self) -> None:
        row = self.table.rowCount()
        self._loading = True
        self.table.insertRow(row)
        for c, (key, _label) in enumerate(self.columns):
            if key in CHECK_COLUMNS:
                cell = QTableWidgetItem("")
                cell.setFlags(cell.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                cell.setCheckState(Qt.CheckState.Unchecked)
                self.table.setItem(row, c, cell)
        self._loading = False

    def _remove(self, on_change: Callable[[], None]) -> None:
        row = self.table.currentRow()
        self.table.removeRow(row if row >= 0 else self.table.rowCount() - 1)
        on_change()

    def load(self, data: dict[str, Any]) -> None:
        rows = get_path(data, self.field.key)
        rows = rows if isinstance(rows, list) else []
        self._loading = True
        self.table.setRowCount(len(rows))
        for r, item in enumerate(rows):
            for c, (key, _label) in enumerate(self.columns):
                value = item.get(key) if isinstance(item, dict) else None
                if key in CHECK_COLUMNS:  # a yes/no: a box to tick, never "True"
                    cell = QTableWidgetItem("")
                    cell.setFlags(cell.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    cell.setCheckState(
                        Qt.CheckState.Checked if value is True else Qt.CheckState.Unchecked
                    )
                    self.table.setItem(r, c, cell)
                else:
                    self.table.setItem(r, c, QTableWidgetItem(as_text(value)))
        self._loading = False

    def store(self, data: dict[str, Any]) -> None:
        rows = []
        for r in range(self.table.rowCount()):
            row: dict[str, Any] = {}
            for c, (key, _label) in enumerate(self.columns):
                item = self.table.item(r, c)
                text = item.text().strip() if item else ""
                if key in CHECK_COLUMNS:
                    row[key] = item is not None and item.checkState() == Qt.CheckState.Checked
                elif text:
                    row[key] = text
                elif key in ("low", "high"):
                    row[key] = None  # an open end
            rows.append(row)
        set_path(data, self.field.key, rows)

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        super().show_errors(errors)
        self.widget.setStyleSheet("")
        keys = [key for key, _ in self.columns]
        self._loading = True
        for r in range(self.table.rowCount()):
            for c in range(len(keys)):
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem("")
                    self.table.setItem(r, c, item)
                item.setBackground(QBrush())
        for sub, _text in errors:
            # sub is like "[1].low" or "[1]" or "" (the whole list)
            if not sub.startswith("["):
                continue
            row = int(sub[1 : sub.index("]")])
            key = sub[sub.index("]") + 2 :] if "." in sub else ""
            for c, k in enumerate(keys):
                item = self.table.item(row, c) if row < self.table.rowCount() else None
                if item is not None and (not key or key == k):
                    item.setBackground(ERROR_BRUSH)
        self._loading = False


class ChartEditor(_Editor):
    """The fat × SNF price chart: the row and column edges as text, the rates as a grid."""

    _loading: bool

    def __init__(self, field: Field, note: QLabel, on_change: Callable[[], None]) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.row_edges = QLineEdit()
        self.col_edges = QLineEdit()
        self.row_edges.setObjectName("field-rows.edges")
        self.col_edges.setObjectName("field-cols.edges")
        for edit in (self.row_edges, self.col_edges):
            edit.setPlaceholderText("3.0; 3.5; 4.0; 4.5")
            edit.editingFinished.connect(in_turn(self._reshape, on_change))
        form.addRow(translate("SchemeForm", "Límites de filas:"), self.row_edges)
        form.addRow(translate("SchemeForm", "Límites de columnas:"), self.col_edges)
        self.grid = QTableWidget(0, 0)
        self.grid.setObjectName("field-rates")
        self.grid.setMinimumHeight(180)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.itemChanged.connect(lambda _i: None if self._loading else on_change())
        layout.addLayout(form)
        layout.addWidget(self.grid)
        self._loading = False
        super().__init__(field, box, note)

    @staticmethod
    def _edges(edit: QLineEdit) -> list[str]:
        return [p.strip() for p in edit.text().split(";") if p.strip()]

    def _labels(self, edges: list[str]) -> list[str]:
        return [f"{a}–{b}" for a, b in pairwise(edges)]

    def _reshape(self, rates: list[list[str]] | None = None) -> None:
        """Resize the grid to the edges, keeping what was typed."""
        if rates is None:
            rates = self._rates()
        rows, cols = (
            self._labels(self._edges(self.row_edges)),
            self._labels(self._edges(self.col_edges)),
        )
        self._loading = True
        self.grid.setRowCount(len(rows))
        self.grid.setColumnCount(len(cols))
        self.grid.setVerticalHeaderLabels(rows)
        self.grid.setHorizontalHeaderLabels(cols)
        for r in range(len(rows)):
            for c in range(len(cols)):
                value = rates[r][c] if r < len(rates) and c < len(rates[r]) else ""
                self.grid.setItem(r, c, QTableWidgetItem(value))
        self._loading = False

    def _rates(self) -> list[list[str]]:
        out = []
        for r in range(self.grid.rowCount()):
            row = []
            for c in range(self.grid.columnCount()):
                item = self.grid.item(r, c)
                row.append(item.text().strip() if item else "")
            out.append(row)
        return out

    def load(self, data: dict[str, Any]) -> None:
        self.row_edges.setText("; ".join(as_text(e) for e in get_path(data, "rows.edges") or []))
        self.col_edges.setText("; ".join(as_text(e) for e in get_path(data, "cols.edges") or []))
        raw = data.get("rates")
        rates = [[as_text(v) for v in row] for row in raw] if isinstance(raw, list) else []
        self._reshape(rates)

    def store(self, data: dict[str, Any]) -> None:
        set_path(data, "rows.edges", self._edges(self.row_edges))
        set_path(data, "cols.edges", self._edges(self.col_edges))
        data["rates"] = [[v if v else None for v in row] for row in self._rates()]

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        super().show_errors(errors)
        self.widget.setStyleSheet("")
        self.row_edges.setStyleSheet(
            ERROR_STYLE if any(p.startswith("rows") for p, _ in errors) else ""
        )
        self.col_edges.setStyleSheet(
            ERROR_STYLE if any(p.startswith("cols") for p, _ in errors) else ""
        )
        self._loading = True
        for r in range(self.grid.rowCount()):
            for c in range(self.grid.columnCount()):
                item = self.grid.item(r, c)
                if item is not None:
                    bad = any(p.startswith(f"rates[{r}][{c}]") for p, _ in errors)
                    item.setBackground(ERROR_BRUSH if bad else QBrush())
        self._loading = False


LABELS: dict[str, str] = {  # by key; FAMILY_LABELS overrides a key within one family
    "label": QT_TRANSLATE_NOOP("SchemeForm", "Nombre en la boleta:"),
    "rate": QT_TRANSLATE_NOOP("SchemeForm", "Precio por unidad:"),
    "measure": QT_TRANSLATE_NOOP("SchemeForm", "Medida:"),
    "reference": QT_TRANSLATE_NOOP("SchemeForm", "Referencia:"),
    "step": QT_TRANSLATE_NOOP("SchemeForm", "Tamaño del escalón:"),
    "bonus": QT_TRANSLATE_NOOP("SchemeForm", "Bonificación por escalón:"),
    "penalty": QT_TRANSLATE_NOOP("SchemeForm", "Castigo por escalón:"),
    "max_bonus": QT_TRANSLATE_NOOP("SchemeForm", "Bonificación máxima:"),
    "max_penalty": QT_TRANSLATE_NOOP("SchemeForm", "Castigo máximo:"),
    "if_missing": QT_TRANSLATE_NOOP("SchemeForm", "Si falta la medida:"),
    "if_outside": QT_TRANSLATE_NOOP("SchemeForm", "Fuera de la tabla:"),
    "bands": QT_TRANSLATE_NOOP("SchemeForm", "Bandas:"),
    "flag": QT_TRANSLATE_NOOP("SchemeForm", "Condición:"),
    "amount": QT_TRANSLATE_NOOP("SchemeForm", "Monto:"),
    "on": QT_TRANSLATE_NOOP("SchemeForm", "Según:"),
    "tiers": QT_TRANSLATE_NOOP("SchemeForm", "Tramos:"),
    "rows.measure": QT_TRANSLATE_NOOP("SchemeForm", "Medida de las filas:"),
    "cols.measure": QT_TRANSLATE_NOOP("SchemeForm", "Medida de las columnas:"),
    "rates": QT_TRANSLATE_NOOP("SchemeForm", "Precios:"),
    "divisor": QT_TRANSLATE_NOOP("SchemeForm", "Unidad de diferencia:"),
    "min": QT_TRANSLATE_NOOP("SchemeForm", "Mínimo:"),
    "max": QT_TRANSLATE_NOOP("SchemeForm", "Máximo:"),
    "per": QT_TRANSLATE_NOOP("SchemeForm", "Por:"),
    "name": QT_TRANSLATE_NOOP("SchemeForm", "Identificador:"),
    "title": QT_TRANSLATE_NOOP("SchemeForm", "Título:"),
    "description": QT_TRANSLATE_NOOP("SchemeForm", "Descripción:"),
    "currency": QT_TRANSLATE_NOOP("SchemeForm", "Moneda:"),
    "unit": QT_TRANSLATE_NOOP("SchemeForm", "Unidad de precio:"),
    "density": QT_TRANSLATE_NOOP("SchemeForm", "Densidad (kg/L):"),
    "basis.kind": QT_TRANSLATE_NOOP("SchemeForm", "Base de calidad:"),
    "basis.max_age_days": QT_TRANSLATE_NOOP("SchemeForm", "Antigüedad máxima (días):"),
    "basis.weights": QT_TRANSLATE_NOOP("SchemeForm", "Pesos (0.6; 0.3; 0.1):"),
    "clamp.min": QT_TRANSLATE_NOOP("SchemeForm", "Precio mínimo:"),
    "clamp.max": QT_TRANSLATE_NOOP("SchemeForm", "Precio máximo:"),
    "rejections": QT_TRANSLATE_NOOP("SchemeForm", "Reglas de rechazo:"),
}
FAMILY_LABELS: dict[tuple[str, str], str] = {
    ("component", "measure"): QT_TRANSLATE_NOOP("SchemeForm", "Componente:"),
    ("component", "rate"): QT_TRANSLATE_NOOP("SchemeForm", "Precio por kg:"),
    ("linear", "rate"): QT_TRANSLATE_NOOP("SchemeForm", "Monto por unidad de diferencia:"),
}
COLUMN_LABELS: dict[str, str] = {  # the columns of the bands and rejection rules tables
    "low": QT_TRANSLATE_NOOP("SchemeForm", "Desde"),
    "high": QT_TRANSLATE_NOOP("SchemeForm", "Hasta (sin incluir)"),
    "amount": QT_TRANSLATE_NOOP("SchemeForm", "Monto"),
    "label": QT_TRANSLATE_NOOP("SchemeForm", "Etiqueta"),
    "measure": QT_TRANSLATE_NOOP("SchemeForm", "Medida"),
    "positive": QT_TRANSLATE_NOOP("SchemeForm", "Si es positiva"),
    "above": QT_TRANSLATE_NOOP("SchemeForm", "Sobre"),
    "below": QT_TRANSLATE_NOOP("SchemeForm", "Bajo"),
    "price": QT_TRANSLATE_NOOP("SchemeForm", "Precio"),
    "reason": QT_TRANSLATE_NOOP("SchemeForm", "Motivo"),
}
FAMILY_TITLES = {
    "base": QT_TRANSLATE_NOOP("SchemeForm", "Precio base"),
    "steps": QT_TRANSLATE_NOOP("SchemeForm", "Escalones sobre una referencia"),
    "bands": QT_TRANSLATE_NOOP("SchemeForm", "Bandas (higiene, células)"),
    "flag": QT_TRANSLATE_NOOP("SchemeForm", "Bonificación por condición"),
    "volume": QT_TRANSLATE_NOOP("SchemeForm", "Tramos por volumen"),
    "component": QT_TRANSLATE_NOOP("SchemeForm", "Pago por kg de componente"),
    "chart": QT_TRANSLATE_NOOP("SchemeForm", "Tabla grasa × SNG"),
    "linear": QT_TRANSLATE_NOOP("SchemeForm", "Ajuste lineal"),
    "per_volume": QT_TRANSLATE_NOOP("SchemeForm", "Monto por volumen"),
}
CHOICE_LABELS = {
    "delivery": QT_TRANSLATE_NOOP("SchemeForm", "la prueba de cada entrega"),
    "latest": QT_TRANSLATE_NOOP("SchemeForm", "la última muestra"),
    "period_average": QT_TRANSLATE_NOOP("SchemeForm", "el promedio de muestras del periodo"),
    "rolling": QT_TRANSLATE_NOOP("SchemeForm", "las últimas muestras, ponderadas"),
    "period_total": QT_TRANSLATE_NOOP("SchemeForm", "el total del periodo"),
    "daily_average": QT_TRANSLATE_NOOP("SchemeForm", "el promedio diario"),
    "cooled": QT_TRANSLATE_NOOP("SchemeForm", "leche enfriada"),
    "herd_health": QT_TRANSLATE_NOOP("SchemeForm", "hato saneado"),
    "organic": QT_TRANSLATE_NOOP("SchemeForm", "orgánica"),
    "regenerative": QT_TRANSLATE_NOOP("SchemeForm", "regenerativa"),
    "good_practice": QT_TRANSLATE_NOOP("SchemeForm", "buenas prácticas"),
    "weighted": QT_TRANSLATE_NOOP("SchemeForm", "el promedio ponderado de muestras"),
    "L": QT_TRANSLATE_NOOP("SchemeForm", "litro (L)"),
    "kg": QT_TRANSLATE_NOOP("SchemeForm", "kilogramo (kg)"),
    "100lb": QT_TRANSLATE_NOOP("SchemeForm", "100 libras"),
    "100kg": QT_TRANSLATE_NOOP("SchemeForm", "100 kilogramos"),
    "lb": QT_TRANSLATE_NOOP("SchemeForm", "libra (lb)"),
}


def choice_label(value: str) -> str:
    shown = CHOICE_LABELS.get(value)
    return translate("SchemeForm", shown) if shown else value


def _fields(specs: list[sm.FieldSpec], family: str = "") -> list[Field]:
    """The model's fields as form fields; a chart's edges are edited by its grid."""
    chart = any(f.kind == "chart" for f in specs)
    return [
        Field(
            f.key,
            FAMILY_LABELS.get((family, f.key)) or LABELS[f.key],
            f.kind,
            f.choices,
            f.optional,
        )
        for f in specs
        if not (chart and f.key.endswith(".edges"))
    ]


def _columns(model: type[sm.Strict]) -> list[tuple[str, str]]:
    return [(f.key, COLUMN_LABELS[f.key]) for f in sm.form_fields(model)]


BAND_COLUMNS = _columns(sm.Band)
CHECK_COLUMNS = ("positive",)  # a yes/no: a box to tick
RULE_COLUMNS = _columns(sm.Rejection)
FAMILIES: dict[str, tuple[str, list[Field]]] = {
    kind: (FAMILY_TITLES[kind], _fields(sm.form_fields(model), kind))
    for kind, model in sm.FAMILIES.items()
}
_TOP = _fields(sm.form_fields(sm.SchemeFile))
SCHEME_FIELDS = [f for f in _TOP if f.kind != "rules"]
RULES_FIELD = next(f for f in _TOP if f.kind == "rules")


class DataForm(QWidget):
    """A form over one dict: every edit is written back and `changed` is emitted."""

    def __init__(self, fields: list[Field], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notifier = Notifier()
        self.changed = self.notifier.changed
        self.data: dict[str, Any] = {}
        self.editors: list[_Editor] = []
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in fields:
            note = QLabel()
            note.setStyleSheet("color: #c0392b;")
            note.setWordWrap(True)
            note.setVisible(False)
            editor = self._editor(field, note)
            self.editors.append(editor)
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(editor.widget)
            column.addWidget(note)
            layout.addRow(translate("SchemeForm", field.label), cell)

    def _editor(self, field: Field, note: QLabel) -> _Editor:
        on_change = self._edited
        if field.kind in ("choice", "measure"):
            return ChoiceEditor(field, note, on_change)
        if field.kind == "missing":
            return MissingEditor(field, note, on_change)
        if field.kind == "outside":
            return OutsideEditor(field, note, on_change)
        if field.kind == "bands":
            return TableEditor(field, note, on_change, BAND_COLUMNS)
        if field.kind == "rules":
            return TableEditor(field, note, on_change, RULE_COLUMNS)
        if field.kind == "chart":
            return ChartEditor(field, note, on_change)
        return LineEditor(field, note, on_change)

    def load(self, data: dict[str, Any]) -> None:
        self.data = data
        for editor in self.editors:
            editor.load(data)

    def _edited(self) -> None:
        for editor in self.editors:
            editor.store(self.data)
        self.changed.emit()

    def show_errors(self, errors: list[tuple[str, str]]) -> None:
        """(path relative to this form's dict, message): each lands on its field."""
        for editor in self.editors:
            key = editor.field.key
            prefixes = ("rows", "cols", "rates") if editor.field.kind == "chart" else (key,)
            mine = [
                (path[len(key) :] if editor.field.kind != "chart" else path, text)
                for path, text in errors
                if any(path == p or path.startswith((p + ".", p + "[")) for p in prefixes)
            ]
            editor.show_errors(mine)

    def focus_path(self, path: str) -> None:
        for editor in self.editors:
            if path.startswith(editor.field.key) or (
                editor.field.kind == "chart" and path.startswith(("rows", "cols", "rates"))
            ):
                editor.widget.setFocus()
                return
