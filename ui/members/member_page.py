"""Ficha del socio: the member's deliveries, quality trend, account and documents."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coop_desktop.services.accounts import ledger
from coop_desktop.services.deliveries import page_deliveries
from coop_desktop.services.dto import MemberInfo
from coop_desktop.services.quality import member_tests
from coop_desktop.services.settlements import member_settlements
from coop_desktop.storage.engine import Database
from ui.common import fmt
from ui.common.tables import stored_text, tidy


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], stretch: int, right: Sequence[int] = ()
) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in right:  # numbers line up on the right
                item.setTextAlignment(fmt.RIGHT)
            table.setItem(r, c, item)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    tidy(table, stretch)
    return table


class MemberPage(QDialog):
    def __init__(self, db: Database, member: MemberInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ficha de %1").replace("%1", member.full_name))
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        place = ", ".join(x for x in (member.community, member.district, member.province) if x)
        layout.addWidget(
            QLabel(f"<b>{member.code} — {member.full_name}</b>  DNI {member.dni or '—'}  {place}")
        )
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        deliveries = page_deliveries(db, None, 200, member.code)
        self.tabs.addTab(
            _table(
                [self.tr("Fecha"), self.tr("Turno"), self.tr("Cantidad"), self.tr("Estado")],
                [
                    (
                        fmt.day(d.date),
                        fmt.word(d.shift),
                        fmt.quantity(d.quantity, d.unit),
                        (self.tr("Rechazada: ") + (d.reject_reason or ""))
                        if d.rejected
                        else self.tr("Aceptada"),
                    )
                    for d in deliveries
                ],
                3,
                (2,),
            ),
            self.tr("Entregas"),
        )
        keys = ("fat", "st", "snf", "protein", "ufc", "scc")
        tests = member_tests(db, member.code)
        self.tabs.addTab(
            _table(
                [
                    self.tr("Fecha"),
                    self.tr("Grasa %"),
                    self.tr("ST %"),
                    self.tr("SNF %"),
                    self.tr("Proteína %"),
                    self.tr("UFC/mL"),
                    self.tr("CCS/mL"),
                ],
                [
                    (
                        fmt.day(t.sample_date),
                        *(
                            "" if t.measures.get(k) is None else fmt.measure(k, t.measures[k])
                            for k in keys
                        ),
                    )
                    for t in tests
                ],
                0,
                (1, 2, 3, 4, 5, 6),
            ),
            self.tr("Calidad"),
        )
        lines = ledger(db, member.code)
        account = _table(
            [self.tr("Fecha"), self.tr("Detalle"), self.tr("Monto S/"), self.tr("Saldo S/")],
            [
                (
                    fmt.day(ln.date),
                    ln.description,
                    fmt.amount(ln.amount),
                    fmt.amount(ln.balance),
                )
                for ln in lines
            ],
            1,
            (2, 3),
        )
        stored_text(account, 1)  # the detail, as recorded
        self.tabs.addTab(account, self.tr("Cuenta"))
        documents = member_settlements(db, member.code)
        self.tabs.addTab(
            _table(
                [
                    self.tr("Liquidación"),
                    self.tr("Periodo"),
                    self.tr("Bruto S/"),
                    self.tr("Neto S/"),
                    self.tr("Estado"),
                ],
                [
                    (
                        s.number,
                        fmt.period(s.period),
                        fmt.amount(s.gross),
                        fmt.amount(s.net),
                        fmt.word(s.status),
                    )
                    for s in documents
                ],
                0,
                (2, 3),
            ),
            self.tr("Documentos"),
        )
