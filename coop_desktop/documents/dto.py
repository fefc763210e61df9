"""What each document shows: plain, frozen records built by `services/documents.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Header:
    name: str
    ruc: str | None
    address: str | None
    district: str | None
    province: str | None
    department: str | None
    lang: str = "es"
    logo: bytes | None = None


@dataclass(frozen=True)
class MemberBlock:
    code: str
    name: str
    dni: str | None = None
    community: str | None = None
    district: str | None = None
    province: str | None = None
    department: str | None = None


@dataclass(frozen=True)
class TicketDoc:
    header: Header
    number: str
    member: MemberBlock
    day: date
    shift: str
    quantity: Decimal
    unit: str
    period: str
    period_litres: Decimal  # the member's litres of the period so far (deliveries in L only)
    temperature: Decimal | None = None
    density: Decimal | None = None
    alcohol_positive: bool | None = None
    rejected: bool = False
    reason: str | None = None
    mark: str = ""  # "" | COPIA | ANULADO
    # the member's accepted quantity of the period so far, this delivery included, per unit
    # (("L", 20.000), ("kg", 20.000)): litres and kilograms are never added together
    period_totals: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class Amount:
    label: str
    amount: Decimal


@dataclass(frozen=True)
class ReceiptDoc:
    header: Header
    number: str
    member: MemberBlock
    period: str
    start: date
    end: date
    issued: date
    kg: Decimal
    litres: Decimal
    average_price: Decimal
    gross: Decimal
    credits: tuple[Amount, ...]
    deductions: tuple[Amount, ...]
    carried_out: Decimal
    net: Decimal
    payment_method: str | None
    mark: str = ""


@dataclass(frozen=True)
class PayrollRow:
    code: str
    name: str
    dni: str | None
    kg: Decimal
    gross: Decimal
    deductions: Decimal
    net: Decimal
    number: str


@dataclass(frozen=True)
class PayrollDoc:
    header: Header
    period: str
    start: date
    end: date
    rows: tuple[PayrollRow, ...]
    mark: str = ""


@dataclass(frozen=True)
class StatementLine:
    day: date
    shift: str
    quantity: Decimal
    unit: str
    quality: str
    unit_price: Decimal
    amount: Decimal
    reason: str | None = None


@dataclass(frozen=True)
class QualityRow:
    label: str
    value: str
    reference: str
    previous: str
    ok: bool


@dataclass(frozen=True)
class StatementDoc:
    header: Header
    member: MemberBlock
    period: str
    start: date
    end: date
    lines: tuple[StatementLine, ...]
    quality: tuple[QualityRow, ...]
    factors: tuple[Amount, ...]  # how much each price factor added or took away
    better: tuple[str, ...]  # "Con higiene clase A habría recibido S/ 6.30 más"
    kg: Decimal
    litres: Decimal
    gross: Decimal
    credits: tuple[Amount, ...]
    deductions: tuple[Amount, ...]
    carried_in: Decimal
    carried_out: Decimal
    net: Decimal
    daily_litres: tuple[tuple[date, Decimal], ...] = field(default=())
    number: str | None = None
    draft: bool = False
    mark: str = ""
    trend: tuple[TrendPoint, ...] = ()  # the member's last six periods, oldest first

    @property
    def shown_mark(self) -> str:
        """What is stamped across the page: BORRADOR on an open period's statement."""
        return "BORRADOR" if self.draft and not self.mark else self.mark


@dataclass(frozen=True)
class CollectionRow:
    shift: str
    member_code: str
    member_name: str
    quantity: Decimal
    unit: str
    tests: str
    rejected: bool
    reason: str | None


@dataclass(frozen=True)
class CollectionDoc:
    header: Header
    day: date
    rows: tuple[CollectionRow, ...]


@dataclass(frozen=True)
class AdvanceDoc:
    """The receipt a member signs for an advance paid in cash."""

    header: Header
    number: str
    member: MemberBlock
    day: date
    amount: Decimal
    period: str  # the period whose close deducts it
    mark: str = ""  # "" | COPIA


@dataclass(frozen=True)
class TrendPoint:
    """One of the member's last periods on the statement: what was paid (closed) or the
    close preview (provisional)."""

    period: str  # the period's code
    litres: Decimal
    st: Decimal | None  # average of the period's samples
    ufc: Decimal | None
    price_per_kg: Decimal | None  # milk value / kg
    provisional: bool = False
