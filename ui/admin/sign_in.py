"""Signing in to the desktop: the first administrator of a new database, the sign-in before the
main window (also used to unlock it after inactivity), and the password asked again before a
sensitive action. The checks themselves are the services' (`services/auth.py`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError, ValidationError
from coop_desktop.services import auth
from coop_desktop.storage.engine import Database
from ui.common.error_text import message
from ui.common.password import ReauthDialog, action_text

__all__ = ["FirstAdminDialog", "ReauthDialog", "SignInDialog", "install_reauthentication"]


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet("color: #b00020")
    label.setWordWrap(True)
    return label


class FirstAdminDialog(QDialog):
    """A database without users: whoever installs the program chooses the first
    administrator's name and password (no default password exists)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Primer administrador"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Esta base de datos aún no tiene usuarios. Elija el nombre y la contraseña "
                "del administrador: podrá crear después los usuarios del tesorero, los "
                "acopiadores y el consejo de vigilancia."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = _password_field()
        self.repeat = _password_field()
        form.addRow(self.tr("Usuario:"), self.name)
        form.addRow(self.tr("Nombre completo:"), self.full_name)
        form.addRow(self.tr("Contraseña:"), self.password)
        form.addRow(self.tr("Repita la contraseña:"), self.repeat)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.create_button = QPushButton(self.tr("Crear administrador"))
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.create_button.clicked.connect(self.create_clicked)
        layout.addWidget(buttons)
        self.password.setFocus()

    def create_clicked(self) -> None:
        password = self.password.text()
        try:
            if password != self.repeat.text():
                raise ValidationError("passwords_differ", "password")
            principal = auth.create_first_admin(
                self.db, self.name.text(), password, self.full_name.text()
            )
            auth.sign_in(self.db, principal.name, password)
        except CoopError as exc:
            self.error.setText(message(exc))
            return
        self.accept()


class SignInDialog(QDialog):
    """User and password; an account without a password (a migrated database) chooses one
    here. With `locked_user`, the same dialog unlocks the window after inactivity."""

    def __init__(
        self,
        db: Database,
        last_user: str = "",
        locked_user: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.locked_user = locked_user
        self.setWindowTitle(self.tr("Bloqueado") if locked_user else self.tr("Ingresar"))
        layout = QVBoxLayout(self)
        if locked_user:
            note = QLabel(
                self.tr("La sesión de %1 se bloqueó por inactividad.").replace("%1", locked_user)
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        self.user = QLineEdit(locked_user or last_user)
        self.user.setReadOnly(locked_user is not None)
        self.password = _password_field()
        self.new_password = _password_field()
        self.repeat = _password_field()
        form.addRow(self.tr("Usuario:"), self.user)
        form.addRow(self.tr("Contraseña:"), self.password)
        self.new_label = QLabel(self.tr("Contraseña nueva:"))
        self.repeat_label = QLabel(self.tr("Repítala:"))
        form.addRow(self.new_label, self.new_password)
        form.addRow(self.repeat_label, self.repeat)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton(
            self.tr("Desbloquear") if locked_user else self.tr("Ingresar")
        )
        self.sign_in_button.setDefault(True)
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = buttons.addButton(
            self.tr("Salir del programa"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.rejected.connect(self.reject)
        self.sign_in_button.clicked.connect(self.sign_in_clicked)
        layout.addWidget(buttons)
        self._show_new_password(False)
        (self.password if self.user.text() else self.user).setFocus()

    def _show_new_password(self, shown: bool) -> None:
        for widget in (self.new_label, self.new_password, self.repeat_label, self.repeat):
            widget.setVisible(shown)
        if shown:
            self.password.setEnabled(False)
            self.new_password.setFocus()

    def sign_in_clicked(self) -> None:
        name = self.user.text().strip()
        try:
            if self.locked_user is not None:
                auth.confirm_password(self.db, self.password.text())
            elif self.new_password.isVisible():
                if self.new_password.text() != self.repeat.text():
                    raise ValidationError("passwords_differ", "password")
                auth.sign_in(self.db, name, "", new_password=self.new_password.text())
            elif auth.needs_password(self.db, name):
                self.error.setText(
                    self.tr("«%1» aún no tiene contraseña: elija una.").replace("%1", name)
                )
                self._show_new_password(True)
                return
            else:
                auth.sign_in(self.db, name, self.password.text())
        except CoopError as exc:
            self.error.setText(message(exc))
            self.password.clear()
            return
        self.accept()


def install_reauthentication(db: Database, parent: QWidget) -> None:
    """A sensitive service called on the GUI thread asks through this: a modal dialog. Off
    the GUI thread (an op) nothing can be asked: the screens ask first
    (ui/common/password.py) and run the op with the typed password."""
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    def ask(permission: str) -> str | None:
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return None
        principal = db.principal
        dialog = ReauthDialog(principal.name if principal else "", action_text(permission), parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        password = dialog.password.text()
        dialog.deleteLater()
        return password if accepted else None

    db.ask_password = ask
