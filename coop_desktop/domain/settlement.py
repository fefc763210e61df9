"""A member's settlement: milk and credits, minus deductions in priority order, never below
zero. What a period cannot cover is carried to the next one as debt, item by item."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from coop_desktop.core.errors import ValidationError
from coop_desktop.core.i18n import N_, _, language
from coop_desktop.core.numbers import CENT, ZERO_MONEY, quantize

# Deduction kinds in their default priority (first is covered first).
DEDUCTION_KINDS = (
    "carried",
    "loan",
    "dues",
    "fee",
    "transport",
    "input",
    "advance",
    "penalty",
    "adjustment",
    "other",
)
CREDIT_KINDS = ("bonus", "adjustment")
CHARGE_KINDS = ("dues", "fee", "transport", "other")
# Ledger kinds the close does not treat as deductions or credits of the period.
NOT_SETTLED = ("milk", "payment")

KIND_LABELS = {
    "milk": N_("Leche"),
    "carried": N_("Deuda anterior"),
    "loan": N_("Cuota de préstamo"),
    "dues": N_("Cuota social"),
    "fee": N_("Aporte a la asociación"),
    "transport": N_("Transporte"),
    "input": N_("Insumos al crédito"),
    "advance": N_("Adelanto"),
    "penalty": N_("Castigo"),
    "bonus": N_("Bonificación"),
    "adjustment": N_("Ajuste"),
    "payment": N_("Pago"),
    "other": N_("Otro"),
}


# The words every document and screen uses for a settlement's figures (es, en): the
# statement, the payroll, the receipt and Cierre say the same thing under the same name.
SUMMARY_WORDS = {
    "milk": N_("Valor de la leche"),
    "credits": N_("Abonos"),
    "deductions": N_("Descuentos del periodo"),
    "carried_in": N_("Deuda anterior"),
    "carried_out": N_("Deuda que pasa"),
    "net": N_("Neto a pagar"),
}


def summary_word(key: str, lang: str = "es") -> str:
    with language(lang):
        return _(SUMMARY_WORDS[key])


@dataclass(frozen=True, slots=True)
class Summary:
    """A settlement in the five figures every document shows (SUMMARY_WORDS), built from
    the settlement alone, so they cannot disagree:
    milk + credits − deductions − carried_in + carried_out = net.
    `deductions` and `carried_in` are what was due (the period's own deductions; the debt
    brought from earlier periods); `carried_out` is what the period could not cover."""

    milk: Decimal
    credits: Decimal
    deductions: Decimal
    carried_in: Decimal
    carried_out: Decimal
    net: Decimal

    @property
    def covered(self) -> Decimal:
        """What this period actually took off the milk (the due less what passes on)."""
        return self.deductions + self.carried_in - self.carried_out

    def reconciles(self) -> bool:
        return (
            self.milk + self.credits - self.deductions - self.carried_in + self.carried_out
            == self.net
        )

    @classmethod
    def of_stored(
        cls,
        gross: Decimal,
        credits: Decimal,
        applied: Decimal,
        carried_in: Decimal,
        carried_out: Decimal,
        net: Decimal,
    ) -> Summary:
        """From a stored settlement, which keeps what was taken off the milk (`applied`):
        the period's own deductions are that, less the debt brought in it covered."""
        return cls(gross, credits, applied - carried_in + carried_out, carried_in, carried_out, net)

    def __add__(self, other: Summary) -> Summary:
        return Summary(
            self.milk + other.milk,
            self.credits + other.credits,
            self.deductions + other.deductions,
            self.carried_in + other.carried_in,
            self.carried_out + other.carried_out,
            self.net + other.net,
        )


ZERO_SUMMARY = Summary(*([ZERO_MONEY] * 6))


@dataclass(frozen=True, slots=True)
class Item:
    """A deduction due or a credit, always a positive amount."""

    kind: str
    description: str
    amount: Decimal
    entry_id: int | None = None  # the ledger entry it comes from, if any
    loan_id: int | None = None
    charge_id: int | None = None


