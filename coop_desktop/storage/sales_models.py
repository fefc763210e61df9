"""The tables of selling the milk: buyers and their price terms, dispatches with their guides
and the buyer's reception, tank readings, the buyers' accounts, expenses and the own plant.

Everything that counts milk or money is append-only (storage/protection.py): a mistake is
annulled by a row of `sales_void` (dispatches, receptions, tank readings, batches) or by a
reversal entry of the opposite amount (`buyer_entry`, `expense`), never edited or deleted.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from coop_desktop.storage.models import Base
from coop_desktop.storage.types import DENSITY, MONEY, PERCENT, QUANTITY, UNIT_PRICE, Fixed


class Buyer(Base):
    """Who buys the milk: a plant, a quesería, the association's own plant, or local sale."""

    __tablename__ = "buyer"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    ruc: Mapped[str | None] = mapped_column(String(11))
    kind: Mapped[str] = mapped_column(String(10))  # planta | queseria | propia | local
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class BuyerPrice(Base):
    """A buyer's price terms in force from a date: a fixed price per L or kg, or a price
    scheme (the same JSON and engine as the members' prices)."""

    __tablename__ = "buyer_price"
    __table_args__ = (UniqueConstraint("buyer_id", "effective_from"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("buyer.id"))
    effective_from: Mapped[date] = mapped_column(Date)
    price: Mapped[Decimal | None] = mapped_column(Fixed(UNIT_PRICE))
    per: Mapped[str | None] = mapped_column(String(2))  # L | kg (a fixed price)
    definition: Mapped[str | None] = mapped_column(Text)  # a scheme
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Dispatch(Base):
    """Milk that left a centre for a buyer, by the association's measure, with its guide."""

    __tablename__ = "dispatch"
    __table_args__ = (
        Index("ix_dispatch_date_centre", "date", "centre_id"),
        Index("uq_dispatch_guide", "guide_series", "guide_number", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    guide_series: Mapped[str] = mapped_column(String(4))
    guide_number: Mapped[int] = mapped_column(Integer)
    date: Mapped[date] = mapped_column(Date)
    shift: Mapped[str] = mapped_column(String(2))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"))
    buyer_id: Mapped[int] = mapped_column(ForeignKey("buyer.id"), index=True)
    quantity: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    unit: Mapped[str] = mapped_column(String(2))
    litres: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    kg: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    temperature: Mapped[Decimal | None] = mapped_column(Fixed(1))
    alcohol_positive: Mapped[bool | None] = mapped_column(Boolean)
    fat: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    snf: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    st: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    protein: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    density: Mapped[Decimal | None] = mapped_column(Fixed(DENSITY))
    acidity: Mapped[Decimal | None] = mapped_column(Fixed(3))
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class Reception(Base):
    """What the buyer measured of one dispatch (or its rejection), priced on receipt."""

    __tablename__ = "dispatch_reception"
    id: Mapped[int] = mapped_column(primary_key=True)
    dispatch_id: Mapped[int] = mapped_column(ForeignKey("dispatch.id"), index=True)
    date: Mapped[date] = mapped_column(Date)
    quantity: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    unit: Mapped[str] = mapped_column(String(2))
    litres: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    kg: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    fat: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    snf: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    st: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    protein: Mapped[Decimal | None] = mapped_column(Fixed(PERCENT))
    density: Mapped[Decimal | None] = mapped_column(Fixed(DENSITY))
    acidity: Mapped[Decimal | None] = mapped_column(Fixed(3))
    ufc: Mapped[Decimal | None] = mapped_column(Fixed(0))
    scc: Mapped[Decimal | None] = mapped_column(Fixed(0))
    alcohol: Mapped[bool | None] = mapped_column(Boolean)
    rejected: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str | None] = mapped_column(String(200))
    unit_price: Mapped[Decimal] = mapped_column(Fixed(UNIT_PRICE))
    amount: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class BuyerEntry(Base):
    """One movement of a buyer's account: a sale (what a reception priced, positive: owed to
    the association), a payment received (negative), or the reversal of either."""

    __tablename__ = "buyer_entry"
    __table_args__ = (
        Index("ix_buyer_entry_buyer_date", "buyer_id", "date"),
        Index("uq_buyer_entry_reverses_id", "reverses_id", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("buyer.id"))
    date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))  # sale | payment
    amount: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    reception_id: Mapped[int | None] = mapped_column(ForeignKey("dispatch_reception.id"))
    reference: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(200))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("buyer_entry.id"))
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class TankReading(Base):
    """The stock of a centre's tank at opening or closing of a day; a later reading of the
    same centre, day and moment supersedes the earlier one (both stay)."""

    __tablename__ = "tank_reading"
    __table_args__ = (Index("ix_tank_reading_centre_date", "centre_id", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id"))
    date: Mapped[date] = mapped_column(Date)
    moment: Mapped[str] = mapped_column(String(8))  # opening | closing
    litres: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class Expense(Base):
    """A cost of the collection business; corrected by a reversal of the opposite amount."""

    __tablename__ = "expense"
    __table_args__ = (Index("uq_expense_reverses_id", "reverses_id", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    category: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Fixed(MONEY))
    note: Mapped[str | None] = mapped_column(String(200))
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("expense.id"))
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class PlantProduct(Base):
    """A product of the association's own plant (queso fresco, yogur, …): a list it extends."""

    __tablename__ = "plant_product"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class PlantBatch(Base):
    """One production batch of the own plant: milk in, kg of one product out."""

    __tablename__ = "plant_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("plant_product.id"))
    milk_litres: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    kg_out: Mapped[Decimal] = mapped_column(Fixed(QUANTITY))
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class SalesVoid(Base):
    """The annulment of a dispatch, reception, tank reading or batch: the row stays (marked
    ANULADO), readers leave it out. One annulment per row, never undone."""

    __tablename__ = "sales_void"
    __table_args__ = (UniqueConstraint("entity", "entity_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int] = mapped_column(Integer)
    date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class IntakePeriod(Base):
    """A closed period whose intake per centre and day its close stored (`IntakeDay`).
    Read only while the period is closed; a new close of it stores it anew."""

    __tablename__ = "sales_intake_period"
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), primary_key=True)
    stored_at: Mapped[datetime] = mapped_column(DateTime)


class IntakeDay(Base):
    """The accepted milk of one centre on one day of a closed period, as its close read it:
    litres (to the millilitre), kg of fat and of total solids (in 1e-11 kg: millilitres ×
    density in 1/10000 × % in 1/100) and the kg of milk each is known for (in 1e-7 kg). A
    derived figure, not an entry: replaced when the period is closed again."""

    __tablename__ = "sales_intake_day"
    __table_args__ = (Index("ix_sales_intake_day_period_date", "period_id", "date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centre.id"))
    date: Mapped[date] = mapped_column(Date)
    accepted_ml: Mapped[int] = mapped_column(BigInteger)
    fat: Mapped[int] = mapped_column(BigInteger)
    solids: Mapped[int] = mapped_column(BigInteger)
    fat_base: Mapped[int] = mapped_column(BigInteger)
    solids_base: Mapped[int] = mapped_column(BigInteger)
