"""Centros y rutas: create and rename collection centres, and put members along each route in
the order the collector visits them (Por ruta lists them in that order). Every change is
saved at once; the same can be done with `coop centres …`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.services.centres import (
    CentreSummary,
    add_centre,
    list_centres,
    rename_centre,
    route_members,
    set_route,
)
from coop_desktop.services.dto import MemberInfo
from coop_desktop.storage.engine import Database
from ui.common.changes import follow
from ui.common.error_text import message
from ui.common.member_lookup import MemberField, shared_index
from ui.common.runner import app_runner

CODE_ROLE = Qt.ItemDataRole.UserRole


class CentresView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.members: list[MemberInfo] = []
        layout = QHBoxLayout(self)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("<b>Centros de acopio</b>")))
        self.centres = QListWidget()
        self.centres.currentRowChanged.connect(lambda _r: self.show_route())
        left.addWidget(self.centres, 1)
        self.rename_button = QPushButton(self.tr("Renombrar…"))
        self.rename_button.clicked.connect(lambda: self.rename())
        left.addWidget(self.rename_button)
        box = QGroupBox(self.tr("Nuevo centro de acopio"))
        form = QFormLayout(box)
        self.code = QLineEdit()
        self.code.setPlaceholderText("C01")
        self.code.setMaxLength(20)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Centro de acopio Huaychani"))
        self.district = QLineEdit()
        self.community = QLineEdit()
        form.addRow(self.tr("Código:"), self.code)
        form.addRow(self.tr("Nombre:"), self.name)
        form.addRow(self.tr("Distrito:"), self.district)
        form.addRow(self.tr("Comunidad:"), self.community)
        self.add_button = QPushButton(self.tr("Agregar centro"))
        self.add_button.clicked.connect(lambda: self.add())
        for edit in (self.code, self.name, self.district, self.community):
            edit.returnPressed.connect(self.add)
        form.addRow(self.add_button)
        left.addWidget(box)
        layout.addLayout(left, 2)

        right = QVBoxLayout()
        self.route_title = QLabel()
        right.addWidget(self.route_title)
        listed = QHBoxLayout()
        self.route = QListWidget()
        listed.addWidget(self.route, 1)
        buttons = QVBoxLayout()
        self.up = QPushButton(self.tr("Subir"))
        self.down = QPushButton(self.tr("Bajar"))
        self.remove = QPushButton(self.tr("Quitar de la ruta"))
        self.up.clicked.connect(lambda: self.move_member(-1))
        self.down.clicked.connect(lambda: self.move_member(1))
        self.remove.clicked.connect(lambda: self.take_out())
        for b in (self.up, self.down, self.remove):
            buttons.addWidget(b)
        buttons.addStretch()
        listed.addLayout(buttons)
        right.addLayout(listed, 1)
        adding = QHBoxLayout()
        self.index = shared_index(db, "active")
        self.member = MemberField(self.index)
        self.member.returnPressed.connect(self.add_member)
        self.add_member_button = QPushButton(self.tr("Agregar a la ruta"))
        self.add_member_button.clicked.connect(lambda: self.add_member())
        adding.addWidget(self.member, 1)
        adding.addWidget(self.add_member_button)
        right.addLayout(adding)
        hint = QLabel(
            self.tr(
                "El orden es el del recorrido: Acopio → Por ruta muestra a los socios así. "
                "Un socio agregado aquí deja la ruta de otro centro."
            )
        )
        hint.setWordWrap(True)
        right.addWidget(hint)
        self.status = QLabel()
        self.status.setWordWrap(True)
        right.addWidget(self.status)
        layout.addLayout(right, 3)
        follow(self, self.runner, ("centres", "members"), self.reload)
        self.reload()

    # -- centres ---------------------------------------------------------------------------

    def current_code(self) -> str | None:
        item = self.centres.currentItem()
        return None if item is None else str(item.data(CODE_ROLE))

    def reload(self, select: str | None = None) -> None:
        wanted = select or self.current_code()
        self.centres.blockSignals(True)
        self.centres.clear()
        for c in list_centres(self.db):
            item = QListWidgetItem(self._centre_text(c))
            item.setData(CODE_ROLE, c.code)
            self.centres.addItem(item)
            if c.code == wanted:
                self.centres.setCurrentItem(item)
        if self.centres.currentRow() < 0 and self.centres.count():
            self.centres.setCurrentRow(0)
        self.centres.blockSignals(False)
        self.show_route()

    def _centre_text(self, c: CentreSummary) -> str:
        return (
            self.tr("%1 — %2 (%3)")
            .replace("%1", c.code)
            .replace("%2", c.name)
            .replace("%3", self.tr("%Ln socio(s)", "", c.members))
        )

    def add(self) -> None:
        try:
            made = add_centre(
                self.db,
                self.code.text(),
                self.name.text(),
                self.district.text(),
                self.community.text(),
            )
        except CoopError as exc:
            self.status.setText(message(exc))
            (self.name if exc.field == "name" else self.code).setFocus()
            return
        for edit in (self.code, self.name, self.district, self.community):
            edit.setText("")
        self.runner.announce_writes(source=self)
        self.reload(made.code)
        self.status.setText(self.tr("Centro agregado: %1.").replace("%1", made.name))

    def rename(self) -> None:
        code = self.current_code()
        if code is None:
            return
        item = self.centres.currentItem()
        old = item.text().split(" — ", 1)[-1].rsplit(" (", 1)[0]
        name, ok = QInputDialog.getText(
            self,
            self.tr("Renombrar centro"),
            self.tr("Nuevo nombre de %1:").replace("%1", code),
            text=old,
        )
        if not ok:
            return
        try:
            rename_centre(self.db, code, name)
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        self.runner.announce_writes(source=self)
        self.reload(code)

    # -- the route -------------------------------------------------------------------------

    def show_route(self) -> None:
        code = self.current_code()
        self.route.clear()
        self.members = [] if code is None else route_members(self.db, code)
        for m in self.members:
            self.route.addItem(f"{m.route_order}. {m.code}  {m.full_name}")
        self.route_title.setText(
            self.tr("<b>Ruta de %1</b>").replace("%1", code)
            if code
            else self.tr("Cree un centro de acopio para ordenar su ruta.")
        )
        for w in (self.up, self.down, self.remove, self.member, self.add_member_button):
            w.setEnabled(code is not None)

    def _save(self, codes: list[str], select: int) -> bool:
        code = self.current_code()
        if code is None:
            return False
        try:
            set_route(self.db, code, codes)
        except CoopError as exc:
            self.status.setText(message(exc))
            return False
        self.runner.announce_writes(source=self)
        self.reload(code)
        self.route.setCurrentRow(min(select, self.route.count() - 1))
        return True

    def move_member(self, step: int) -> None:
        row = self.route.currentRow()
        target = row + step
        codes = [m.code for m in self.members]
        if 0 <= row < len(codes) and 0 <= target < len(codes):
            codes[row], codes[target] = codes[target], codes[row]
            self._save(codes, target)

    def take_out(self) -> None:
        row = self.route.currentRow()
        codes = [m.code for m in self.members]
        if 0 <= row < len(codes):
            gone = codes.pop(row)
            if self._save(codes, row):
                self.status.setText(self.tr("%1 salió de la ruta.").replace("%1", gone))

    def add_member(self) -> None:
        """Add the typed member after the selected one (or at the end)."""
        try:
            member = self.index.resolve(self.member.text())
        except CoopError as exc:
            self.status.setText(message(exc))
            return
        codes = [m.code for m in self.members if m.code != member.code]
        row = self.route.currentRow()
        at = row + 1 if 0 <= row < len(codes) else len(codes)
        codes.insert(at, member.code)
        if self._save(codes, at):
            self.member.setText("")
            self.status.setText(
                (
                    self.tr("%1 agregada a la ruta, en el lugar %2.")
                    if member.gender == "f"
                    else self.tr("%1 agregado a la ruta, en el lugar %2.")
                )
                .replace("%1", member.full_name)
                .replace("%2", str(at + 1))
            )
