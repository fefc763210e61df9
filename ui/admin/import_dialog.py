"""Importar: choose the file and what it holds; see what was detected (CSV or XLSX, encoding,
separator, decimal sign, sheet, header row, each with why) and change it; see the first rows
under a column mapping (each column's field, or ignore it) and save the mapping; then Revisar
(checks everything, saves nothing) or Importar (all or nothing; rows that correct what is
recorded are asked about first). Reading, checking and writing run in the op runner with
progress; the report lists every problem with its row and column."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.messages import field_name
from coop_desktop.domain.import_columns import FIELDS, IGNORE, PRACTICE
from coop_desktop.services.import_table import ReadOptions
from coop_desktop.services.imports import (
    ImportReport,
    describe,
    import_file,
    load_mapping,
    practice_headers,
    read_file,
    save_mapping,
)
from coop_desktop.storage.engine import Database
from ui.common.confirm import ask
from ui.common.error_text import message
from ui.common.runner import OpContext, app_runner

CORRECTIONS = ("correction_to_confirm", "test_correction_to_confirm")
RED = QColor("#b00020")
AMBER = QColor("#8a6d00")


class ImportDialog(QDialog):
    def __init__(self, db: Database, kind: str = "members", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.report: ImportReport | None = None
        self.setWindowTitle(self.tr("Importar"))
        self.resize(980, 640)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.kind = QComboBox()
        for key, label in (
            ("members", self.tr("Socios")),
            ("deliveries", self.tr("Entregas")),
            ("tests", self.tr("Análisis de calidad")),
        ):
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.path = QLineEdit()
        self.path.setPlaceholderText(self.tr("Archivo CSV o XLSX"))
        self.choose_button = QPushButton(self.tr("Elegir archivo…"))
        self.choose_button.clicked.connect(self.choose)
        self.path.returnPressed.connect(self.preview)
        for w in (QLabel(self.tr("Importar")), self.kind, self.path, self.choose_button):
            row.addWidget(w)
        row.setStretch(2, 1)
        layout.addLayout(row)
        options = QHBoxLayout()
        self.encoding = self._combo(
            [
                (self.tr("Detectar"), None),
                ("UTF-8", "utf-8"),
                ("UTF-16", "utf-16"),
                ("Windows-1252", "cp1252"),
            ]
        )
        self.delimiter = self._combo(
            [
                (self.tr("Detectar"), None),
                (self.tr("coma"), ","),
                (self.tr("punto y coma"), ";"),
                (self.tr("tabulador"), "\t"),
            ]
        )
        self.decimal = self._combo(
            [(self.tr("Detectar"), None), (self.tr("punto"), "point"), (self.tr("coma"), "comma")]
        )
        self.sheet = QComboBox()
        self.sheet_given = False  # a sheet chosen on screen, not the workbook's active one
        self.sheet.activated.connect(lambda _i: setattr(self, "sheet_given", True))
        self.header_row = QSpinBox()
        self.header_row.setRange(0, 999)
        self.header_row.setSpecialValueText(self.tr("detectar"))
        self.header_row.editingFinished.connect(self.preview)
        self.unit = self._combo([(self.tr("litros"), "L"), (self.tr("kg"), "kg")])
        for label, widget in (
            (self.tr("Codificación"), self.encoding),
            (self.tr("Separador"), self.delimiter),
            (self.tr("Decimal"), self.decimal),
            (self.tr("Hoja"), self.sheet),
            (self.tr("Fila del encabezado"), self.header_row),
            (self.tr("«Cantidad» en"), self.unit),
        ):
            options.addWidget(QLabel(label))
            options.addWidget(widget)
            if isinstance(widget, QComboBox) and widget is not self.unit:
                widget.activated.connect(lambda _i: self.preview())
        options.addStretch()
        layout.addLayout(options)
        self.detected = QLabel()
        layout.addWidget(self.detected)
        self.table = QTableWidget()
        layout.addWidget(self.table, 2)
        buttons = QHBoxLayout()
        self.save_mapping_button = QPushButton(self.tr("Guardar mapeo"))
        self.save_mapping_button.clicked.connect(self.save_mapping)
        self.check_button = QPushButton(self.tr("Revisar (sin guardar)"))
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button = QPushButton(self.tr("Importar"))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        for b in (self.save_mapping_button, self.check_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QListWidget()
        layout.addWidget(self.problems, 1)
        self.mapping_boxes: list[QComboBox] = []
        self.kind.activated.connect(lambda _i: self.preview())
        self._enable(False)

    def _combo(self, items: list[tuple[str, Any]]) -> QComboBox:
        box = QComboBox()
        for label, data in items:
            box.addItem(label, data)
        return box

    def _enable(self, ready: bool) -> None:
        for b in (self.save_mapping_button, self.check_button, self.import_button):
            b.setEnabled(ready)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importar"), "", self.tr("Hojas de cálculo (*.csv *.xlsx *.txt)")
        )
        if path:
            self.path.setText(path)
            self.sheet.clear()
            self.sheet_given = False
            self.header_row.setValue(0)
            self.preview()

    def options(self) -> ReadOptions:
        return ReadOptions(
            self.encoding.currentData(),
            self.delimiter.currentData(),
            self.decimal.currentData(),
            (self.sheet.currentText() or None) if self.sheet_given else None,
            self.header_row.value() or None,
        )

    def mapping(self) -> dict[str, str]:
        """The mapping on screen: each column's header → its field ("-" ignores it)."""
        if self.report is None:
            return {}
        out = {}
        for header, box in zip(self.report.table.headers, self.mapping_boxes, strict=False):
            if box.currentData() is not None:
                out[header] = str(box.currentData())
        return out

    def preview(self) -> None:
        """Read the file and match its columns (no database) in the background."""
        text = self.path.text().strip()
        if not text:
            return
        path, kind, options = Path(text), str(self.kind.currentData()), self.options()
        mapping = load_mapping(self.db, kind)
        if self.report is not None and self.report.kind == kind:
            mapping.update(self.mapping())  # what was chosen on screen wins
        db = self.db

        def op(_context: OpContext) -> ImportReport:
            practices = practice_headers(db) if kind == "members" else None
            return read_file(path, kind, options, mapping, practices)

        self.runner.run(
            op,
            self.show_preview,
            self._failed,
            label=self.tr("Leyendo el archivo…"),
            parent=self,
        )

    def show_preview(self, report: ImportReport) -> None:
        self.report = report
        t = report.table
        if t.sheets and self.sheet.count() == 0:
            self.sheet.addItems(t.sheets)
            self.sheet.setCurrentIndex(max(0, self.sheet.findText(t.sheet or "")))
        parts = [t.source.upper()]
        if t.encoding:
            parts.append(self.tr("codificación %1").replace("%1", t.encoding))
        if t.delimiter:
            names = {",": self.tr("coma"), ";": self.tr("punto y coma"), "\t": self.tr("tabulador")}
            parts.append(
                self.tr("separador: %1").replace("%1", names.get(t.delimiter, t.delimiter))
            )
        parts.append(
            self.tr("decimal: %1").replace(
                "%1", self.tr("coma") if t.decimal == "comma" else self.tr("punto")
            )
        )
        if t.header_row:
            parts.append(self.tr("encabezado en la fila %1").replace("%1", str(t.header_row)))
        parts.append(self.tr("%1 filas").replace("%1", str(report.rows_read)))
        self.detected.setText(self.tr("Detectado: ") + ", ".join(parts))
        rows = report.preview()
        self.table.clear()
        self.table.setColumnCount(len(t.headers))
        self.table.setRowCount(len(rows) + 1)
        self.table.setHorizontalHeaderLabels(t.headers)
        self.mapping_boxes = []
        fields = [(spec.key, field_name(spec.key, "es")) for spec in FIELDS[report.kind]]
        practices = sorted(
            {
                f
                for f in (report.match.fields if report.match else [])
                if f and f.startswith(PRACTICE)
            }
        )
        fields += [(f, f.removeprefix(PRACTICE)) for f in practices]
        for col in range(len(t.headers)):
            box = QComboBox()
            box.addItem(self.tr("(sin asignar)"), None)
            box.addItem(self.tr("(ignorar)"), IGNORE)
            for key, name in fields:
                box.addItem(name, key)
            current = report.match.fields[col] if report.match else None
            box.setCurrentIndex(max(0, box.findData(current)))
            self.table.setCellWidget(0, col, box)
            self.mapping_boxes.append(box)
        self.table.setVerticalHeaderLabels(["", *(str(row) for row, _ in rows)])  # file rows
        for r, (_, cells) in enumerate(rows, start=1):
            for c, value in enumerate(cells[: len(t.headers)]):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        self.show_report(report, preview=True)
        self._enable(bool(t.headers))

    def show_report(self, report: ImportReport, preview: bool = False) -> None:
        self.problems.clear()
        for p in report.notes:  # which sheet and header row were read, totals left aside
            self.problems.addItem(QListWidgetItem(describe(report, p)))
        for p in report.problems[:2000]:
            item = QListWidgetItem(describe(report, p))
            item.setForeground(RED)
            self.problems.addItem(item)
        for p in report.warnings[:500]:
            item = QListWidgetItem(describe(report, p))
            item.setForeground(AMBER)
            self.problems.addItem(item)
        count = len(report.problems)
        if count == 1:
            text = self.tr("1 problema: no se importará nada hasta corregirlo.")
        elif count:
            text = self.tr("%1 problemas: no se importará nada hasta corregirlos.").replace(
                "%1", str(count)
            )
        elif preview:
            text = self.tr("Columnas reconocidas. Pulse Revisar para comprobar cada fila.")
        elif report.dry_run:
            text = (
                self.tr(
                    "Revisión correcta: se importarían %1; %2 ya estaban en la base. "
                    "No se guardó nada."
                )
                .replace("%1", self.rows_text(report.to_write))
                .replace("%2", str(report.already_imported))
            )
        else:
            text = (
                self.tr("Importadas: %1; %2 ya estaban en la base y no se repitieron.")
                .replace("%1", self.rows_text(report.written))
                .replace("%2", str(report.already_imported))
            )
        if report.corrections and not count and not preview:
            text += " " + self.tr("Correcciones: %1.").replace("%1", str(len(report.corrections)))
        if report.earlier_import:
            text += " " + self.tr("Este archivo ya se importó el %1.").replace(
                "%1", report.earlier_import
            )
        self.summary.setText(text)

    def save_mapping(self) -> None:
        if self.report is not None:
            save_mapping(self.db, self.report.kind, self.mapping())
            self.summary.setText(self.tr("Mapeo guardado para la próxima vez."))

    def rows_text(self, n: int) -> str:
        return self.tr("1 fila") if n == 1 else self.tr("%1 filas").replace("%1", str(n))

    def run(self, dry_run: bool, correct: bool = False) -> None:
        if self.report is None:
            return
        db, path = self.db, Path(self.path.text().strip())
        kind, options, mapping = self.report.kind, self.options(), self.mapping()
        unit = str(self.unit.currentData())

        def op(context: OpContext) -> ImportReport:
            def progress(done: int, total: int) -> bool:
                context.progress(done, total)
                return not context.cancelled.is_set()

            return import_file(
                db,
                path,
                kind,
                options=options,
                mapping=mapping,
                dry_run=dry_run,
                default_unit=unit,
                progress=progress,
                correct=correct,
            )

        self._enable(False)
        self.runner.run(
            op,
            self._finished,
            self._failed,
            label=self.tr("Revisando…") if dry_run else self.tr("Importando…"),
            parent=self,
            cancellable=True,
        )

    def _finished(self, report: ImportReport) -> None:
        self._enable(True)
        self.report = report
        self.show_report(report)
        to_confirm = [p for p in report.problems if p.error.code in CORRECTIONS]
        if report.dry_run or not to_confirm or len(to_confirm) != len(report.problems):
            return
        shown = "\n".join(describe(report, p) for p in to_confirm[:5])
        more = len(to_confirm) - 5
        if more > 0:
            shown += "\n" + self.tr("… y %1 más.").replace("%1", str(more))
        question = (
            self.tr("1 fila corrige lo que ya está registrado:")
            if len(to_confirm) == 1
            else self.tr("%1 filas corrigen lo que ya está registrado:").replace(
                "%1", str(len(to_confirm))
            )
        )
        if ask(
            self,
            self.tr("Correcciones"),
            question + "\n\n" + shown,
            self.tr("Corregir e importar"),
            self.tr("No importar"),
        ):
            self.run(dry_run=False, correct=True)

    def _failed(self, error: BaseException) -> None:
        self._enable(self.report is not None)
        self.summary.setText(message(error))

    def done(self, result: int) -> None:  # closing waits for a running import
        self.runner.wait_idle()  # the shared runner: wait for this dialog's op
        super().done(result)
