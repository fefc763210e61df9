"""The mouse wheel never changes a field that does not have the focus.

Qt's spin boxes, combo boxes and date fields take the wheel as soon as the pointer is over
them, so scrolling a form changed a loan's instalments from 6 to 1 on its way down. Guarded
fields take the focus only by click or Tab, and a wheel over an unfocused one scrolls the page
that holds it instead."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget

GUARDED = (QAbstractSpinBox, QComboBox)


class WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, GUARDED):
            return False
        if watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QCoreApplication.sendEvent(area.viewport(), event)
        return True


_guard: WheelGuard | None = None


def guard_everywhere(app: QCoreApplication) -> None:
    """Guard every field of every window, dialogs included (Nuevo socio's Sexo and Forma de
    pago were still turned by the wheel): one filter on the application, which looks at wheel
    events only."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(app)
    app.installEventFilter(_guard)


def guard_wheel(root: QWidget) -> None:
    """Guard every spin box, combo box and date field under `root` (and `root` itself)."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(QCoreApplication.instance())
    fields = [w for w in root.findChildren(QWidget) if isinstance(w, GUARDED)]
    if isinstance(root, GUARDED):
        fields.append(root)
    for field in fields:
        if field.property("wheel_guarded"):
            continue
        field.setProperty("wheel_guarded", True)
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(_guard)
