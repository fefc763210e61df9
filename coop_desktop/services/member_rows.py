"""A member's row, found by its code (case and spaces aside) inside a unit of work: what every
service that records something for a member starts with."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.core.errors import NotFound
from coop_desktop.storage.models import Member


def member_by_code(session: Session, code: str) -> Member:
    m = session.scalars(
        select(Member).where(func.lower(Member.code) == code.strip().lower())
    ).first()
    if m is None:
        raise NotFound("unknown_member", "member", value=code)
    return m
