"""Exports for spreadsheets: the payroll, the ledger, deliveries, quality tests and members of
a period or date range, as XLSX or CSV. Each table is read in one unit of work from what is
stored — the payroll from the same DTO its printed document uses, so its sums are the
printed sums — and the accountant's and the bank's files come from `services/accountant.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.i18n import N_, _, in_language
from coop_desktop.core.messages import measure_name, measure_unit
from coop_desktop.core.numbers import ZERO, ZERO_MONEY
from coop_desktop.core.outputs import write_file
from coop_desktop.documents.spreadsheet import Column, Sheet, csv_bytes, xlsx_bytes
from coop_desktop.domain.measures import MEASURES
from coop_desktop.domain.periods import parse_period
from coop_desktop.domain.settlement import KIND_LABELS
from coop_desktop.services import accountant
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Delivery, LedgerEntry, Member, QualityTest

KINDS = ("payroll", "ledger", "deliveries", "quality", "members", "purchases", "payments")
PERIOD_ONLY = ("payroll", "purchases", "payments")
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*(?:\.\.|:|/)\s*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Span:
    start: date
    end: date
    label: str
    code: str | None = None  # a period code, when one was given


def parse_span(text: str | None) -> Span:
    """A period code (2026-10, 2026-10-q1, 2026-W43), a range (2026-10-01..2026-10-31) or a
    single day (2026-10-01)."""
    raw = (text or "").strip()
    match = _RANGE.fullmatch(raw)
    try:
        if match:
            start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
            if end < start:
                raise ValueError
            return Span(start, end, f"{start}_{end}")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            day = date.fromisoformat(raw)
            return Span(day, day, raw)
        span = parse_period(raw)
    except (ValueError, ValidationError):
        raise ValidationError("bad_range", "range", value=raw) from None
    return Span(span.start, span.end, span.code, span.code)


def _name(m: Member) -> str:
    return f"{m.given_names} {m.surnames}"


@in_language
def ledger_sheet(db: Database, span: Span, lang: str) -> Sheet:
    cols = [
        Column(_("Fecha"), "date", 11),
        Column(_("Código"), "text", 9),
        Column(_("Socio"), "text", 30),
        Column(_("Tipo"), "text", 18),
        Column(_("Descripción"), "text", 36),
        Column(_("Cantidad"), "quantity", 10),
        Column(_("Precio unitario"), "price", 12),
        Column(_("Monto S/"), "money", 12),
        Column(_("Recibo"), "text", 15),
    ]
    with db.read() as session:
        found = session.execute(
            select(LedgerEntry, Member)
            .join(Member)
            .where(LedgerEntry.date >= span.start, LedgerEntry.date <= span.end)
            .order_by(LedgerEntry.date, Member.code, LedgerEntry.id)
        ).all()
        rows = [
            (
                e.date,
                m.code,
                _name(m),
                _(KIND_LABELS[e.kind]) if e.kind in KIND_LABELS else e.kind,
                e.description,
                e.quantity,
                e.unit_price,
                e.amount,
                e.document_number,
            )
            for e, m in found
        ]
    total = sum((r[7] for r in rows), ZERO_MONEY)
    return Sheet(
        _("Cuentas"),
        cols,
        rows,
        ("TOTAL", None, None, None, None, None, None, total, None),
    )


@in_language
def deliveries_sheet(db: Database, span: Span, lang: str) -> Sheet:
    """As the daily collection sheet, one column per unit: accepted and rejected milk in
    litres and in kilograms, each summed on its own (litres are never added to kilograms).
    Its headers are those the import reads, so the file can be read back as it is."""
    cols = [
        Column(_("Fecha"), "date", 11),
        Column(_("Turno"), "text", 8),
        Column(_("Código"), "text", 9),
        Column(_("Nombre del socio"), "text", 30),
        Column(_("Aceptado (L)"), "quantity", 12),
        Column(_("Aceptado (kg)"), "quantity", 12),
        Column(_("Rechazado (L)"), "quantity", 12),
        Column(_("Rechazado (kg)"), "quantity", 12),
        Column(_("Temperatura °C"), "decimal", 10, places=1),
        Column(_("Densidad"), "decimal", 9, places=4),
        Column(_("Motivo de rechazo"), "text", 28),
        Column(_("N° entrega"), "int", 10),
    ]
    shifts = {"am": _("mañana"), "pm": _("tarde")}
    slot = {(False, "L"): 4, (False, "kg"): 5, (True, "L"): 6, (True, "kg"): 7}
    with db.read() as session:
        found = session.execute(
            select(Delivery, Member.code, Member.given_names, Member.surnames)
            .join(Member)
            .where(Delivery.date >= span.start, Delivery.date <= span.end)
            .order_by(Delivery.date, Delivery.shift, Member.code, Delivery.id)
        ).all()
        rows = []
        for d, code, given, surnames in found:
            row: list[object] = [d.date, shifts[d.shift], code, f"{given} {surnames}"]
            row += [None] * 4 + [d.temperature, d.density, d.reject_reason, d.id]
            row[slot[(bool(d.rejected), d.unit)]] = d.quantity
            rows.append(tuple(row))
    sums = [sum((q for r in rows if isinstance(q := r[i], Decimal)), ZERO) for i in range(4, 8)]
    totals = ("TOTAL", None, None, None, *sums, None, None, None, None)
    return Sheet(_("Entregas"), cols, rows, totals)


@in_language
def quality_sheet(db: Database, span: Span, lang: str) -> Sheet:
    keys = list(MEASURES)
    cols = [
        Column(_("Fecha de muestra"), "date", 12),
        Column(_("Código"), "text", 9),
        Column(_("Socio"), "text", 30),
        Column(_("N° entrega"), "int", 10),
        *(
            Column(
                measure_name(m.key) + (f" {measure_unit(m.key, m.unit)}" if m.unit else ""),
                "text" if m.boolean else ("int" if m.scale == 0 else "decimal"),
                12,
                places=None if m.boolean or m.scale == 0 else m.scale,
            )
            for m in MEASURES.values()
        ),
        Column(_("Laboratorio"), "text", 20),
        Column(_("ST calculado (grasa + SNF)"), "text", 12),
    ]
    verdict = {True: _("positivo"), False: _("negativo")}
    with db.read() as session:
        found = session.execute(
            select(QualityTest, Member)
            .join(Member)
            .where(QualityTest.sample_date >= span.start, QualityTest.sample_date <= span.end)
            .order_by(QualityTest.sample_date, Member.code, QualityTest.id)
        ).all()
        rows = []
        for t, m in found:
            values = [getattr(t, k) for k in keys]
            shown = [verdict[x] if isinstance(x, bool) else x for x in values]
            derived = _("sí") if t.st_derived else None
            rows.append((t.sample_date, m.code, _name(m), t.delivery_id, *shown, t.lab, derived))
    return Sheet(_("Calidad"), cols, rows)


GENDER_WORDS = {"f": ("Mujer", "Woman"), "m": ("Hombre", "Man")}
METHOD_WORDS = {
    "cash": N_("efectivo"),
    "bank": N_("banco"),
    "wallet": N_("billetera"),
}
STATUS_WORDS = {
    "active": N_("activo"),
    "suspended": N_("suspendido"),
    "retired": N_("retirado"),
}


@in_language
def members_sheet(db: Database, span: Span | None, lang: str) -> Sheet:
    """Every member in the screen's language — words, not codes ("Mujer", "efectivo",
    "activo") — with a column per practice holding the day it was adopted (the practices
    held today). Its headers and words are those the members import reads: the file can be
    imported back as it is."""
    from coop_desktop.core import clock
    from coop_desktop.services.practices import all_practices, current_spans

    en = lang == "en"
    since = _(" (desde)")
    with db.read() as session:
        practices = all_practices(session)
        held = current_spans(session, clock.today())
        cols = [
            Column(_("Código"), "text", 9),
            Column(_("Nombres"), "text", 20),
            Column(_("Apellidos"), "text", 22),
            Column("DNI", "text", 10),
            Column(_("Sexo"), "text", 8),
            Column(_("Comunidad"), "text", 16),
            Column(_("Distrito"), "text", 14),
            Column(_("Provincia"), "text", 12),
            Column(_("Departamento"), "text", 12),
            Column(_("Dirección"), "text", 20),
            Column(_("Teléfono"), "text", 12),
            Column(_("Forma de pago"), "text", 12),
            Column(_("Banco"), "text", 12),
            Column(_("Cuenta"), "text", 20),
            Column(_("Billetera"), "text", 12),
            Column(_("Fecha de ingreso"), "date", 12),
            Column(_("Estado"), "text", 10),
            Column(_("Vacas"), "int", 7),
            *(Column(p.label(lang) + since, "date", 14) for p in practices),
        ]
        rows = [
            (
                m.code,
                m.given_names,
                m.surnames,
                m.dni,
                GENDER_WORDS[m.gender][en] if m.gender in GENDER_WORDS else m.gender,
                m.community,
                m.district,
                m.province,
                m.department,
                m.address,
                m.phone,
                _(METHOD_WORDS[m.payment_method])
                if m.payment_method in METHOD_WORDS
                else m.payment_method,
                m.bank,
                m.account,
                m.wallet,
                m.joined_on,
                _(STATUS_WORDS[m.status]) if m.status in STATUS_WORDS else m.status,
                m.herd_size,
                *(
                    s.start if (s := held.get(m.id, {}).get(p.code)) is not None else None
                    for p in practices
                ),
            )
            for m in session.scalars(select(Member).order_by(Member.code))
        ]
    return Sheet(_("Socios"), cols, rows)


Builder = Callable[[Database, Span, str], Sheet]
BUILDERS: dict[str, Builder] = {
    "payroll": lambda db, span, lang: accountant.payroll_sheet(db, span.code or "", lang),
    "ledger": ledger_sheet,
    "deliveries": deliveries_sheet,
    "quality": quality_sheet,
    "members": members_sheet,
    "purchases": lambda db, span, lang: accountant.purchases_sheet(db, span.code or "", lang),
    "payments": lambda db, span, lang: accountant.payments_sheet(db, span.code or "", lang),
}


def build(db: Database, kind: str, period: str | None, lang: str = "es") -> Sheet:
    if kind not in BUILDERS:
        raise ValidationError("unknown_export", "kind", value=kind, valid=", ".join(KINDS))
    if kind == "members" and not period:
        return members_sheet(db, None, lang)
    span = parse_span(period)
    if kind in PERIOD_ONLY and span.code is None:
        raise ValidationError("range_needs_period", "range", value=span.label)
    return BUILDERS[kind](db, span, lang)


def export_to_file(
    db: Database,
    kind: str,
    period: str | None,
    path: Path,
    lang: str = "es",
    force: bool = False,
) -> tuple[Path, int]:
    """Write the export to `path` (.xlsx or .csv, by its extension) safely (`outputs`:
    never over a database, over another file only with `force`); returns the path and the
    number of data rows."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError("bad_export_format", "format", value=path.name)
    sheet = build(db, kind, period, lang)
    if suffix == ".xlsx":
        data = xlsx_bytes([sheet])
    else:  # the accountant's and the bank's files carry no totals row: one row per record
        data = csv_bytes(sheet, lang, totals=kind not in ("purchases", "payments"))
    write_file(path, data, force=force)
    return path, len(sheet.rows)
