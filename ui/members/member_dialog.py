"""Create or edit a member: every field validated by the same rules as the service, and the
problem shown next to the field it concerns; the practices the member adopted or left, each
from a day, saved with the member."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.core.errors import CoopError
from coop_desktop.services.dto import MemberDraft, MemberInfo
from coop_desktop.services.members import add_member, clean_draft, update_member
from coop_desktop.services.practices import list_practices, member_spans
from coop_desktop.storage.engine import Database
from ui.common.error_text import message
from ui.members.practice_box import PracticeBox


class MemberDialog(QDialog):
    def __init__(
        self, db: Database, member: MemberInfo | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.member = member
        self.saved: MemberInfo | None = None
        self.setWindowTitle(self.tr("Editar socio") if member else self.tr("Nuevo socio"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        labels = {
            "code": self.tr("Código"),
            "given_names": self.tr("Nombres"),
            "surnames": self.tr("Apellidos"),
            "dni": self.tr("DNI"),
            "phone": self.tr("Teléfono"),
            "community": self.tr("Comunidad"),
            "district": self.tr("Distrito"),
            "province": self.tr("Provincia"),
            "bank": self.tr("Banco"),
            "account": self.tr("Cuenta bancaria"),
            "wallet": self.tr("Billetera móvil (Yape, Plin)"),
        }
        self.errors: dict[str, QLabel] = {}
        for key, text in labels.items():
            edit = QLineEdit(getattr(member, key) or "" if member else "")
            edit.setObjectName(key)
            error = QLabel()
            error.setStyleSheet("color: #b00020")
            error.setVisible(False)
            self.fields[key] = edit
            self.errors[key] = error
            form.addRow(text, edit)
            form.addRow("", error)
            edit.editingFinished.connect(lambda k=key: self.validate(k))
        self.fields["dni"].setMaxLength(8)
        self.gender = QComboBox()
        self.gender.addItem(self.tr("Mujer"), "f")
        self.gender.addItem(self.tr("Hombre"), "m")
        if member and member.gender == "m":
            self.gender.setCurrentIndex(1)
        form.addRow(self.tr("Sexo"), self.gender)
        self.payment = QComboBox()
        self.payment.setObjectName("payment_method")
        self.payment.addItem(self.tr("Efectivo"), "cash")
        self.payment.addItem(self.tr("Banco"), "bank")
        self.payment.addItem(self.tr("Billetera móvil"), "wallet")
        if member is not None:
            self.payment.setCurrentIndex(max(0, self.payment.findData(member.payment_method)))
        form.addRow(self.tr("Forma de pago"), self.payment)
        layout.addLayout(form)
        self.practices = PracticeBox(
            list_practices(db), member_spans(db, member.id) if member else [], self
        )
        layout.addWidget(self.practices)
        self.general = QLabel()
        self.general.setStyleSheet("color: #b00020")
        self.general.setWordWrap(True)
        layout.addWidget(self.general)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Guardar"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancelar"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def draft(self) -> MemberDraft:
        values = {k: e.text() for k, e in self.fields.items()}
        base = MemberDraft(
            code=values["code"], given_names=values["given_names"], surnames=values["surnames"]
        )
        if self.member is not None:  # keep what this form does not show
            kept = {
                f: getattr(self.member, f)
                for f in MemberDraft.__dataclass_fields__
                if hasattr(self.member, f)
            }
            base = replace(
                MemberDraft(**kept),
                code=values["code"],
                given_names=values["given_names"],
                surnames=values["surnames"],
            )
        return replace(
            base,
            dni=values["dni"] or None,
            phone=values["phone"] or None,
            community=values["community"] or None,
            district=values["district"] or None,
            province=values["province"] or None,
            gender=self.gender.currentData(),
            payment_method=self.payment.currentData(),
            bank=values["bank"] or None,
            account=values["account"] or None,
            wallet=values["wallet"] or None,
        )

    def show_error(self, error: CoopError, focus: bool = True) -> None:
        """The message under its field; on a refused save the field also takes the focus
        (an inline check never holds it: Tab always moves on)."""
        for shown in self.errors.values():
            shown.setVisible(False)
        label = self.errors.get(error.field or "")
        if label is not None:
            label.setText(message(error))
            label.setVisible(True)
            if focus:
                self.fields[error.field or ""].setFocus()
            self.general.clear()
        else:
            self.general.setText(message(error))

    def validate(self, key: str | None = None) -> bool:
        """Inline check of the field just left (`key`), or of everything typed so far;
        an empty required field is only reported when saving."""
        draft = self.draft()
        filled = replace(
            draft,
            code=draft.code or "X",
            given_names=draft.given_names or "X",
            surnames=draft.surnames or "X",
        )
        try:
            clean_draft(filled)
        except CoopError as exc:
            if key is None or exc.field == key:
                self.show_error(exc, focus=False)
                return False
        for field, label in self.errors.items():
            if key is None or field == key:
                label.setVisible(False)
        return True

    def save(self) -> None:
        try:
            facts = list(self.practices.pending)
            if self.member is None:
                self.saved = add_member(self.db, self.draft(), facts)
            else:
                self.saved = update_member(self.db, self.member.id, self.draft(), facts)
        except CoopError as exc:
            self.show_error(exc)
            return
        self.accept()
