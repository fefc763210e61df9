"""Precios: editing a scheme changes the calculator at once and the what-if on the next run;
an invalid scheme shows the engine's message on the field and cannot be saved; presets,
import and export round-trip; a saved scheme becomes a new version."""

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from tests_support.clock import TODAY

from coop_desktop.domain.pricing import schema
from coop_desktop.services.demo import load_demo
from coop_desktop.services.schemes import list_schemes
from coop_desktop.storage.engine import Database
from ui.common.confirm import SafeQuestion
from ui.prices.prices_view import PricesView

from .driving import answer_dialogs, choose_file, settled, type_date

START = (TODAY.replace(day=1) - timedelta(days=40)).replace(day=1)
PERIOD = f"{START:%Y-%m}"


def field(view: PricesView, name: str) -> QLineEdit:
    found = view.editor.findChild(QLineEdit, f"field-{name}")
    assert found is not None, name
    return found


def button(view: PricesView, text: str) -> QPushButton:
    (found,) = [b for b in view.findChildren(QPushButton) if b.text() == text]
    return found


def choose_preset(qtbot: QtBot, view: PricesView, name: str) -> None:
    view.preset.setCurrentIndex(view.preset.findData(name))
    qtbot.mouseClick(button(view, "Usar plantilla"), Qt.MouseButton.LeftButton)
    assert view.editor.data["name"] == name


def total(view: PricesView) -> str:
    return view.calculator.total.text()


def test_editing_changes_calculator_and_whatif(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db, members=6, days=31, start=START)
    view = PricesView(sqlite_db)
    qtbot.addWidget(view)
    # the version in force is open: peru-additive, base 1.20 + ST steps + hygiene bands
    assert view.editor.data["name"] == "peru-additive"
    for widget, text in (
        (view.calculator.quantity, "100"),
        (view.calculator.inputs["st"], "12.00"),
        (view.calculator.inputs["ufc"], "150000"),
    ):
        widget.setFocus()  # type: ignore[union-attr]
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(widget, text)  # each keystroke prices again
    assert "= <b>S/ 127.00</b>" in total(view)  # 1.20 + 0.06 + 0.01 per kg × 100 kg
    assert "PEN" not in total(view)

    view.whatif.period.setText(PERIOD)
    qtbot.mouseClick(view.whatif.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.whatif.table.rowCount() == 6, timeout=10000)
    assert "diferencia <b>S/ 0.00</b>" in view.whatif.total.text()

    view.editor.components.setCurrentRow(0)  # Precio base
    rate = field(view, "rate")
    rate.clear()
    qtbot.keyClicks(rate, "1.30")
    assert view.editor.data["components"][0]["rate"] == "1.30"
    assert "S/ 137.00" in total(view)  # the calculator follows every edit
    assert "vuelva" in view.whatif.total.text() or "Simular" in view.whatif.total.text()

    before = view.whatif.simulation
    qtbot.mouseClick(view.whatif.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.whatif.simulation is not before, timeout=10000)
    sim = view.whatif.simulation
    assert sim is not None
    kg = sum((m.kg for m in sim.members), Decimal(0))
    # ten céntimos more per kg, for every kg of the period (rounded per member)
    assert abs(sim.total("difference") - kg * Decimal("0.10")) <= Decimal("0.005") * len(
        sim.members
    )
    assert f"+S/ {sim.total('difference'):,.2f}" in view.whatif.total.text()


def test_invalid_scheme_names_the_field_and_cannot_be_saved(
    qtbot: QtBot, association: Database
) -> None:
    view = PricesView(association)
    qtbot.addWidget(view)
    choose_preset(qtbot, view, "peru-additive")
    assert view.save_button.isEnabled()
    view.editor.components.setCurrentRow(2)  # Higiene: bands
    form = view.editor.component_form
    assert form is not None
    table = form.editors[2].table  # type: ignore[attr-defined]
    table.item(1, 0).setText("120000")  # leaves a gap after the first band (0–100000)
    assert not view.save_button.isEnabled()
    problems = [view.editor.problems.item(i).text() for i in range(view.editor.problems.count())]
    assert problems == [
        "Componente 3 «Higiene», banda 2, desde: hay un hueco entre 100000 y 120000; las bandas "
        "deben ser contiguas [desde, hasta)."
    ]
    assert table.item(1, 0).background().color().name() == "#f5b7b1"  # the cell is marked
    assert form.editors[2].note.text() == problems[0]  # under the table too
    before = len(list_schemes(association))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)  # disabled: nothing happens
    assert len(list_schemes(association)) == before
    table.item(1, 0).setText("100000")
    assert view.save_button.isEnabled() and not view.editor.problems.isVisibleTo(view)


