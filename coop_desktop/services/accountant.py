"""A closed period's files for people outside the office: the payroll as a spreadsheet, the
purchases for the accountant's purchases register (one row per settlement; each field and
the source of its rule in docs/exports.md), and the payment list for a bank or cash
payment. All three read the stored settlements: nothing is re-priced."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select

from coop_desktop.core.errors import Refused
from coop_desktop.core.i18n import N_, _, in_language
from coop_desktop.core.numbers import ZERO, ZERO_MONEY
from coop_desktop.documents.spreadsheet import Column, Sheet
from coop_desktop.domain.periods import parse_period
from coop_desktop.domain.settlement import summary_word
from coop_desktop.services.document_data import payroll
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import Member, Period, Settlement

# SUNAT, Tabla 10 (tipos de comprobante): 04 = liquidación de compra.
DOCUMENT_TYPE = "04"
# SUNAT, Tabla 2 (tipos de documento de identidad): 1 = DNI.
ID_TYPE_DNI = "1"
# SUNAT, Catálogo 03 (unidades de medida, UN/ECE Rec. 20): KGM = kilogramo.
UNIT_KG = "KGM"
DESCRIPTION = N_("Leche cruda entera de vaca")


def _money_sum(values: Iterable[object]) -> Decimal:
    return sum((v for v in values if isinstance(v, Decimal)), ZERO_MONEY)


SUMMARY = ("milk", "credits", "deductions", "carried_in", "carried_out", "net")


@in_language
def payroll_sheet(db: Database, code: str, lang: str = "es") -> Sheet:
    """The payroll as printed (the same DTO as its PDF, the same figures under the same
    words): its sums are the printed sums."""
    doc = payroll(db, code)
    cols = [
        Column("N°", "int", 5),
        Column(_("Código"), "text", 9),
        Column(_("Socio"), "text", 32),
        Column("DNI", "text", 10),
        Column(_("Liquidación"), "text", 15),
        Column("kg", "quantity", 12),
        *(Column(f"{summary_word(key, lang)} S/", "money", 13) for key in SUMMARY),
    ]
    rows: list[tuple[object, ...]] = [
        (i, r.code, r.name, r.dni, r.number, r.kg, *(getattr(r.summary, k) for k in SUMMARY))
        for i, r in enumerate(doc.rows, start=1)
    ]
    totals = (
        None,
        "TOTAL",
        _("{value} socios").format(value=len(doc.rows)),
        None,
        None,
        sum((r.kg for r in doc.rows), ZERO),
        *(doc.total(k) for k in SUMMARY),
    )
    return Sheet(_("Planilla {code}").format(code=code), cols, rows, totals)


def _settlements(db: Database, code: str) -> list[tuple[Settlement, Member]]:
    span = parse_period(code)
    with db.read() as session:
        period = session.scalars(select(Period).where(Period.code == span.code)).first()
        if period is None or period.status == "open":
            raise Refused("period_not_closed", "period", value=span.code)
        return [
            (s, m)
            for s, m in session.execute(
                select(Settlement, Member)
                .join(Member)
                .where(Settlement.period_id == period.id, Settlement.status != "void")
                .order_by(Settlement.series, Settlement.number)
            ).all()
        ]


@in_language
def purchases_sheet(db: Database, code: str, lang: str = "es") -> Sheet:
    """One row per settlement of the closed period, for the purchases register (docs/
    exports.md explains every column and where its rule comes from)."""
    cols = [
        Column(_("Periodo"), "text", 11),
        Column(_("Tipo de comprobante"), "text", 8),
        Column(_("Serie-número"), "text", 15),
        Column(_("Fecha de emisión"), "date", 11),
        Column(_("Tipo de documento del vendedor"), "text", 8),
        Column(_("Documento del vendedor"), "text", 10),
        Column(_("Apellidos y nombres del vendedor"), "text", 32),
        Column(_("Descripción"), "text", 26),
        Column(_("Cantidad"), "quantity", 11),
        Column(_("Unidad"), "text", 6),
        Column(_("Valor de compra S/"), "money", 12),
        Column(_("Base gravada S/"), "money", 10),
        Column("IGV S/", "money", 8),
        Column(_("Importe exonerado S/"), "money", 12),
        Column(_("Abonos S/"), "money", 10),
        Column(_("Descuentos S/"), "money", 12),
        Column(_("Neto pagado S/"), "money", 12),
    ]
    description = _(DESCRIPTION)
    rows: list[tuple[object, ...]] = [
        (
            code,
            DOCUMENT_TYPE,
            f"{s.series}-{s.number:08d}",
            s.created_at.date(),
            ID_TYPE_DNI if m.dni else "",
            m.dni or "",
            f"{m.surnames} {m.given_names}",
            description,
            s.kg,
            UNIT_KG,
            s.gross,
            ZERO_MONEY,
            ZERO_MONEY,
            s.gross,
            s.credits,
            s.deductions,
            s.net,
        )
        for s, m in _settlements(db, code)
    ]
    money = range(10, 17)
    totals = tuple(
        "TOTAL" if i == 0 else (_money_sum(r[i] for r in rows) if i in money else None)
        for i in range(len(cols))
    )
    return Sheet(_("Compras {code}").format(code=code), cols, rows, totals)


@in_language
def payments_sheet(db: Database, code: str, lang: str = "es") -> Sheet:
    """Who gets paid how much, and where: account or wallet number when known. Settlements
    with nothing to pay are left out."""
    cols = [
        Column(_("Código"), "text", 9),
        Column(_("Socio"), "text", 32),
        Column("DNI", "text", 10),
        Column(_("Forma de pago"), "text", 12),
        Column(_("Banco"), "text", 14),
        Column(_("Cuenta o billetera"), "text", 20),
        Column(_("Monto S/"), "money", 12),
        Column(_("Liquidación"), "text", 15),
    ]
    methods = {
        "cash": _("efectivo"),
        "bank": _("banco"),
        "wallet": _("billetera"),
    }
    rows: list[tuple[object, ...]] = []
    for s, m in sorted(_settlements(db, code), key=lambda pair: pair[1].code):
        if s.net <= 0:
            continue
        where = m.wallet if m.payment_method == "wallet" else m.account
        rows.append(
            (
                m.code,
                f"{m.given_names} {m.surnames}",
                m.dni or "",
                methods.get(m.payment_method, m.payment_method),
                m.bank if m.payment_method == "bank" else None,
                where or m.account or m.wallet,
                s.net,
                f"{s.series}-{s.number:08d}",
            )
        )
    total = _money_sum(r[6] for r in rows)
    return Sheet(
        _("Pagos {code}").format(code=code),
        cols,
        rows,
        ("TOTAL", None, None, None, None, None, total, None),
    )
