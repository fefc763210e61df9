"""Plain, frozen records that services hand to the CLI and the UI (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class AssociationInfo:
    id: int
    name: str
    ruc: str | None
    address: str | None
    district: str | None
    province: str | None
    department: str | None
    language: str
    currency: str
    cycle: str
    receipt_series: str
    settlement_series: str
    ticket_series: str
    has_logo: bool


@dataclass(frozen=True, slots=True)
class MemberInfo:
    id: int
    code: str
    given_names: str
    surnames: str
    dni: str | None
    gender: str | None
    community: str | None
    district: str | None
    province: str | None
    department: str | None
    phone: str | None
    payment_method: str
    account: str | None
    joined_on: date | None
    status: str
    herd_size: int | None
    centre_id: int | None
    route_order: int | None
    bank: str | None = None
    wallet: str | None = None  # mobile wallet number (Yape, Plin)

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.surnames}"


@dataclass(frozen=True, slots=True)
class MemberDraft:
    """What a person types to create or edit a member; validated by the service."""

    code: str
    given_names: str
    surnames: str
    dni: str | None = None
    gender: str | None = None
    community: str | None = None
    district: str | None = None
    province: str | None = None
    department: str | None = None
    address: str | None = None
    phone: str | None = None
    payment_method: str = "cash"
    account: str | None = None
    joined_on: date | None = None
    herd_size: int | None = None
    centre_id: int | None = None
    route_order: int | None = None
    bank: str | None = None
    wallet: str | None = None


@dataclass(frozen=True, slots=True)
class DeliveryInfo:
    id: int
    member_id: int
    member_code: str
    member_name: str
    date: date
    shift: str
    centre_id: int | None
    quantity: Decimal
    unit: str
    temperature: Decimal | None
    density: Decimal | None
    alcohol_positive: bool | None
    cooled: bool
    rejected: bool
    reject_reason: str | None
    recorded_by: str
    recorded_at: datetime
    ticket: str | None = None  # its ticket's number, from the ticket series' counter


@dataclass(frozen=True, slots=True)
class QualityTestInfo:
    id: int
    member_id: int
    member_code: str
    sample_date: date
    delivery_id: int | None
    measures: dict[str, Decimal | bool] = field(default_factory=dict)
    lab: str | None = None