def test_preset_export_import_and_save_as_version(
    qtbot: QtBot, association: Database, tmp_path: Path
) -> None:
    view = PricesView(association)
    qtbot.addWidget(view)
    choose_preset(qtbot, view, "india-fat-snf-chart")
    assert view.editor.scheme is not None and view.editor.scheme.name == "india-fat-snf-chart"
    out = tmp_path / "chart.json"
    answer_dialogs([choose_file(out)])
    qtbot.mouseClick(button(view, "Exportar…"), Qt.MouseButton.LeftButton)
    data = json.loads(out.read_text("utf-8"))
    assert schema.parse(data).components == view.editor.scheme.components
    data["name"] = "mi-esquema"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    answer_dialogs([choose_file(edited)])
    qtbot.mouseClick(button(view, "Importar archivo…"), Qt.MouseButton.LeftButton)
    assert view.editor.scheme is not None and view.editor.scheme.name == "mi-esquema"
    assert view.status.text() == "Archivo abierto: edited.json"
    type_date(qtbot, view.effective, "1/1/2026")
    asked: list[str] = []

    def another_month(dialog: QWidget) -> None:
        assert isinstance(dialog, SafeQuestion)
        asked.append(dialog.text())
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)

    answer_dialogs([another_month])  # a date of another month is said back first
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    settled(qtbot)
    assert asked and "jueves, 1 de enero de 2026" in asked[0]
    saved = [s for s in list_schemes(association) if s.name == "mi-esquema"]
    assert [s.effective_from for s in saved] == [date(2026, 1, 1)]
    assert view.status.text().startswith("Guardado: ")
    assert view.versions.topLevelItemCount() == 1  # the association's only scheme


def test_every_family_can_be_added_and_edited(qtbot: QtBot, association: Database) -> None:
    view = PricesView(association)
    qtbot.addWidget(view)
    qtbot.mouseClick(button(view, "Usar plantilla"), Qt.MouseButton.LeftButton)
    before = view.editor.components.count()
    for i in range(view.editor.family.count()):
        view.editor.family.setCurrentIndex(i)
        qtbot.mouseClick(button(view, "Agregar"), Qt.MouseButton.LeftButton)
        assert view.editor.component_form is not None
    assert view.editor.scheme is not None, view.editor.errors  # new components are valid
    added = view.editor.family.count()
    assert len(view.editor.scheme.components) == view.editor.components.count() == before + added
    last = view.editor.components.currentRow()
    qtbot.mouseClick(button(view, "↑"), Qt.MouseButton.LeftButton)
    assert view.editor.components.currentRow() == last - 1
    qtbot.mouseClick(button(view, "Quitar"), Qt.MouseButton.LeftButton)
    assert view.editor.components.count() == before + added - 1
    assert view.editor.scheme is not None


