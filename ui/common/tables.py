"""One look for every table: compact rows, columns sized to their content (measured on the
first rows shown, never on all 16,000), one stretching."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex


def stored_text(view: QAbstractItemView, *columns: int) -> None:
    """Mark columns that show text as it was stored (a ledger entry's detail, a scheme's own
    labels and reasons, a scheme's title): written in the association's language for its
    documents, shown as written. The translation test reads every other cell."""
    view.setProperty("data_columns", list(columns))


SIZED_ON_ROWS = 60  # a column's width is taken from this many rows around the visible ones


def tidy(table: QTableView, stretch: int) -> None:
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(SIZED_ON_ROWS)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)


class RowsModel(QAbstractTableModel):
    """A read-only table of `rows` under `headers`; subclasses say what each cell shows."""

    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = headers
        self.rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None