@dataclass(frozen=True, slots=True)
class Applied:
    item: Item
    applied: Decimal
    uncovered: Decimal


@dataclass(frozen=True, slots=True)
class SettlementCalc:
    """The result of `settle`; the totals are computed once, when it is built."""

    gross: Decimal
    credits: tuple[Item, ...]
    deductions: tuple[Applied, ...]
    credit_total: Decimal = ZERO_MONEY
    applied_total: Decimal = ZERO_MONEY
    carried_in: Decimal = ZERO_MONEY
    carried_out: Decimal = ZERO_MONEY

    @classmethod
    def build(
        cls, gross: Decimal, credits: tuple[Item, ...], deductions: tuple[Applied, ...]
    ) -> SettlementCalc:
        return cls(
            gross,
            credits,
            deductions,
            sum((c.amount for c in credits), ZERO_MONEY),
            sum((d.applied for d in deductions), ZERO_MONEY),
            sum((d.item.amount for d in deductions if d.item.kind == "carried"), ZERO_MONEY),
            sum((d.uncovered for d in deductions), ZERO_MONEY),
        )

    @property
    def net(self) -> Decimal:
        return self.gross + self.credit_total - self.applied_total

    @property
    def summary(self) -> Summary:
        own = sum((d.item.amount for d in self.deductions if d.item.kind != "carried"), ZERO_MONEY)
        return Summary(
            self.gross, self.credit_total, own, self.carried_in, self.carried_out, self.net
        )

    def applied_by_kind(self) -> dict[str, Decimal]:
        result: dict[str, Decimal] = {}
        for d in self.deductions:
            result[d.item.kind] = result.get(d.item.kind, ZERO_MONEY) + d.applied
        return result


def parse_priority(kinds: Sequence[str]) -> tuple[str, ...]:
    """A priority order: every deduction kind exactly once (missing ones go last)."""
    unknown = [k for k in kinds if k not in DEDUCTION_KINDS]
    if unknown:
        raise ValidationError(
            "bad_choice", "priority", value=", ".join(unknown), valid=", ".join(DEDUCTION_KINDS)
        )
    ordered = list(dict.fromkeys(kinds))
    return tuple(ordered + [k for k in DEDUCTION_KINDS if k not in ordered])


def settle(
    gross: Decimal,
    credits: Sequence[Item],
    deductions: Sequence[Item],
    priority: Sequence[str] = DEDUCTION_KINDS,
) -> SettlementCalc:
    """Apply deductions in priority order (stable within a kind) up to what is available."""
    rank = {k: i for i, k in enumerate(priority)}
    available = gross + sum((c.amount for c in credits), ZERO_MONEY)
    applied = []
    for item in sorted(deductions, key=lambda d: rank.get(d.kind, len(rank))):
        take = min(item.amount, max(available, ZERO_MONEY))
        available -= take
        applied.append(Applied(item, take, item.amount - take))
    return SettlementCalc.build(gross, tuple(credits), tuple(applied))


def per_litre_charge(rate: Decimal, litres: Decimal) -> Decimal:
    """A per-litre charge on the period's accepted litres, rounded to the céntimo."""
    return quantize(rate * litres, CENT)


def instalments(principal: Decimal, count: int) -> list[Decimal]:
    """Instalments of at least one céntimo each that add up to the principal exactly.

    Equal instalments rounded to the céntimo with the last one taking the difference, as
    loans have always been split; when that would leave the last one at zero or below (1.00
    in 60 instalments), the céntimos are spread instead (the first ones one céntimo more).
    A loan with more instalments than céntimos cannot be split and is refused."""
    if count < 1:
        raise ValidationError("not_positive", "instalments", value=count)
    cents = int(principal / CENT)
    if count > cents:
        raise ValidationError(
            "loan_too_split", "instalments", value=count, principal=principal, maximum=cents
        )
    each = quantize(principal / count, CENT)
    last = principal - each * (count - 1)
    if last > 0:
        return [each] * (count - 1) + [last]
    base, extra = divmod(cents, count)
    return [(base + 1) * CENT] * extra + [base * CENT] * (count - extra)
