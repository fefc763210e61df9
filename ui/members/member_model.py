"""Members in a table: all loaded once (with their search keys, built on the worker), filtered
in memory as the user types (accent- and case-insensitive), so a search over sixteen thousand
members answers within a keystroke."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from coop_desktop.domain.text import fold, member_search_key
from coop_desktop.services.dto import MemberInfo
from ui.common.tables import Index, RowsModel


def keyed(members: list[MemberInfo]) -> list[tuple[str, MemberInfo]]:
    """Each member with the text a search looks in (pure Python: the worker builds it)."""
    return [
        (member_search_key(m.code, m.given_names, m.surnames, m.dni, m.community), m)
        for m in members
    ]


class MemberModel(RowsModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self._all: list[tuple[str, MemberInfo]] = []
        self._search = ""
        self._status: str | None = None
        self._district: str | None = None
        self.status_names = {  # said of a woman ("f") or of a man (or not recorded)
            ("active", True): self.tr("Activa"),
            ("active", False): self.tr("Activo"),
            ("suspended", True): self.tr("Suspendida"),
            ("suspended", False): self.tr("Suspendido"),
            ("retired", True): self.tr("Retirada"),
            ("retired", False): self.tr("Retirado"),
        }
        self.headers = [
            self.tr("Código"),
            self.tr("Nombres y apellidos"),
            self.tr("DNI"),
            self.tr("Comunidad"),
            self.tr("Distrito"),
            self.tr("Estado"),
        ]

    def set_members(self, members: list[MemberInfo]) -> None:
        self.set_keyed(keyed(members))

    def set_keyed(self, members: list[tuple[str, MemberInfo]]) -> None:
        """Members with their search keys (`keyed`, built off the window's thread)."""
        self._all = members
        self._refilter()

    def set_filter(
        self, search: str | None = None, status: str | None = "", district: str | None = ""
    ) -> None:
        if search is not None:
            self._search = search
        if status != "":
            self._status = status
        if district != "":
            self._district = district
        self._refilter()

    def _refilter(self) -> None:
        words = fold(self._search).split()
        status, district = self._status, self._district
        self.beginResetModel()
        if not words and status is None and district is None:
            self.rows = [m for _, m in self._all]
        else:
            self.rows = [
                m
                for key, m in self._all
                if all(w in key for w in words)
                and (status is None or m.status == status)
                and (district is None or m.district == district)
            ]
        self.endResetModel()

    def member(self, row: int) -> MemberInfo:
        member: MemberInfo = self.rows[row]
        return member

    def districts(self) -> list[str]:
        return sorted({m.district for _, m in self._all if m.district})

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        m = self.rows[index.row()]
        return (
            m.code,
            m.full_name,
            m.dni or "",
            m.community or "",
            m.district or "",
            self.status_names.get((m.status, m.gender == "f"), m.status),
        )[index.column()]
