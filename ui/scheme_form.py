"""Forms that edit price-scheme data in place: one form per component family, built from a
list of fields, with the bands as an editable table and the fat × SNF chart as a grid.

The data is the scheme's JSON (a dict); numbers stay the text the treasurer typed, because
the engine's validation (`schema.parse`) reads them exactly and names each problem by its
path (`components[2].bands[1].low`), which `show_errors` puts back on the field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
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

from coop_desktop.domain.measures import MEASURES, NUMERIC_KEYS
from coop_desktop.domain.pricing import model as m
from ui.measure_names import measure_name
from ui.tables import stored_text

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

    ACTIONS = ("stop", "warn", "use", "amount")

    def __init__(self, field: Field, note: QLabel, on_change: Callable[[], None]) -> None:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        for action, text in zip(
            self.ACTIONS,
            (
                translate("SchemeForm", "detener el cierre"),
                translate("SchemeForm", "avisar y pagar sin este factor"),
                translate("SchemeForm", "usar el valor"),
                translate("SchemeForm", "aplicar el monto"),
            ),
            strict=True,
        ):
            self.combo.addItem(text, action)
        self.value = QLineEdit()
        self.value.setPlaceholderText(translate("SchemeForm", "valor"))
        self.combo.activated.connect(lambda _i: (self._enable(), on_change()))
        self.value.textEdited.connect(lambda _t: on_change())
        row.addWidget(self.combo, 1)
        row.addWidget(self.value)
        super().__init__(field, box, note)

    def _enable(self) -> None:
        self.value.setEnabled(self.combo.currentData() in ("use", "amount"))

    def load(self, data: dict[str, Any]) -> None:
        raw = data.get("if_missing", "stop")
        action, value = (raw, "") if isinstance(raw, str) else next(iter(raw.items()), ("", ""))
        self.combo.setCurrentIndex(max(self.combo.findData(action), 0))
        self.value.setText(as_text(value))
        self._enable()

    def store(self, data: dict[str, Any]) -> None:
        action = self.combo.currentData()
        if action in ("use", "amount"):
            data["if_missing"] = {action: self.value.text().strip()}
        elif action == "stop":
            data.pop("if_missing", None)
        else:
            data["if_missing"] = action


class TableEditor(_Editor):
    """A list of dicts as rows (bands, volume tiers, rejection rules), with add/remove."""

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
        add.clicked.connect(lambda: (self._add_row(), on_change()))
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
            edit.editingFinished.connect(lambda: (self._reshape(), on_change()))
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


BAND_COLUMNS = [
    ("low", QT_TRANSLATE_NOOP("SchemeForm", "Desde")),
    ("high", QT_TRANSLATE_NOOP("SchemeForm", "Hasta (sin incluir)")),
    ("amount", QT_TRANSLATE_NOOP("SchemeForm", "Monto")),
    ("label", QT_TRANSLATE_NOOP("SchemeForm", "Etiqueta")),
]
CHECK_COLUMNS = ("positive",)
RULE_COLUMNS = [
    ("measure", QT_TRANSLATE_NOOP("SchemeForm", "Medida")),
    ("positive", QT_TRANSLATE_NOOP("SchemeForm", "Si es positiva")),
    ("above", QT_TRANSLATE_NOOP("SchemeForm", "Sobre")),
    ("below", QT_TRANSLATE_NOOP("SchemeForm", "Bajo")),
    ("price", QT_TRANSLATE_NOOP("SchemeForm", "Precio")),
    ("reason", QT_TRANSLATE_NOOP("SchemeForm", "Motivo")),
]
MEASURE_CHOICES = NUMERIC_KEYS
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


LABEL = Field("label", QT_TRANSLATE_NOOP("SchemeForm", "Nombre en la boleta:"), "text")
IF_MISSING = Field("if_missing", QT_TRANSLATE_NOOP("SchemeForm", "Si falta la medida:"), "missing")

FAMILIES: dict[str, tuple[str, list[Field]]] = {
    "base": (
        QT_TRANSLATE_NOOP("SchemeForm", "Precio base"),
        [LABEL, Field("rate", QT_TRANSLATE_NOOP("SchemeForm", "Precio por unidad:"))],
    ),
    "steps": (
        QT_TRANSLATE_NOOP("SchemeForm", "Escalones sobre una referencia"),
        [
            LABEL,
            Field(
                "measure", QT_TRANSLATE_NOOP("SchemeForm", "Medida:"), "measure", MEASURE_CHOICES
            ),
            Field("reference", QT_TRANSLATE_NOOP("SchemeForm", "Referencia:")),
            Field("step", QT_TRANSLATE_NOOP("SchemeForm", "Tamaño del escalón:")),
            Field(
                "bonus", QT_TRANSLATE_NOOP("SchemeForm", "Bonificación por escalón:"), optional=True
            ),
            Field(
                "penalty", QT_TRANSLATE_NOOP("SchemeForm", "Castigo por escalón:"), optional=True
            ),
            Field(
                "max_bonus", QT_TRANSLATE_NOOP("SchemeForm", "Bonificación máxima:"), optional=True
            ),
            Field("max_penalty", QT_TRANSLATE_NOOP("SchemeForm", "Castigo máximo:"), optional=True),
            IF_MISSING,
        ],
    ),
    "bands": (
        QT_TRANSLATE_NOOP("SchemeForm", "Bandas (higiene, células)"),
        [
            LABEL,
            Field(
                "measure", QT_TRANSLATE_NOOP("SchemeForm", "Medida:"), "measure", MEASURE_CHOICES
            ),
            Field("bands", QT_TRANSLATE_NOOP("SchemeForm", "Bandas:"), "bands"),
            IF_MISSING,
        ],
    ),
    "flag": (
        QT_TRANSLATE_NOOP("SchemeForm", "Bonificación por condición"),
        [
            LABEL,
            Field("flag", QT_TRANSLATE_NOOP("SchemeForm", "Condición:"), "choice", m.FLAGS),
            Field("amount", QT_TRANSLATE_NOOP("SchemeForm", "Monto:")),
        ],
    ),
    "volume": (
        QT_TRANSLATE_NOOP("SchemeForm", "Tramos por volumen"),
        [
            LABEL,
            Field(
                "on",
                QT_TRANSLATE_NOOP("SchemeForm", "Según:"),
                "choice",
                ("period_total", "daily_average"),
            ),
            Field("tiers", QT_TRANSLATE_NOOP("SchemeForm", "Tramos:"), "bands"),
        ],
    ),
    "component": (
        QT_TRANSLATE_NOOP("SchemeForm", "Pago por kg de componente"),
        [
            LABEL,
            Field(
                "measure",
                QT_TRANSLATE_NOOP("SchemeForm", "Componente:"),
                "measure",
                m.COMPONENT_MEASURES,
            ),
            Field("rate", QT_TRANSLATE_NOOP("SchemeForm", "Precio por kg:")),
            IF_MISSING,
        ],
    ),
    "chart": (
        QT_TRANSLATE_NOOP("SchemeForm", "Tabla grasa × SNG"),
        [
            LABEL,
            Field(
                "rows.measure",
                QT_TRANSLATE_NOOP("SchemeForm", "Medida de las filas:"),
                "measure",
                MEASURE_CHOICES,
            ),
            Field(
                "cols.measure",
                QT_TRANSLATE_NOOP("SchemeForm", "Medida de las columnas:"),
                "measure",
                MEASURE_CHOICES,
            ),
            Field("rates", QT_TRANSLATE_NOOP("SchemeForm", "Precios:"), "chart"),
            IF_MISSING,
        ],
    ),
    "linear": (
        QT_TRANSLATE_NOOP("SchemeForm", "Ajuste lineal"),
        [
            LABEL,
            Field(
                "measure", QT_TRANSLATE_NOOP("SchemeForm", "Medida:"), "measure", MEASURE_CHOICES
            ),
            Field("reference", QT_TRANSLATE_NOOP("SchemeForm", "Referencia:")),
            Field("rate", QT_TRANSLATE_NOOP("SchemeForm", "Monto por unidad de diferencia:")),
            Field(
                "divisor", QT_TRANSLATE_NOOP("SchemeForm", "Unidad de diferencia:"), optional=True
            ),
            Field("min", QT_TRANSLATE_NOOP("SchemeForm", "Mínimo:"), optional=True),
            Field("max", QT_TRANSLATE_NOOP("SchemeForm", "Máximo:"), optional=True),
            IF_MISSING,
        ],
    ),
    "per_volume": (
        QT_TRANSLATE_NOOP("SchemeForm", "Monto por volumen"),
        [
            LABEL,
            Field("amount", QT_TRANSLATE_NOOP("SchemeForm", "Monto:")),
            Field("per", QT_TRANSLATE_NOOP("SchemeForm", "Por:"), "choice", m.UNITS),
        ],
    ),
}

SCHEME_FIELDS = [
    Field("name", QT_TRANSLATE_NOOP("SchemeForm", "Identificador:"), "text"),
    Field("title", QT_TRANSLATE_NOOP("SchemeForm", "Título:"), "text"),
    Field("description", QT_TRANSLATE_NOOP("SchemeForm", "Descripción:"), "text", optional=True),
    Field("currency", QT_TRANSLATE_NOOP("SchemeForm", "Moneda:"), "text"),
    Field("unit", QT_TRANSLATE_NOOP("SchemeForm", "Unidad de precio:"), "choice", m.UNITS),
    Field("density", QT_TRANSLATE_NOOP("SchemeForm", "Densidad (kg/L):")),
    Field(
        "basis.kind", QT_TRANSLATE_NOOP("SchemeForm", "Base de calidad:"), "choice", m.BASIS_KINDS
    ),
    Field(
        "basis.max_age_days",
        QT_TRANSLATE_NOOP("SchemeForm", "Antigüedad máxima (días):"),
        "integer",
        optional=True,
    ),
    Field(
        "basis.weights",
        QT_TRANSLATE_NOOP("SchemeForm", "Pesos (0.6; 0.3; 0.1):"),
        "list",
        optional=True,
    ),
    Field("clamp.min", QT_TRANSLATE_NOOP("SchemeForm", "Precio mínimo:"), optional=True),
    Field("clamp.max", QT_TRANSLATE_NOOP("SchemeForm", "Precio máximo:"), optional=True),
]
RULES_FIELD = Field("rejections", QT_TRANSLATE_NOOP("SchemeForm", "Reglas de rechazo:"), "rules")


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


def _field_label(fields: list[Field], key: str) -> str | None:
    for field in fields:
        if field.key == key:
            return translate("SchemeForm", field.label).rstrip(":")
    return None


def describe_path(data: dict[str, Any], path: str) -> str:
    """A problem's place in words: `components[2].bands[1].low` → "Componente 3 (Higiene) ›
    Bandas › fila 2 › Desde"; the engine's own path when nothing better is known."""
    import re

    parts = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    if not parts:
        return path
    words: list[str] = []
    fields: list[Field] = SCHEME_FIELDS
    columns: list[tuple[str, str]] = []
    node: Any = data
    i = 0
    while i < len(parts):
        part = parts[i]
        if part == "components" and i + 1 == len(parts):
            words.append(translate("SchemeForm", "Componentes del precio"))
            break
        if part == "components" and parts[i + 1].startswith("["):
            n = int(parts[i + 1][1:-1])
            items = data.get("components") if isinstance(data, dict) else None
            node = items[n] if isinstance(items, list) and n < len(items) else {}
            kind = str(node.get("type", "")) if isinstance(node, dict) else ""
            label = str(node.get("label") or "") if isinstance(node, dict) else ""
            title = translate("SchemeForm", FAMILIES[kind][0]) if kind in FAMILIES else kind
            words.append(
                translate("SchemeForm", "Componente %1 (%2)")
                .replace("%1", str(n + 1))
                .replace("%2", label or title)
            )
            fields = FAMILIES[kind][1] if kind in FAMILIES else []
            i += 2
            continue
        if part.startswith("["):
            words.append(translate("SchemeForm", "fila %1").replace("%1", str(int(part[1:-1]) + 1)))
            i += 1
            continue
        if columns:
            name = dict(columns).get(part)
            words.append(translate("SchemeForm", name) if name else part)
            i += 1
            continue
        if part == "rejections":
            words.append(translate("SchemeForm", "Rechazos"))
            columns = RULE_COLUMNS
            i += 1
            continue
        # a dotted key of the current form (basis.kind, clamp.min, rows.edges)
        joined = ".".join(parts[i : i + 2])
        label = _field_label(fields, joined) if i + 1 < len(parts) else None
        if label is not None:
            words.append(label)
            i += 2
            continue
        label = _field_label(fields, part)
        if label is not None:
            words.append(label)
            kind = next((f.kind for f in fields if f.key == part), "")
            if kind == "bands":
                columns = BAND_COLUMNS
        else:
            words.append(part)
        i += 1
    return " › ".join(words)
