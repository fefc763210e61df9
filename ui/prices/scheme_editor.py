"""The scheme editor: the scheme's own fields, its components (one form per family), the
rejection rules, and every validation problem of the engine shown on its field.

`changed(scheme)` is emitted after each edit with the parsed `Scheme`, or None while the data
is invalid; an invalid scheme cannot be saved and the list below says why.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import ValidationError, ValidationErrors
from coop_desktop.core.messages import render
from coop_desktop.domain.pricing import schema
from coop_desktop.domain.pricing.model import Scheme
from coop_desktop.domain.pricing.scheme_words import SchemeProblem
from ui.common import fmt
from ui.prices.scheme_form import FAMILIES, RULES_FIELD, SCHEME_FIELDS, DataForm

NEW_COMPONENT: dict[str, dict[str, Any]] = {
    "base": {"rate": "1.00"},
    "steps": {"measure": "st", "reference": "11.4", "step": "0.1", "bonus": "0.01"},
    "bands": {
        "measure": "ufc",
        "bands": [
            {"low": "0", "high": "100000", "amount": "0.03"},
            {"low": "100000", "high": None, "amount": "0"},
        ],
    },
    "flag": {"flag": "cooled", "amount": "0.05"},
    "volume": {"on": "period_total", "tiers": [{"low": "0", "high": "1000", "amount": "0"}]},
    "component": {"measure": "fat", "rate": "10.00"},
    "chart": {
        "rows": {"measure": "fat", "edges": ["3.0", "3.5", "4.0"]},
        "cols": {"measure": "snf", "edges": ["8.0", "8.5", "9.0"]},
        "rates": [["1.10", "1.15"], ["1.20", "1.25"]],
    },
    "linear": {"measure": "fat", "reference": "3.5", "rate": "0.02", "divisor": "0.1"},
    "per_volume": {"amount": "-0.02", "per": "L"},
}


def scheme_text(data: dict[str, Any]) -> str:
    """The edited data as scheme JSON (numbers stay the exact text typed)."""

    def default(value: object) -> str:
        if isinstance(value, Decimal):
            return str(value)
        raise TypeError(type(value).__name__)

    return json.dumps(data, ensure_ascii=False, indent=2, default=default) + "\n"


def family_title(kind: str) -> str:
    title = FAMILIES[kind][0] if kind in FAMILIES else kind
    return QCoreApplication.translate("SchemeForm", title)


def component_text(row: int, label: str, kind: str) -> str:
    """ "2. Sólidos totales — Escalones sobre una referencia" (never the kind's code)."""
    title = family_title(kind)
    return f"{row + 1}. {label} — {title}" if label and label != title else f"{row + 1}. {title}"


class SchemeEditor(QWidget):
    changed = Signal(object)  # Scheme | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: dict[str, Any] = {}
        self.scheme: Scheme | None = None
        self.errors: list[tuple[str, str]] = []
        layout = QVBoxLayout(self)
        top = QGroupBox(self.tr("Esquema"))
        self.top_form = DataForm(SCHEME_FIELDS)
        self.top_form.changed.connect(self.validate)
        QVBoxLayout(top).addWidget(self.top_form)
        layout.addWidget(top)

        parts = QGroupBox(self.tr("Componentes del precio"))
        parts_layout = QVBoxLayout(parts)
        self.components = QListWidget()
        self.components.setObjectName("scheme-components")  # the scheme's own labels
        self.components.setMaximumHeight(130)
        self.components.setWordWrap(True)  # "2. Sólidos totales — Escalones…" in two lines
        self.components.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.components.currentRowChanged.connect(self._show_component)
        buttons = QHBoxLayout()
        self.family = QComboBox()
        self.family.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.family.setMinimumContentsLength(14)
        for kind in FAMILIES:
            self.family.addItem(family_title(kind), kind)
        add = QPushButton(self.tr("Agregar"))
        add.clicked.connect(self.add_component)
        remove = QPushButton(self.tr("Quitar"))
        remove.clicked.connect(self.remove_component)
        up = QPushButton("↑")
        up.setToolTip(self.tr("Subir"))
        up.clicked.connect(lambda: self.move_component(-1))
        down = QPushButton("↓")
        down.setToolTip(self.tr("Bajar"))
        down.clicked.connect(lambda: self.move_component(1))
        for w in (up, down):
            w.setFixedWidth(32)
        beside = QVBoxLayout()  # move and remove beside the list, add below it
        for w in (up, down, remove):
            beside.addWidget(w)
        beside.addStretch()
        listed = QHBoxLayout()
        listed.addWidget(self.components, 1)
        listed.addLayout(beside)
        buttons.addWidget(self.family, 1)
        buttons.addWidget(add)
        self.component_title = QLabel()
        self.component_box = QVBoxLayout()
        self.component_form: DataForm | None = None
        parts_layout.addLayout(listed)
        parts_layout.addLayout(buttons)
        parts_layout.addWidget(self.component_title)
        parts_layout.addLayout(self.component_box)
        layout.addWidget(parts)

        rules = QGroupBox(self.tr("Rechazos"))
        self.rules_form = DataForm([RULES_FIELD])
        self.rules_form.changed.connect(self.validate)
        QVBoxLayout(rules).addWidget(self.rules_form)
        layout.addWidget(rules)

        self.problems = QListWidget()
        self.problems.setObjectName("scheme-problems")
        self.problems.setMaximumHeight(110)
        self.problems.setStyleSheet("color: #c0392b;")
        self.problems.itemActivated.connect(self._go_to_problem)
        self.problems.itemClicked.connect(self._go_to_problem)
        self.status = QLabel()
        layout.addWidget(self.status)
        layout.addWidget(self.problems)

    # -- loading -------------------------------------------------------------------------

    def load_text(self, text: str) -> None:
        """Open scheme JSON (a preset, a file, a stored version); broken JSON is refused."""
        try:
            data = json.loads(text, parse_float=Decimal)
        except ValueError:
            schema.loads(text)  # raises the engine's own message about the file
            raise
        if not isinstance(data, dict):
            schema.parse(data)
        self.load(data)

    def load(self, data: dict[str, Any]) -> None:
        self.data = data
        data.setdefault("components", [])
        self.top_form.load(data)
        self.rules_form.load(data)
        self._list_components(0)
        self.validate()

    def text(self) -> str:
        return scheme_text(self.data)

    # -- components ----------------------------------------------------------------------

    def _component_list(self) -> list[dict[str, Any]]:
        raw = self.data.get("components")
        return raw if isinstance(raw, list) else []

    def _list_components(self, select: int) -> None:
        self.components.blockSignals(True)
        self.components.clear()
        for i, c in enumerate(self._component_list()):
            kind = str(c.get("type", "")) if isinstance(c, dict) else ""
            label = str(c.get("label", "")) if isinstance(c, dict) else ""
            self.components.addItem(QListWidgetItem(component_text(i, label, kind)))
        self.components.blockSignals(False)
        count = self.components.count()
        self.components.setCurrentRow(min(select, count - 1) if count else -1)
        if not count:
            self._show_component(-1)

    def _show_component(self, row: int) -> None:
        if self.component_form is not None:
            self.component_form.setParent(None)
            self.component_form.deleteLater()
            self.component_form = None
        items = self._component_list()
        if not 0 <= row < len(items) or not isinstance(items[row], dict):
            self.component_title.setText("")
            return
        component = items[row]
        kind = str(component.get("type", ""))
        self.component_title.setText(f"<b>{family_title(kind)}</b>")
        if kind not in FAMILIES:
            return
        form = DataForm(FAMILIES[kind][1])
        form.load(component)
        form.changed.connect(self._component_edited)
        self.component_box.addWidget(form)
        self.component_form = form
        form.show_errors(self._errors_under(f"components[{row}]"))

    def _component_edited(self) -> None:
        row = self.components.currentRow()
        item = self.components.item(row)
        component = self._component_list()[row]
        if item is not None:
            item.setText(
                component_text(row, str(component.get("label") or ""), str(component.get("type")))
            )
        self.validate()

    def add_component(self) -> None:
        kind = str(self.family.currentData())
        component = {
            "type": kind,
            "label": family_title(kind),
            **copy.deepcopy(NEW_COMPONENT[kind]),
        }
        items = self._component_list()
        items.append(component)
        self.data["components"] = items
        self._list_components(len(items) - 1)
        self.validate()

    def remove_component(self) -> None:
        row = self.components.currentRow()
        items = self._component_list()
        if 0 <= row < len(items):
            del items[row]
            self._list_components(row)
            self.validate()

    def move_component(self, step: int) -> None:
        row = self.components.currentRow()
        items = self._component_list()
        target = row + step
        if 0 <= row < len(items) and 0 <= target < len(items):
            items[row], items[target] = items[target], items[row]
            self._list_components(target)
            self.validate()

    # -- validation ----------------------------------------------------------------------

    def _errors_under(self, prefix: str) -> list[tuple[str, str]]:
        return [
            (path[len(prefix) + 1 :], text)
            for path, text in self.errors
            if path.startswith(prefix + ".")
        ]

    def validate(self) -> Scheme | None:
        """Parse with the engine; every problem goes on its field and in the list."""
        try:
            self.scheme = schema.parse(copy.deepcopy(self.data))
            self.errors = []
        except ValidationErrors as exc:
            self.scheme = None
            self.errors = [(e.field or "", self.words(e)) for e in exc.errors]
        top = [(p, t) for p, t in self.errors if not p.startswith(("components[", "rejections"))]
        self.top_form.show_errors(top)
        self.rules_form.show_errors([(p, t) for p, t in self.errors if p.startswith("rejections")])
        row = self.components.currentRow()
        if self.component_form is not None and row >= 0:
            self.component_form.show_errors(self._errors_under(f"components[{row}]"))
        self.problems.clear()
        for path, text in self.errors:
            item = QListWidgetItem(text)
            item.setData(256, path)
            self.problems.addItem(item)
        self.problems.setVisible(bool(self.errors))
        self.status.setText(
            self.tr("Esquema válido.")
            if self.scheme is not None
            else self.tr("%1 problemas: corríjalos para poder guardar.").replace(
                "%1", str(len(self.errors))
            )
        )
        self.status.setStyleSheet("color: #1e7e34;" if self.scheme else "color: #c0392b;")
        self.changed.emit(self.scheme)
        return self.scheme

    def words(self, error: ValidationError) -> str:
        """The engine's message in the screen's language, its place in words (the domain
        names a scheme's paths: `scheme_words`)."""
        if isinstance(error, SchemeProblem):
            return error.render(fmt.lang())
        return render(error.code, fmt.lang(), error.field, **error.params)

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        path = str(item.data(256))
        if path.startswith("components["):
            row = int(path[len("components[") : path.index("]")])
            self.components.setCurrentRow(row)
            if self.component_form is not None:
                self.component_form.focus_path(path[path.index("]") + 2 :])
        elif path.startswith("rejections"):
            self.rules_form.focus_path(path)
        else:
            self.top_form.focus_path(path)
