"""Buyers and their price terms (versions by effective date, as the members' schemes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import NotFound, Refused, ValidationError
from coop_desktop.core.i18n import _, in_language
from coop_desktop.domain import validation as v
from coop_desktop.domain.pricing import schema
from coop_desktop.domain.pricing.pricer import Pricer
from coop_desktop.domain.roles import Permission
from coop_desktop.domain.sales.buyer_price import PriceTerms, TermsTimeline
from coop_desktop.language import formatting as fmt
from coop_desktop.services.authz import requires
from coop_desktop.services.context import actor, audit, now, row_dict
from coop_desktop.storage.engine import Database
from coop_desktop.storage.sales_models import Buyer, BuyerPrice

BUYER_KINDS = ("planta", "queseria", "propia", "local")
UNITS = ("L", "kg")


@dataclass(frozen=True, slots=True)
class BuyerInfo:
    id: int
    code: str
    name: str
    ruc: str | None
    kind: str
    terms: str  # the terms in force today, in words ("S/ 1.7000 por L", "esquema «…»")
    terms_from: date | None
    price: Decimal | None
    per: str | None
    scheme: str | None


def buyer_by_code(session: Session, code: str) -> Buyer:
    found = session.scalars(
        select(Buyer).where(func.upper(Buyer.code) == code.strip().upper())
    ).first()
    if found is None:
        raise NotFound("unknown_buyer", "buyer", value=code)
    return found


def terms_of(version: BuyerPrice) -> PriceTerms:
    if version.definition is not None:
        return PriceTerms(
            version.effective_from, pricer=Pricer(schema.loads(version.definition)[0])
        )
    return PriceTerms(version.effective_from, version.price, version.per)


def timeline(session: Session, buyer_id: int) -> TermsTimeline:
    versions = session.scalars(select(BuyerPrice).where(BuyerPrice.buyer_id == buyer_id)).all()
    return TermsTimeline([terms_of(p) for p in versions])


def timelines(session: Session) -> dict[int, TermsTimeline]:
    by_buyer: dict[int, list[PriceTerms]] = {}
    for p in session.scalars(select(BuyerPrice)).all():
        by_buyer.setdefault(p.buyer_id, []).append(terms_of(p))
    return {b: TermsTimeline(t) for b, t in by_buyer.items()}


def _clean_terms(
    price: object, per: str | None, scheme_text: str | None
) -> tuple[Decimal | None, str | None, str | None]:
    if (price is None) == (scheme_text is None):
        raise ValidationError("buyer_price_terms", "price")
    if scheme_text is not None:
        schema.loads(scheme_text)  # every problem of the file, named
        return None, None, scheme_text
    amount = v.money(price, "price", 4)
    if amount <= 0:
        raise ValidationError("not_positive", "price", value=price)
    return amount, v.choice(per or "L", UNITS, "unit"), None


def _write_terms(
    session: Session,
    buyer: Buyer,
    price: Decimal | None,
    per: str | None,
    definition: str | None,
    day: date,
) -> BuyerPrice:
    clash = session.scalars(
        select(BuyerPrice).where(BuyerPrice.buyer_id == buyer.id, BuyerPrice.effective_from == day)
    ).first()
    if clash is not None:
        raise Refused("buyer_price_exists", "effective", value=fmt.day(day), buyer=buyer.code)
    version = BuyerPrice(
        buyer_id=buyer.id,
        effective_from=day,
        price=price,
        per=per,
        definition=definition,
        created_by=actor(),
        created_at=now(),
    )
    session.add(version)
    session.flush()
    audit(session, "create", "buyer_price", version.id, after=row_dict(version))
    return version


@requires(Permission.SALES)
def add_buyer(
    db: Database,
    code: str,
    name: str,
    *,
    ruc: str | None = None,
    kind: str = "planta",
    price: object = None,
    per: str | None = None,
    scheme_text: str | None = None,
    effective: date | None = None,
) -> BuyerInfo:
    """A new buyer with its first price terms (a fixed price per L or kg, or a scheme)."""
    clean_code = v.required_text(code, "code", 20).upper()
    clean_name = v.required_text(name, "name", 200)
    clean_ruc = v.ruc(ruc)
    clean_kind = v.choice(kind, BUYER_KINDS, "kind")
    amount, unit, definition = _clean_terms(price, per, scheme_text)
    with db.write() as session:
        exists = session.scalars(select(Buyer.id).where(func.upper(Buyer.code) == clean_code))
        if exists.first() is not None:
            raise Refused("buyer_exists", "code", value=clean_code)
        buyer = Buyer(
            code=clean_code, name=clean_name, ruc=clean_ruc, kind=clean_kind, created_at=now()
        )
        session.add(buyer)
        session.flush()
        audit(session, "create", "buyer", buyer.id, after=row_dict(buyer))
        _write_terms(session, buyer, amount, unit, definition, effective or date(2000, 1, 1))
        return _info(session, buyer)


@requires(Permission.SALES)
def set_buyer_price(
    db: Database,
    code: str,
    *,
    price: object = None,
    per: str | None = None,
    scheme_text: str | None = None,
    effective: date | None = None,
) -> BuyerInfo:
    """New price terms for a buyer, in force from `effective` (default today); the earlier
    terms still price the dispatches before that date."""
    amount, unit, definition = _clean_terms(price, per, scheme_text)
    day = effective or clock.today()
    with db.write() as session:
        buyer = buyer_by_code(session, code)
        _write_terms(session, buyer, amount, unit, definition, day)
        return _info(session, buyer)


def _info(session: Session, buyer: Buyer, lang: str = "es") -> BuyerInfo:
    line = timeline(session, buyer.id)
    terms = None
    if line:
        try:
            terms = line.at(clock.today(), buyer.code)
        except Refused:
            terms = None
    scheme = None if terms is None or terms.pricer is None else terms.pricer.scheme.name
    return BuyerInfo(
        buyer.id,
        buyer.code,
        buyer.name,
        buyer.ruc,
        buyer.kind,
        "" if terms is None else terms_text(terms, lang),
        None if terms is None else terms.effective_from,
        None if terms is None else terms.price,
        None if terms is None else terms.per,
        scheme,
    )


def list_buyers(db: Database, lang: str = "es") -> list[BuyerInfo]:
    with db.read() as session:
        buyers = session.scalars(select(Buyer).order_by(Buyer.code)).all()
        return [_info(session, b, lang) for b in buyers]


@in_language
def terms_text(terms: PriceTerms, lang: str = "es") -> str:
    """A buyer's price terms as a person reads them: «S/ 1.70 por L», or the scheme's name."""
    if terms.pricer is not None:
        name = terms.pricer.scheme.title or terms.pricer.scheme.name
        return _("esquema «{name}»").format(name=name)
    assert terms.price is not None and terms.per is not None
    return fmt.price_per(terms.price, terms.per, lang)
