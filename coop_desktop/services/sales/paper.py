"""What the sales documents need from the database: the association's header (and a guide's
dispatch), read once; the renderers in coop_desktop/documents never touch storage."""

from __future__ import annotations

from coop_desktop.documents.content import Header
from coop_desktop.storage.engine import Database


def sales_header(db: Database, lang: str = "es") -> Header:
    from dataclasses import replace

    from coop_desktop.services.document_data import header

    with db.read() as session:
        return replace(header(session), lang=lang)


def guide_pdf(db: Database, dispatch_id: int, size: str = "80mm", lang: str = "es") -> bytes:
    from coop_desktop.documents.sales_statement import render_guide
    from coop_desktop.services.sales.dispatch_list import dispatch_info

    return render_guide(dispatch_info(db, dispatch_id), sales_header(db, lang), size, lang)
