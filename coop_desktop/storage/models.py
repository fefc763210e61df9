"""The data model: SQLAlchemy 2.0 typed tables. Exact values use `Fixed` (integer minor units).

Column names for quality measures are the canonical measure keys of `domain.measures`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from coop_desktop.storage.types import (
    DENSITY,
    MONEY,
    PERCENT,
    PRICED_QUANTITY,
    QUANTITY,
    UNIT_PRICE,
    Fixed,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Association(Base):
    __tablename__ = "association"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    ruc: Mapped[str | None] = mapped_column(String(11))
    address: Mapped[str | None] = mapped_column(String(300))
    district: Mapped[str | None] = mapped_column(String(100))
    province: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(5), default="es")
    currency: Mapped[str] = mapped_column(String(3), default="PEN")
    cycle: Mapped[str] = mapped_column(String(10), default="month")
    receipt_series: Mapped[str] = mapped_column(String(4), default="R001")
    settlement_series: Mapped[str] = mapped_column(String(4), default="L001")
    ticket_series: Mapped[str] = mapped_column(String(4), default="T001")
    logo: Mapped[bytes | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Setting(Base):
    """Business settings that belong to the association's data (not UI state)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DataVersion(Base):
    """One row whose number every committed write raises (storage.engine): a screen polls it
    to see that another PC or the CLI changed the data."""

    __tablename__ = "data_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class Centre(Base):
    __tablename__ = "centre"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    district: Mapped[str | None] = mapped_column(String(100))
    community: Mapped[str | None] = mapped_column(String(100))


