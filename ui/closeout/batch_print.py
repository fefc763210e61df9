"""A period's batch (receipts, statements or the payroll) built for Cierre and Documentos:
into one PDF for a printer, or saved as a file or a folder of files. Runs on the op runner's
worker, with progress and cancel; the documents are counted as printed (COPIA next time)
only once the batch was sent or saved."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coop_desktop.documents.batch import render_combined, write_batch
from coop_desktop.documents.layout import RollArea
from coop_desktop.services.document_data import record_prints
from coop_desktop.services.printouts import PRINTED_AS, printed_keys, receipt_renderer
from coop_desktop.storage.engine import Database
from ui.common.runner import OpContext

KINDS = ("receipts", "statements", "payroll")


@dataclass
class Batch:
    kind: str
    code: str
    pdf: bytes = b""
    receipts: list[str] = field(default_factory=list)  # what a print counts, recorded once sent
    printed_as: str = "settlement"  # the kind those keys are recorded under

    @property
    def title(self) -> str:
        return f"{self.kind}-{self.code}"


def _documents(
    db: Database,
    code: str,
    kind: str,
    members: Collection[str] | None = None,
    size: str = "A5",
    roll: RollArea | None = None,
) -> tuple[Any, list[Any], list[str]]:
    """The renderer, the documents and their file names (of `members`' codes only, when
    given: the rows selected in Cierre). Receipts at `size`, or laid out for the roll a
    printer reports (`roll`)."""
    if kind == "payroll":
        from coop_desktop.documents.payroll import PayrollRenderer
        from coop_desktop.services.document_data import payroll

        return PayrollRenderer(), [payroll(db, code)], [f"planilla-{code}"]
    if kind == "receipts":
        from coop_desktop.services.document_data import receipts

        docs: list[Any] = receipts(db, code, record=False)
        if members is not None:
            wanted = {m.strip().lower() for m in members}
            docs = [d for d in docs if d.member.code.lower() in wanted]
        renderer = receipt_renderer(size, roll)
        return renderer, docs, [f"{d.number}-{d.member.code}" for d in docs]
    from coop_desktop.documents.statement import StatementRenderer
    from coop_desktop.services.statements import statements

    found = statements(db, code, members)
    return StatementRenderer(), list(found), [f"{d.period}-{d.member.code}" for d in found]


def build_batch(
    db: Database,
    code: str,
    kind: str,
    context: OpContext,
    members: Collection[str] | None = None,
    roll: RollArea | None = None,
) -> Batch:
    """The whole batch as one PDF for a printer (receipts laid out for its roll, if any)."""
    renderer, docs, _names = _documents(db, code, kind, members, roll=roll)
    pdf = render_combined(renderer, docs, progress=context.progress, cancel=context.cancelled)
    return Batch(kind, code, pdf, printed_keys(kind, docs), PRINTED_AS[kind])


def save_batch(
    db: Database,
    code: str,
    kind: str,
    target: Path,
    context: OpContext,
    members: Collection[str] | None = None,
    size: str = "A5",
) -> list[Path]:
    """The batch into `target` (one .pdf, or a folder with one file per document); receipts
    at `size` (A5, 80mm or 58mm)."""
    renderer, docs, names = _documents(db, code, kind, members, size)
    paths = write_batch(
        renderer, docs, target, names, progress=context.progress, cancel=context.cancelled
    )
    record_prints(db, PRINTED_AS[kind], printed_keys(kind, docs))
    return paths


def record_batch(db: Database, batch: Batch) -> None:
    record_prints(db, batch.printed_as, batch.receipts)
