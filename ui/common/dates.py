"""Dates on screen: the program's clock for "today" (`coop_desktop.core.clock`, never Qt's
`QDate.currentDate()`, so a test that fixes the day fixes it for the screens too), and the one
field every screen types a date into.

`DateField` is a text field: what is typed is what is read (dd/mm, dd/mm/yy, dd/mm/yyyy; this
year when the year is left out; never a future date unless the field allows it — the one
rule, `domain.validation.typed_day`), Ctrl+A and typing work as in any text field, and a
calendar button picks a day with the mouse. A date in another month than today's is shown
in amber and said back once, in words, before anything is saved with it (`confirm_far`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from coop_desktop.core import clock
from coop_desktop.core.errors import CoopError, ValidationError
from coop_desktop.domain.validation import typed_day
from ui.common import fmt

Day = date  # the class below has a method named `date`
AMBER = "background: #fff1c2"
RED = "background: #ffd6d6"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def today() -> QDate:
    return qdate(clock.today())


def pydate(field: DateField) -> date:
    """The date a field holds, read from what is typed now (a refusal names the field)."""
    return field.value()


def _py(day: date | QDate) -> date:
    return day if isinstance(day, date) else date(day.year(), day.month(), day.day())


class DateField(QWidget):
    """A date typed as text, with a calendar button; `dateChanged` when a new date is
    committed (Enter, leaving the field, a day picked in the calendar)."""

    dateChanged = Signal(QDate)

    def __init__(
        self,
        day: Day | QDate | None = None,
        *,
        future: bool = False,
        field: str = "date",
        marks_far: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """`marks_far`: a date of another month shows in amber (a date something is saved
        with); a filter's range (from, to) leaves it plain."""
        super().__init__(parent)
        self.future = future
        self.marks_far = marks_far
        self.field = field  # the name a refusal gives (messages.FIELD_NAMES)
        self.minimum: Day | None = None
        self.maximum: Day | None = None
        self.confirmed: Day | None = None  # a far date the person said yes to
        self._day = _py(day) if day is not None else clock.today()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("dd/mm/aaaa"))
        self.edit.setMaximumWidth(110)
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Elegir en el calendario"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        self.calendar: QCalendarWidget | None = None
        self.edit.editingFinished.connect(self._commit)
        self.edit.textEdited.connect(lambda _t: self._mark())
        self.button.clicked.connect(self._pick)
        self._show()

    # -- the value -------------------------------------------------------------------------

    def date(self) -> QDate:
        """The committed date (what the screen shows its data for)."""
        return qdate(self._day)

    def value(self) -> Day:
        """The date as typed now: committed first if it was typed and not yet committed;
        a text that is not a date (or out of range) is refused, naming the field."""
        if self.edit.text().strip() != fmt.day(self._day):
            self._set(self._read(), emit=True)
        return self._day

    def setDate(self, day: Day | QDate) -> None:
        self._set(_py(day), emit=True)

    def setMaximumDate(self, day: Day | QDate) -> None:
        self.maximum = _py(day)

    def setMinimumDate(self, day: Day | QDate) -> None:
        self.minimum = _py(day)

    def far(self) -> bool:
        """In another month than today's."""
        now = clock.today()
        return (self._day.year, self._day.month) != (now.year, now.month)

    def confirm_far(self, parent: QWidget | None = None) -> bool:
        """Before saving with a date of another month: say it back in words, once per date
        (the safe answer is No). True when the date is this month's or was confirmed."""
        day = self.value()
        if not self.far() or self.confirmed == day:
            return True
        from ui.common.confirm import ask

        if ask(
            parent or self,
            self.tr("Fecha de otro mes"),
            self.tr("La fecha es el %1 (%2), no de este mes. ¿Guardar con esa fecha?")
            .replace("%1", fmt.long_day(day))
            .replace("%2", fmt.day(day)),
            self.tr("Guardar con esa fecha"),
            self.tr("No guardar"),
        ):
            self.confirmed = day
            return True
        self.edit.setFocus()
        self.edit.selectAll()
        return False

    # -- typing ----------------------------------------------------------------------------

    def _read(self) -> Day:
        day = typed_day(self.edit.text(), clock.today(), future=self.future, field=self.field)
        if (self.maximum is not None and day > self.maximum) or (
            self.minimum is not None and day < self.minimum
        ):
            raise ValidationError("bad_typed_date", self.field, value=self.edit.text().strip())
        return day

    def _commit(self) -> None:
        try:
            day = self._read()
        except CoopError as exc:
            from ui.common.error_text import message

            self.edit.setStyleSheet(RED)
            self.edit.setToolTip(message(exc))
            return
        self._set(day, emit=True)

    def _set(self, day: Day, *, emit: bool) -> None:
        changed = day != self._day
        self._day = day
        self._show()
        if changed and emit:
            self.dateChanged.emit(qdate(day))

    def _show(self) -> None:
        text = fmt.day(self._day)
        if self.edit.text() != text:
            self.edit.setText(text)
        self._mark()

    def _mark(self) -> None:
        typed = self.edit.text().strip()
        far = self.marks_far and typed == fmt.day(self._day) and self.far()
        self.edit.setStyleSheet(AMBER if far else "")
        self.edit.setToolTip(
            self.tr("Otro mes: %1").replace("%1", fmt.long_day(self._day)) if far else ""
        )

    def _pick(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        top = self.future and self.maximum is None
        self.calendar.setMaximumDate(
            qdate(self.maximum or clock.today()) if not top else QDate(9999, 12, 31)
        )
        if self.minimum is not None:
            self.calendar.setMinimumDate(qdate(self.minimum))
        self.calendar.setSelectedDate(qdate(self._day))
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()

    def _picked(self, day: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self._set(_py(day), emit=True)
        self.edit.setFocus()