class Member(Base):
    __tablename__ = "member"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    given_names: Mapped[str] = mapped_column(String(120))
    surnames: Mapped[str] = mapped_column(String(120))
    dni: Mapped[str | None] = mapped_column(String(8), unique=True)
    gender: Mapped[str | None] = mapped_column(String(1))
    community: Mapped[str | None] = mapped_column(String(100))
    district: Mapped[str | None] = mapped_column(String(100))
    province: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(20))
    payment_method: Mapped[str] = mapped_column(String(10), default="cash")
    account: Mapped[str | None] = mapped_column(String(60))
    bank: Mapped[str | None] = mapped_column(String(60))
    wallet: Mapped[str | None] = mapped_column(String(20))  # mobile wallet number (Yape, Plin)
    joined_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="active")
    herd_size: Mapped[int | None] = mapped_column(Integer)
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"))
    route_order: Mapped[int | None] = mapped_column(Integer)
    # Lower-case, accent-free "code names surnames dni community" for instant search.
    search_key: Mapped[str] = mapped_column(String(600), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Practice(Base):
    """A practice a member can hold (good livestock practices, regenerative grazing, …):
    data the association extends. Its code is what price schemes and indicators name."""

    __tablename__ = "practice"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class MemberPractice(Base):
    """A dated fact: a member adopted or left a practice on a day. Append-only (triggers on
    both engines): leaving is a new fact, never an edit of the adoption."""

    __tablename__ = "member_practice"
    __table_args__ = (Index("ix_member_practice_member_id", "member_id", "practice_id", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    practice_id: Mapped[int] = mapped_column(ForeignKey("practice.id"))
    kind: Mapped[str] = mapped_column(String(10))  # adopted | left
    day: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class Delivery(Base):
    __tablename__ = "delivery"
    __table_args__ = (
        Index("ix_delivery_date_shift", "date", "shift"),
        Index("ix_delivery_member_date", "member_id", "date"),
        # Tickets are numbered from their series' counter, never from the row id.
        Index("uq_delivery_ticket", "ticket_series", "ticket_number", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    date: Mapped[date] = mapped_column(Date)
    shift: Mapped[str] = mapped_column(String(2))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"))
    quantity: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    unit: Mapped[str] = mapped_column(String(2))
    temperature: Mapped[Decimal | None] = mapped_column(Fixed(1))
    density: Mapped[Decimal | None] = mapped_column(Fixed(DENSITY))
    alcohol_positive: Mapped[bool | None] = mapped_column(Boolean)
    cooled: Mapped[bool] = mapped_column(Boolean, default=False)
    rejected: Mapped[bool] = mapped_column(Boolean, default=False)
    reject_reason: Mapped[str | None] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    ticket_series: Mapped[str | None] = mapped_column(String(4))
    ticket_number: Mapped[int | None] = mapped_column(Integer)


class QualityTest(Base):
    __tablename__ = "quality_test"
    __table_args__ = (Index("ix_quality_test_member_date", "member_id", "sample_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    sample_date: Mapped[date] = mapped_column(Date)
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("delivery.id"), index=True)
    fat: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    protein: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    st: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    snf: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    density: Mapped[Decimal | None] = mapped_column(Fixed(DENSITY))
    acidity: Mapped[Decimal | None] = mapped_column(Fixed(3))
    ufc: Mapped[Decimal | None] = mapped_column(Fixed(0))
    scc: Mapped[Decimal | None] = mapped_column(Fixed(0))
    tram: Mapped[Decimal | None] = mapped_column(Fixed(2))
    temperature: Mapped[Decimal | None] = mapped_column(Fixed(1))
    added_water: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    alcohol: Mapped[bool | None] = mapped_column(Boolean)
    antibiotics: Mapped[bool | None] = mapped_column(Boolean)
    lab: Mapped[str | None] = mapped_column(String(100))
    # True when `st` was derived from fat + SNF (the reading gave those, the scheme needs ST)
    st_derived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class PriceScheme(Base):
    __tablename__ = "price_scheme"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str | None] = mapped_column(Text)


class PriceSchemeVersion(Base):
    """One version of a scheme: a JSON definition in force from `effective_from`."""

    __tablename__ = "price_scheme_version"
    __table_args__ = (UniqueConstraint("scheme_id", "effective_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    scheme_id: Mapped[int] = mapped_column(ForeignKey("price_scheme.id"))
    effective_from: Mapped[date] = mapped_column(Date, index=True)
    definition: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Period(Base):
    __tablename__ = "period"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="open")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closed_by: Mapped[str | None] = mapped_column(String(60))
    # Control totals written by the close (JSON, amounts as decimal strings); `coop check`
    # recomputes them from the data and compares.
    totals: Mapped[str | None] = mapped_column(Text)


class Charge(Base):
    """A recurring charge applied by every close: dues per period, transport per litre, …"""

    __tablename__ = "charge"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    amount: Mapped[Decimal] = mapped_column(Fixed(UNIT_PRICE))
    per: Mapped[str] = mapped_column(String(10))  # period | litre
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)


class Loan(Base):
    """A loan to a member, repaid by equal instalments deducted by each close."""

    __tablename__ = "loan"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    description: Mapped[str] = mapped_column(String(200))
    principal: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    instalments: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Product(Base):
    """An input sold to members on credit (concentrate, wheat bran, mineral salt, …)."""

    __tablename__ = "product"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    unit: Mapped[str] = mapped_column(String(20), default="unidad")
    price: Mapped[Decimal] = mapped_column(Fixed(UNIT_PRICE))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class LedgerEntry(Base):
    """One movement of a member's account. Credits are positive, debits negative.

    Append-only (triggers on both engines): a correction, a reopen or a payment reversal is a
    new entry whose `reverses_id` names the entry it cancels, for the opposite amount."""

    __tablename__ = "ledger_entry"
    __table_args__ = (
        Index("ix_ledger_entry_member_date", "member_id", "date"),
        Index("uq_ledger_entry_document_number", "document_number", unique=True),
        Index("uq_ledger_entry_reverses_id", "reverses_id", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    quantity: Mapped[Decimal | None] = mapped_column(Fixed(QUANTITY))
    unit_price: Mapped[Decimal | None] = mapped_column(Fixed(UNIT_PRICE))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    settlement_id: Mapped[int | None] = mapped_column(ForeignKey("settlement.id"), index=True)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loan.id"))
    charge_id: Mapped[int | None] = mapped_column(ForeignKey("charge.id"))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entry.id"))
    document_number: Mapped[str | None] = mapped_column(String(20))  # its printed receipt
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entry.id"))
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class Settlement(Base):
    __tablename__ = "settlement"
    __table_args__ = (
        UniqueConstraint("series", "number"),
        # One current (not void) settlement per member and period.
        Index(
            "uq_settlement_current",
            "period_id",
            "member_id",
            unique=True,
            sqlite_where=text("status <> 'void'"),
            postgresql_where=text("status <> 'void'"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    series: Mapped[str] = mapped_column(String(4))
    number: Mapped[int] = mapped_column(Integer)
    kg: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    litres: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    gross: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    credits: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    deductions: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    carried_in: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    carried_out: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    net: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    status: Mapped[str] = mapped_column(String(10), default="issued")
    paid_on: Mapped[date | None] = mapped_column(Date)
    payment_method: Mapped[str | None] = mapped_column(String(10))
    payment_reference: Mapped[str | None] = mapped_column(String(100))
    void_reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SettlementLine(Base):
    __tablename__ = "settlement_line"
    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(ForeignKey("settlement.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal | None] = mapped_column(Fixed(QUANTITY))
    unit_price: Mapped[Decimal | None] = mapped_column(Fixed(UNIT_PRICE))
    amount: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    # A milk line: its pricing unit (kg, L, lb, 100kg, 100L, 100lb), its quantity in that
    # unit (to 1/100000: a 100 lb line of 227.517 lb is 2.27517), and the deliveries it pays
    # (their ids, comma-separated, ascending), so documents never price a closed period again.
    unit: Mapped[str | None] = mapped_column(String(6))
    priced_quantity: Mapped[Decimal | None] = mapped_column(Fixed(PRICED_QUANTITY))
    deliveries: Mapped[str | None] = mapped_column(Text)


class DocumentCounter(Base):
    """Gapless numbering: the last number used per series, bumped in the writing transaction."""

    __tablename__ = "document_counter"
    series: Mapped[str] = mapped_column(String(10), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class User(Base):
    """A person who signs in. Never deleted (the audit trail names them): disabled instead."""

    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)  # lower case, what is typed
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    # Argon2id hash; NULL until the user sets a password on first use (a migrated database).
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    last_sign_in: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditLog(Base):
    """Append-only (triggers refuse UPDATE and DELETE on both engines) and tamper-evident:
    each row's `chain_hash` is SHA-256 over its canonical content and the previous row's hash
    (`storage/audit_chain.py`), in the order of `seq`."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_seq", "seq", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(40))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    chain_hash: Mapped[str | None] = mapped_column(String(64))


class ImportBatch(Base):
    """One imported file: what it was, who imported it and how many rows it wrote."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # members | deliveries | tests
    file_name: Mapped[str] = mapped_column(String(300))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    rows: Mapped[int] = mapped_column(Integer)
    imported_by: Mapped[str] = mapped_column(String(60))
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class ImportRow(Base):
    """The fingerprint of every imported row, so importing the same rows again (the same
    file, or another file holding them) writes nothing twice."""

    __tablename__ = "import_row"
    __table_args__ = (UniqueConstraint("kind", "fingerprint"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    fingerprint: Mapped[str] = mapped_column(String(32))
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batch.id"))
