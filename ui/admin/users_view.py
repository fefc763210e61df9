"""Usuarios: who may sign in and with which role; add users, set a new password (which lifts
a lockout), disable or enable accounts, change one's own password, and the minutes without
use after which this PC locks. The services decide who may do what: the screen only asks."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError, ValidationError
from coop_desktop.domain.roles import Role
from coop_desktop.services import auth, users
from coop_desktop.storage.engine import Database
from ui.common.error_text import message


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class UsersView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Usuario"),
                self.tr("Nombre"),
                self.tr("Rol"),
                self.tr("Estado"),
                self.tr("Último ingreso"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        add = QGroupBox(self.tr("Nuevo usuario"))
        form = QFormLayout(add)
        self.name = QLineEdit()
        self.full_name = QLineEdit()
        self.role = QComboBox()
        for role, text in (
            (Role.TREASURER, self.tr("tesorero — socios, precios, cuentas, cierre y pagos")),
            (Role.COLLECTOR, self.tr("acopiador — entregas y análisis del periodo abierto")),
            (Role.OVERSIGHT, self.tr("vigilancia — consulta, imprime y verifica; no modifica")),
            (Role.ADMIN, self.tr("administrador — todo, incluidos los usuarios")),
        ):
            self.role.addItem(text, role.value)
        self.password = _password_field()
        self.repeat = _password_field()
        form.addRow(self.tr("Usuario:"), self.name)
        form.addRow(self.tr("Nombre completo:"), self.full_name)
        form.addRow(self.tr("Rol:"), self.role)
        form.addRow(self.tr("Contraseña:"), self.password)
        form.addRow(self.tr("Repita la contraseña:"), self.repeat)
        self.add_button = QPushButton(self.tr("Crear usuario"))
        self.add_button.clicked.connect(self.add_clicked)
        form.addRow("", self.add_button)
        layout.addWidget(add)

        actions = QHBoxLayout()
        self.passwd_button = QPushButton(self.tr("Contraseña nueva para el seleccionado"))
        self.passwd_button.clicked.connect(self.passwd_clicked)
        self.toggle_button = QPushButton(self.tr("Desactivar / activar el seleccionado"))
        self.toggle_button.clicked.connect(self.toggle_clicked)
        actions.addWidget(self.passwd_button)
        actions.addWidget(self.toggle_button)
        actions.addStretch()
        layout.addLayout(actions)

        own = QGroupBox(self.tr("Mi contraseña"))
        own_form = QFormLayout(own)
        self.current = _password_field()
        self.new_own = _password_field()
        self.repeat_own = _password_field()
        own_form.addRow(self.tr("Contraseña actual:"), self.current)
        own_form.addRow(self.tr("Contraseña nueva:"), self.new_own)
        own_form.addRow(self.tr("Repítala:"), self.repeat_own)
        self.own_button = QPushButton(self.tr("Cambiar mi contraseña"))
        self.own_button.clicked.connect(self.own_clicked)
        own_form.addRow("", self.own_button)
        layout.addWidget(own)

        lock_row = QHBoxLayout()
        self.lock_minutes = QDoubleSpinBox()
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setDecimals(0)
        from ui.admin.idle_lock import lock_minutes

        self.lock_minutes.setValue(lock_minutes())
        self.lock_minutes.valueChanged.connect(self.save_lock_minutes)
        lock_row.addWidget(QLabel(self.tr("Bloquear esta PC tras minutos sin uso (0: nunca):")))
        lock_row.addWidget(self.lock_minutes)
        lock_row.addStretch()
        layout.addLayout(lock_row)
        principal = db.principal
        self.lock_minutes.setEnabled(principal is not None and principal.role is Role.ADMIN)

        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        rows = users.list_users(self.db)
        self.table.setRowCount(len(rows))
        for r, u in enumerate(rows):
            state = self.tr("activo")
            if not u.active:
                state = self.tr("desactivado")
            elif not u.has_password:
                state = self.tr("sin contraseña")
            elif u.locked_until is not None and u.failed_attempts >= 5:
                state = self.tr("bloqueado hasta %1").replace(
                    "%1", u.locked_until.strftime("%d/%m %H:%M")
                )
            last = u.last_sign_in.strftime("%d/%m/%Y %H:%M") if u.last_sign_in else ""
            for c, text in enumerate((u.name, u.full_name, u.role, state, last)):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return None if item is None else item.text()

    def _run(self, action: object, done: str) -> bool:
        try:
            action()  # type: ignore[operator]
        except CoopError as exc:
            self.status.setText(message(exc))
            return False
        self.status.setText(done)
        self.refresh()
        return True

    def add_clicked(self) -> None:
        def add() -> None:
            if self.password.text() != self.repeat.text():
                raise ValidationError("passwords_differ", "password")
            users.add_user(
                self.db,
                self.name.text(),
                str(self.role.currentData()),
                self.password.text(),
                self.full_name.text(),
            )

        if self._run(add, self.tr("Usuario creado: %1").replace("%1", self.name.text())):
            for field in (self.name, self.full_name, self.password, self.repeat):
                field.clear()

    def passwd_clicked(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        name = self._selected()
        if name is None:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("Contraseña nueva"),
            self.tr("Contraseña nueva para %1:").replace("%1", name),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            self._run(
                lambda: users.set_password(self.db, name, password),
                self.tr("Contraseña cambiada: %1").replace("%1", name),
            )

    def toggle_clicked(self) -> None:
        name = self._selected()
        if name is None:
            return
        active = {u.name: u.active for u in users.list_users(self.db)}.get(name, True)
        self._run(
            lambda: users.set_active(self.db, name, not active),
            (
                self.tr("Usuario desactivado: %1") if active else self.tr("Usuario activado: %1")
            ).replace("%1", name),
        )

    def own_clicked(self) -> None:
        def change() -> None:
            if self.new_own.text() != self.repeat_own.text():
                raise ValidationError("passwords_differ", "password")
            auth.change_own_password(self.db, self.current.text(), self.new_own.text())

        if self._run(change, self.tr("Su contraseña fue cambiada.")):
            for field in (self.current, self.new_own, self.repeat_own):
                field.clear()

    def save_lock_minutes(self, value: float) -> None:
        from ui.common import settings

        settings.LOCK_MINUTES.set(value)
