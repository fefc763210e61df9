"""Socios: instant search, filters by status and district, create, edit, change status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.services.dto import MemberInfo
from coop_desktop.services.members import list_members, set_status
from coop_desktop.storage.engine import Database
from ui.common import error_text as errors
from ui.common.changes import follow
from ui.common.confirm import ask
from ui.common.export_dialog import export_button
from ui.common.runner import app_runner
from ui.common.tables import tidy
from ui.members.member_dialog import MemberDialog
from ui.members.member_model import MemberModel, keyed


class MembersView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = app_runner()
        self.loading = False
        self.model = MemberModel(self)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Buscar por código, nombre, DNI o comunidad"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.model.set_filter(search=text))
        self.status = QComboBox()
        self.status.addItem(self.tr("Todos los estados"), None)
        self.status.addItem(self.tr("Activos"), "active")
        self.status.addItem(self.tr("Suspendidos"), "suspended")
        self.status.addItem(self.tr("Retirados"), "retired")
        self.status.currentIndexChanged.connect(
            lambda _i: self.model.set_filter(status=self.status.currentData())
        )
        self.district = QComboBox()
        self.district.currentIndexChanged.connect(
            lambda _i: self.model.set_filter(district=self.district.currentData())
        )
        self.new_button = QPushButton(self.tr("Nuevo socio"))
        self.new_button.clicked.connect(self.create_member)
        self.edit_button = QPushButton(self.tr("Editar"))
        self.edit_button.clicked.connect(self.edit)
        self.page_button = QPushButton(self.tr("Ficha"))
        self.page_button.clicked.connect(self.open_page)
        self.retire_button = QPushButton(self.tr("Retirar…"))
        self.retire_button.clicked.connect(lambda: self.change_status("retired"))
        self.reactivate_button = QPushButton(self.tr("Reactivar"))
        self.reactivate_button.clicked.connect(lambda: self.change_status("active"))
        self.export_button = export_button(self, db, "members", lambda: "")
        for w in (
            self.search,
            self.status,
            self.district,
            self.new_button,
            self.edit_button,
            self.page_button,
            self.retire_button,
            self.reactivate_button,
            self.export_button,
        ):
            bar.addWidget(w)
        bar.setStretch(0, 1)
        layout.addLayout(bar)
        self.table = QTableView()
        self.table.setModel(self.model)
        tidy(self.table, stretch=1)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        layout.addWidget(self.table)
        self.status_line = QLabel()
        self.status_line.setWordWrap(True)
        layout.addWidget(self.status_line)
        follow(self, self.runner, ("members",), self.reload)
        self.reload()

    def _selected(self) -> None:
        member = self.selected()
        self.retire_button.setEnabled(member is not None and member.status != "retired")
        self.reactivate_button.setEnabled(member is not None and member.status != "active")

    def focus_on(self, member_code: str, _delivery_id: int | None = None) -> None:
        """Show the member (the record opens with Enter or a double click)."""
        self.search.setText(member_code)
        self.table.selectRow(0)
        self.table.setFocus()

    def reload(self) -> None:
        """Read the members (and build their search keys) on the worker, then show them."""
        db = self.db
        self.loading = True
        self.runner.run(lambda _c: keyed(list_members(db)), self._read, self._failed, latest=self)

    def _failed(self, error: BaseException) -> None:
        self.loading = False
        self.status_line.setText(errors.message(error))

    def _read(self, members: list[tuple[str, MemberInfo]]) -> None:
        self.loading = False
        chosen = self.selected()
        self.model.set_keyed(members)
        if chosen is not None:
            row = next((r for r, m in enumerate(self.model.rows) if m.id == chosen.id), None)
            if row is not None:
                self.table.selectRow(row)
        self._selected()
        current = self.district.currentData()
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem(self.tr("Todos los distritos"), None)
        for name in self.model.districts():
            self.district.addItem(name, name)
        self.district.setCurrentIndex(max(0, self.district.findData(current)))
        self.district.blockSignals(False)

    def selected(self) -> MemberInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member(rows[0].row()) if rows else None

    def create_member(self) -> None:
        dialog = MemberDialog(self.db, parent=self)
        if dialog.exec() == MemberDialog.DialogCode.Accepted:
            app_runner().announce_writes(source=self)
            self.reload()

    def edit(self) -> None:
        member = self.selected()
        if member is None:
            return
        dialog = MemberDialog(self.db, member, parent=self)
        if dialog.exec() == MemberDialog.DialogCode.Accepted:
            app_runner().announce_writes(source=self)
            self.reload()

    def open_page(self) -> None:
        member = self.selected()
        if member is None:
            return
        from ui.members.member_page import MemberPage

        MemberPage(self.db, member, parent=self).exec()

    def change_status(self, status: str) -> None:
        """Members with history are never deleted: their status changes. Retiring asks
        first (the safe answer is the default); a retired member can be reactivated."""
        member = self.selected()
        if member is None or member.status == status:
            return
        who = f"{member.code} {member.full_name}"
        if status == "retired" and not ask(
            self,
            self.tr("Retirar socio"),
            self.tr(
                "¿Retirar a %1? Sus entregas y su cuenta se conservan; no podrá registrar "
                "entregas nuevas hasta que se reactive."
            ).replace("%1", who),
            self.tr("Retirar"),
            self.tr("No retirar"),
        ):
            return
        try:
            set_status(self.db, member.id, status)
        except Exception as exc:  # shown to the user, in the screen's language
            errors.show(self, exc)
            return
        app_runner().announce_writes(source=self)
        self.reload()
        self.status_line.setText(
            {
                ("retired", True): self.tr("%1 quedó retirada."),
                ("retired", False): self.tr("%1 quedó retirado."),
                ("active", True): self.tr("%1 está activa otra vez."),
                ("active", False): self.tr("%1 está activo otra vez."),
            }[(status, member.gender == "f")].replace("%1", who)
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
