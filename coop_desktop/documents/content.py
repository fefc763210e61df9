"""What each document shows: plain, frozen records built by `services/document_data.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coop_desktop.core.numbers import ZERO_MONEY
from coop_desktop.domain.settlement import Summary


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
    address: str | None = None


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
class Debit:
    """One deduction of the period, or one debt carried in from an earlier period (`carried`:
    its label says where it came from): what was due, what this period covered, and what
    passes to the next period."""

    kind: str
    label: str
    due: Decimal
    applied: Decimal

    @property
    def pending(self) -> Decimal:
        return self.due - self.applied


@dataclass(frozen=True)
class Money:
    """What a settlement adds and takes, item by item; the totals reconcile on paper:
    gross − deductions + credits − carried in + carried out = net."""

    gross: Decimal
    credits: tuple[Amount, ...]
    debits: tuple[Debit, ...]
    net: Decimal

    def _sum(self, values: list[Decimal]) -> Decimal:
        return sum(values, ZERO_MONEY)

    @property
    def credit_total(self) -> Decimal:
        return self._sum([c.amount for c in self.credits])

    @property
    def deductions_due(self) -> Decimal:
        """The period's own deductions (debts from earlier periods apart)."""
        return self._sum([d.due for d in self.debits if d.kind != "carried"])

    @property
    def carried_in(self) -> Decimal:
        return self._sum([d.due for d in self.debits if d.kind == "carried"])

    @property
    def carried_out(self) -> Decimal:
        return self._sum([d.pending for d in self.debits])

    @property
    def applied(self) -> Decimal:
        return self._sum([d.applied for d in self.debits])

    @property
    def summary(self) -> Summary:
        """The five figures every document shows of this settlement."""
        return Summary(
            self.gross,
            self.credit_total,
            self.deductions_due,
            self.carried_in,
            self.carried_out,
            self.net,
        )

    def reconciles(self) -> bool:
        return self.summary.reconciles()


@dataclass(frozen=True)
class GoodsLine:
    """A line of purchased milk on a receipt: quantity in the unit it was priced in."""

    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    value: Decimal


@dataclass(frozen=True)
class VoidNote:
    """Why a document is ANULADO, when, and the number that replaces it (if issued yet)."""

    reason: str
    day: date | None
    replaced_by: str | None


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
    goods: tuple[GoodsLine, ...]
    money: Money
    payment_method: str | None
    mark: str = ""
    void: VoidNote | None = None  # on an ANULADO receipt
    replaces: str | None = None  # the voided number this receipt replaces

    @property
    def gross(self) -> Decimal:
        return self.money.gross

    @property
    def net(self) -> Decimal:
        return self.money.net


@dataclass(frozen=True)
class PayrollRow:
    """A member's line: the settlement's summary (milk + credits − deductions − debt brought
    in + debt carried on = net), as the statement and the receipt show it."""

    code: str
    name: str
    dni: str | None
    kg: Decimal
    summary: Summary
    number: str


@dataclass(frozen=True)
class PayrollDoc:
    header: Header
    period: str
    start: date
    end: date
    rows: tuple[PayrollRow, ...]
    mark: str = ""

    def total(self, name: str) -> Decimal:
        return sum((getattr(r.summary, name) for r in self.rows), ZERO_MONEY)


@dataclass(frozen=True)
class StatementLine:
    """One delivery: as recorded (`quantity` in `unit`), in litres and kg, and the quantity in
    the unit it was priced in (`price_unit`), so that priced quantity × unit price = amount."""

    day: date
    shift: str
    quantity: Decimal
    unit: str
    litres: Decimal
    kg: Decimal
    priced: Decimal
    price_unit: str
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
    money: Money
    densities: tuple[Decimal, ...] = ()  # kg = litres × density, printed once
    daily_litres: tuple[tuple[date, Decimal], ...] = field(default=())
    number: str | None = None
    draft: bool = False
    mark: str = ""
    trend: tuple[TrendPoint, ...] = ()  # the member's last six periods, oldest first

    @property
    def gross(self) -> Decimal:
        return self.money.gross

    @property
    def net(self) -> Decimal:
        return self.money.net

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
    mark: str = ""  # "" | COPIA


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