def test_latest_sample_basis_takes_its_age_in_days(qtbot: QtBot, association: Database) -> None:
    view = PricesView(association)
    qtbot.addWidget(view)
    choose_preset(qtbot, view, "peru-additive")
    kind = view.editor.top_form.editors[6].combo  # type: ignore[attr-defined]
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Home)
    for _ in range(kind.count()):  # chosen with the arrow keys, as a person does
        if kind.currentData() == "latest":
            break
        qtbot.keyClick(kind, Qt.Key.Key_Down)
    assert kind.currentData() == "latest"
    assert view.editor.scheme is None  # the age is required for this basis
    age = field(view, "basis.max_age_days")
    age.setFocus()
    qtbot.keyClick(age, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(age, "15")
    assert view.editor.scheme is not None
    assert view.editor.scheme.basis.max_age_days == 15
    assert view.editor.data["basis"] == {"kind": "latest", "max_age_days": 15}


def test_precios_fit_for_puno(qtbot: QtBot, association: Database) -> None:
    """A new association starts on the Peruvian preset in soles; presets and component
    kinds have names; a rule's yes/no is a box; unsaved edits are guarded when leaving."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWidget

    from ui.main_window import MainWindow

    from .driving import answer_dialogs

    window = MainWindow(association)
    qtbot.addWidget(window)
    window.show()
    view = window.open_section("prices")
    assert isinstance(view, PricesView)
    assert view.editor.data["name"] == "peru-additive" and view.editor.data["currency"] == "PEN"
    assert view.preset.itemText(0) == "Aditivo peruano (ejemplo de Puno)"
    names = [view.preset.itemText(i) for i in range(view.preset.count())]
    assert not [n for n in names if "-" in n.split(" ")[0]]  # no identifiers as names
    shown = [view.editor.components.item(i).text() for i in range(view.editor.components.count())]
    assert shown[0] == "1. Precio base"
    assert shown[2] == "3. Higiene — Bandas (higiene, células)"
    assert not [t for t in shown if "(bands)" in t or "(component)" in t]
    rules = view.editor.rules_form.editors[0].table  # type: ignore[attr-defined]
    texts = [rules.item(r, c).text() for r in range(rules.rowCount()) for c in range(6)]
    assert "True" not in texts and "False" not in texts
    assert rules.item(0, 1).flags() & Qt.ItemFlag.ItemIsUserCheckable

    view.editor.components.setCurrentRow(0)
    rate = field(view, "rate")
    rate.setFocus()
    qtbot.keyClick(rate, Qt.Key.Key_End)
    qtbot.keyClicks(rate, "x")  # "1.20x": an edit, and not a number
    problems = [view.editor.problems.item(i).text() for i in range(view.editor.problems.count())]
    assert problems == ["Componente 1 «Precio base», tarifa: «1.20x» no es un número."]

    def stay(dialog: QWidget) -> None:  # Enter: keep editing
        assert "no se guardaron" in dialog.text()  # type: ignore[attr-defined]
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    answer_dialogs([stay], after_ms=700)
    window.nav.setCurrentRow(1)  # to Socios
    assert window.stack.currentWidget() is view and window.nav.currentRow() == 4

    def drop(dialog: QWidget) -> None:
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]

    answer_dialogs([drop])
    window.nav.setCurrentRow(1)
    assert type(window.stack.currentWidget()).__name__ == "MembersView"


def test_the_form_is_generated_from_the_scheme_model(qtbot: QtBot, association: Database) -> None:
    """Every key the strict model holds is a field of the editor (a chart's edges are edited
    by its grid), in the model's order."""
    from coop_desktop.domain.pricing import scheme_model as sm

    view = PricesView(association)
    qtbot.addWidget(view)
    qtbot.mouseClick(button(view, "Usar plantilla"), Qt.MouseButton.LeftButton)
    for i in range(view.editor.family.count()):
        view.editor.family.setCurrentIndex(i)
        kind = view.editor.family.currentData()
        qtbot.mouseClick(button(view, "Agregar"), Qt.MouseButton.LeftButton)
        form = view.editor.component_form
        assert form is not None
        expected = [
            f.key
            for f in sm.form_fields(sm.FAMILIES[kind])
            if not (kind == "chart" and f.key.endswith(".edges"))
        ]
        assert [e.field.key for e in form.editors] == expected
    top = [e.field.key for e in view.editor.top_form.editors]
    assert top == [f.key for f in sm.form_fields(sm.SchemeFile) if f.kind != "rules"]


def test_numbers_typed_in_the_editor_follow_the_one_rule(
    qtbot: QtBot, association: Database
) -> None:
    view = PricesView(association)
    qtbot.addWidget(view)
    choose_preset(qtbot, view, "peru-additive")
    view.editor.components.setCurrentRow(0)  # Precio base
    rate = field(view, "rate")
    rate.clear()
    qtbot.keyClicks(rate, "1,500")
    problems = [view.editor.problems.item(i).text() for i in range(view.editor.problems.count())]
    assert problems == [
        "Componente 1 «Precio base», tarifa: «1,500» se puede leer de dos maneras: 1500 (con "
        "separador de miles) o 1.5 (con coma o punto decimal). Escríbalo sin ambigüedad: "
        "1500 o 1.5."
    ]
    assert not view.save_button.isEnabled()
    rate.clear()
    qtbot.keyClicks(rate, "1,25")  # a comma that cannot group thousands is decimal
    assert view.editor.scheme is not None
    assert view.editor.scheme.components[0].rate == Decimal("1.25")  # type: ignore[attr-defined]
    assert view.save_button.isEnabled()


def test_calculator_says_per_hundredweight(qtbot: QtBot, association: Database) -> None:
    view = PricesView(association)
    qtbot.addWidget(view)
    choose_preset(qtbot, view, "us-component")
    view.calculator.quantity.clear()
    qtbot.keyClicks(view.calculator.quantity, "450.5")
    for key, value in (("fat", "3.7"), ("protein", "3.1"), ("st", "12.4"), ("scc", "250000")):
        view.calculator.inputs[key].clear()  # type: ignore[union-attr]
        qtbot.keyClicks(view.calculator.inputs[key], value)  # type: ignore[arg-type]
    assert "US$" in total(view) and "por 100 lb" in total(view) and "9.93182" in total(view)
    rules = [view.calculator.table.item(r, 1).text() for r in range(3)]
    assert rules == [
        "2.85 por lb de grasa",
        "2.40 por lb de proteína",
        "0.35 por lb de otros sólidos",
    ]
