"""The password asked again before a sensitive action (reopen, void, reverse a payment, a
scheme, users): always on the window's thread, before the work starts. The work then runs
on the op runner with the typed password (`services.authz.password_given`), where the
service checks it; a worker can never ask anything."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.i18n import language
from coop_desktop.core.messages import permission_text
from coop_desktop.domain.roles import Permission
from coop_desktop.storage.engine import Database
from ui.common import fmt

T = TypeVar("T")


class ReauthDialog(QDialog):
    """«Para anular un recibo, admin debe escribir de nuevo su contraseña»."""

    def __init__(self, user: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Confirme su contraseña"))
        layout = QVBoxLayout(self)
        label = QLabel(
            self.tr("Para %1, %2 debe escribir de nuevo su contraseña.")
            .replace("%1", action)
            .replace("%2", user)
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        buttons = QDialogButtonBox()
        self.confirm_button = QPushButton(self.tr("Confirmar"))
        self.confirm_button.setDefault(True)
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText(self.tr("Cancelar"))
        buttons.rejected.connect(self.reject)
        self.confirm_button.clicked.connect(self.accept)
        layout.addWidget(buttons)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)


def action_text(permission: str) -> str:
    """What a permission allows, in the screen's language ("reabrir un periodo")."""
    with language(fmt.lang()):
        return permission_text(permission)


def typed_password(db: Database, permission: str, parent: QWidget | None) -> str | None:
    """Ask the signed-in user for their password, on this (the window's) thread. None when
    they cancel; "" when nothing is to be asked: a role that may not do the action (the
    service refuses it, and records the refusal, before any password is looked at) or a
    sign-in that already counts."""
    principal = db.principal
    if principal is None or not principal.may(Permission(permission)):
        return ""
    if db.password_confirmed:
        return ""  # a script's sign-in already counts
    dialog = ReauthDialog(principal.name, action_text(permission), parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    password = dialog.password.text()
    dialog.deleteLater()
    return password if accepted else None


def with_password(password: str, work: Callable[[], T]) -> T:
    """On the worker: run a sensitive service with the password typed before it started."""
    from coop_desktop.services.authz import password_given

    if not password:
        return work()
    with password_given(password):
        return work()


def sensitive_op(password: str, work: Callable[[], T]) -> Callable[[Any], T]:
    """An op for the runner that runs `work` with the typed password."""
    return lambda _context: with_password(password, work)
