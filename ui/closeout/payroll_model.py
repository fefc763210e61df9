"""What Cierre shows of a period: its settlements (previewed, or as stored once closed) and the
warnings of a preview, as table models over rows built on the worker (cells are formatted
only when painted, so 16,000 members show at once).

The worker never touches Qt: the texts it fills are translated beforehand on the window's
thread (`Words`), and it formats numbers with the one formatter in the screen's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from coop_desktop.core.i18n import language
from coop_desktop.core.messages import measure_name
from coop_desktop.core.numbers import ZERO
from coop_desktop.domain.periods import PeriodSpan
from coop_desktop.domain.settlement import ZERO_SUMMARY
from coop_desktop.language import formatting
from coop_desktop.services.closeout.stored import PayrollRow, PeriodState
from ui.common import fmt
from ui.common.tables import Index, RowsModel
from ui.common.words import QT_TRANSLATE_NOOP

# The settlement's figures under the words every document uses (domain/settlement.py
# SUMMARY_WORDS): the statement, the payroll and the receipt say the same.
COLUMNS = (
    QT_TRANSLATE_NOOP("CloseoutView", "Código"),
    QT_TRANSLATE_NOOP("CloseoutView", "Socio"),
    QT_TRANSLATE_NOOP("CloseoutView", "L"),
    QT_TRANSLATE_NOOP("CloseoutView", "kg"),
    QT_TRANSLATE_NOOP("CloseoutView", "Valor de la leche S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Abonos S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Descuentos del periodo S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Deuda anterior S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Deuda que pasa S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Neto a pagar S/"),
    QT_TRANSLATE_NOOP("CloseoutView", "Liquidación"),
    QT_TRANSLATE_NOOP("CloseoutView", "Estado"),
)
FIGURES = ("milk", "credits", "deductions", "carried_in", "carried_out", "net")
NUMBER, STATUS = 10, 11
Target = tuple[str, str, int | None]  # section, member code, delivery


@dataclass(frozen=True)
class Words:
    """The warnings' texts in the screen's language, translated on the window's thread."""

    lang: str
    no_test: str
    no_sample: str
    rejected: str
    carried: str

    @classmethod
    def current(cls) -> Words:
        translate = QCoreApplication.translate
        return cls(
            fmt.lang(),
            translate("CloseoutView", "%1: la entrega %2 no tiene %3"),
            translate("CloseoutView", "%1: ninguna muestra del periodo tiene %3"),
            translate("CloseoutView", "%1: %2 rechazados"),
            translate(
                "CloseoutView",
                "%1: los descuentos superan la leche; pasan %2 al periodo siguiente",
            ),
        )

    def measures(self, keys: tuple[str, ...]) -> str:
        """ "sólidos totales, recuento bacteriano": measure keys in words, in a sentence."""
        names = []
        with language(self.lang):
            for key in keys:
                name = measure_name(key)
                names.append(name[:1].lower() + name[1:] if name[1:2].islower() else name)
        return ", ".join(names)


@dataclass(frozen=True)
class Shown:
    """A period as Cierre shows it: a preview, or what a closed period stored."""

    span: PeriodSpan
    status: str  # "preview" (open, computed now), "open" (nothing computed), "closed", "paid"
    rows: tuple[PayrollRow, ...]
    warnings: list[tuple[str, Target]] = field(default_factory=list)
    missing: int = 0  # tests the close needs and does not have (it would be refused)
    refusal: BaseException | None = None  # why closing now would be refused
    places: tuple[int, int] = (1, 1)  # decimals of the L and kg columns

    sums: dict[str, Any] = field(default_factory=dict)  # filled where it is built

    def __post_init__(self) -> None:
        """Summed where the result is built (the worker): 16,000 rows are no work for the
        window."""
        rows = self.rows
        object.__setattr__(
            self,
            "sums",
            {
                "members": len(rows),
                "litres": sum((r.litres for r in rows), ZERO),
                "kg": sum((r.kg for r in rows), ZERO),
                "summary": sum((r.summary for r in rows), ZERO_SUMMARY),
                "paid": sum(1 for r in rows if r.status == "paid"),
            },
        )

    @property
    def closed(self) -> bool:
        return self.status in ("closed", "paid")

    def totals(self) -> dict[str, Any]:
        return self.sums


def _places(rows: tuple[PayrollRow, ...]) -> tuple[int, int]:
    most = formatting.QUANTITY_PLACES
    return (
        formatting.places_needed((r.litres for r in rows), 1, most),
        formatting.places_needed((r.kg for r in rows), 1, most),
    )


def summarise(result: Any, words: Words, refusal: BaseException | None = None) -> Shown:
    """A computed close or preview (`CloseResult`) with its warnings, each with the screen
    that fixes it; on the worker (the formatter only, no widget)."""
    lang = words.lang
    warnings: list[tuple[str, Target]] = []
    for code, delivery, measures in result.missing:
        text = words.no_test if delivery else words.no_sample
        warnings.append(
            (
                text.replace("%1", code)
                .replace("%2", str(delivery))
                .replace("%3", words.measures(measures)),
                ("quality", code, delivery or None),
            )
        )
    rows = []
    for m in result.members:
        calc = m.calc
        rows.append(
            PayrollRow(
                m.code,
                m.name,
                m.milk.litres,
                m.milk.kg,
                calc.summary,
                m.number or "",
                "issued" if m.number else "",
            )
        )
        if m.milk.rejected_litres:
            warnings.append(
                (
                    words.rejected.replace("%1", m.code).replace(
                        "%2", formatting.quantity(m.milk.rejected_litres, "L", lang)
                    ),
                    ("members", m.code, None),
                )
            )
        if calc.carried_out:
            warnings.append(
                (
                    words.carried.replace("%1", m.code).replace(
                        "%2", formatting.money(calc.carried_out, lang)
                    ),
                    ("accounts", m.code, None),
                )
            )
    shown = tuple(rows)
    closed = any(r.number for r in shown)
    return Shown(
        result.span,
        "closed" if closed else "preview",
        shown,
        warnings,
        len(result.missing),
        refusal,
        _places(shown),
    )


def stored(state: PeriodState) -> Shown:
    """A period as it was stored (on the worker)."""
    return Shown(state.span, state.status, state.rows, places=_places(state.rows))


class SettlementsModel(RowsModel):
    """One row per member; amounts right-aligned, formatted when shown, each quantity column
    with one number of decimals."""

    def __init__(self) -> None:
        super().__init__([QCoreApplication.translate("CloseoutView", c) for c in COLUMNS])
        self.rows: list[PayrollRow] = []
        self.places = (1, 1)
        self.status_words = {
            "issued": self.tr("por pagar"),
            "paid": self.tr("pagada"),
        }

    def set_rows(self, rows: tuple[PayrollRow, ...], places: tuple[int, int]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.places = places
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= col <= 9:
            return fmt.RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        if col == 0:
            return r.code
        if col == 1:
            return r.name
        if col == 2:
            return fmt.number(r.litres, self.places[0])
        if col == 3:
            return fmt.number(r.kg, self.places[1])
        if col == NUMBER:
            return r.number
        if col == STATUS:
            return self.status_words.get(r.status, "")
        value: Decimal = getattr(r.summary, FIGURES[col - 4])
        return fmt.amount(value)


class WarningsModel(RowsModel):
    """The preview's warnings, each with the screen (and member) that fixes it."""

    def __init__(self) -> None:
        super().__init__([""])
        self.rows: list[tuple[str, Target]] = []

    def set_rows(self, rows: list[tuple[str, Target]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text, target = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.UserRole:
            return target
        return None
