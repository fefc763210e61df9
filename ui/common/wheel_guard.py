"""The mouse wheel never changes a field that does not have the focus.

Qt's spin boxes, combo boxes and date fields take the wheel as soon as the pointer is over
them, so scrolling a form changed a loan's instalments from 6 to 1 on its way down. A wheel
turned over a field without the focus scrolls the page that holds it instead; a field being
edited (it has the focus) takes the wheel as usual. It holds for every window, dialogs
included, and for fields a screen adds later (a scheme's components): the wheel is looked at
where it enters the window (ui/common/window_events.py), before any widget sees it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QWheelEvent, QWindow
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox

from ui.common.window_events import window_events

GUARDED = (QAbstractSpinBox, QComboBox)


def _wheel(_window: QWindow, event: QEvent) -> bool:
    if not isinstance(event, QWheelEvent):
        return False
    widget = QApplication.widgetAt(event.globalPosition().toPoint())
    while widget is not None and not isinstance(widget, GUARDED) and not widget.isWindow():
        widget = widget.parentWidget()
    if not isinstance(widget, GUARDED) or widget.hasFocus():
        return False
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is not None:
        QCoreApplication.sendEvent(area.viewport(), event)
    return True


def guard_everywhere() -> None:
    """Guard every field of every window of the app (once is enough)."""
    events = window_events()
    events.watch(_wheel, events)
