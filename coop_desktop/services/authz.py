"""Roles enforced where the work is done: every service that changes data declares, in one
line, the permission it needs:

    @requires(Permission.CLOSE)
    def close_period(db: Database, code: str, ...) -> CloseResult:

Before the function runs, the signed-in user's role is checked (a refusal is recorded in the
audit trail and nothing runs), a sensitive action asks for the password again unless the
CLI's password for this command already counts, and the declared permission is remembered so
`Database.write()` can refuse a write nobody declared. A test walks every public service
function that writes and fails when one has no `@requires`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import Forbidden
from coop_desktop.domain.periods import period_of
from coop_desktop.domain.roles import SENSITIVE, Permission, Principal, Role, roles_with
from coop_desktop.language import formatting as fmt
from coop_desktop.storage.engine import ACTING, DECLARED, Database
from coop_desktop.storage.models import Association

P = ParamSpec("P")
R = TypeVar("R")
# A password typed before a sensitive action started (the desktop asks on its window's thread,
# then runs the action on its worker, where nothing can be asked): for that call only.
_GIVEN: ContextVar[str | None] = ContextVar("coop_password_given", default=None)


@contextmanager
def password_given(password: str) -> Iterator[None]:
    """Run a sensitive service with the password the person already typed: its permission
    check verifies this one (a wrong one counts towards the lockout) instead of asking."""
    token = _GIVEN.set(password)
    try:
        yield
    finally:
        _GIVEN.reset(token)


def check(db: Database, permission: Permission, what: str) -> Principal:
    """The signed-in user, if their role holds `permission`; else a recorded refusal."""
    principal = db.principal
    if principal is None:
        db.audit_refusal(None, permission, what)
        raise Forbidden("sign_in_required")
    if not principal.may(permission):
        db.audit_refusal(principal, permission, what)
        raise Forbidden(
            "role_cannot",
            role=principal.role.value,
            action=permission.value,
            roles=[r.value for r in roles_with(permission)],
        )
    if permission in SENSITIVE and not db.password_confirmed:
        from coop_desktop.services.auth import confirm_password

        password = _GIVEN.get()
        if password is None and db.ask_password is not None:
            password = db.ask_password(permission.value)
        if password is None:
            db.audit_refusal(principal, permission, f"{what}: reauth")
            raise Forbidden("reauth_required", action=permission.value)
        confirm_password(db, password)
    return principal


def requires(
    permission: Permission,
) -> Callable[[Callable[Concatenate[Database, P], R]], Callable[Concatenate[Database, P], R]]:
    """Declare the permission a service function needs (its first argument is the database)."""

    def decorate(
        fn: Callable[Concatenate[Database, P], R],
    ) -> Callable[Concatenate[Database, P], R]:
        @functools.wraps(fn)
        def run(db: Database, /, *args: P.args, **kwargs: P.kwargs) -> R:
            principal = check(db, permission, fn.__name__)
            declared, acting = DECLARED.set(permission), ACTING.set(principal)
            try:
                return fn(db, *args, **kwargs)
            finally:
                ACTING.reset(acting)
                DECLARED.reset(declared)

        run.required_permission = permission  # type: ignore[attr-defined]
        return run

    return decorate


def collector_window(session: Session, today: date | None = None) -> tuple[date, date]:
    """The dates a collector may record: the current period, and the one before it while it
    is still open (the last days are often typed after the period ends), up to today."""
    from coop_desktop.services.closeout.period_status import closed_period_at

    day = today or clock.today()
    association = session.scalars(select(Association)).first()
    cycle = association.cycle if association is not None else "month"
    current = period_of(day, cycle)
    previous = current.previous()
    start = current.start if closed_period_at(session, previous.end) else previous.start
    return start, day


def require_collect_date(db: Database, day: date) -> None:
    """A collector (acopiador) records deliveries and tests in the open period only; other
    roles are bound by the closed-period rule alone. Checked before the write begins, so the
    refusal is recorded and nothing else is."""
    principal = db.principal
    if principal is None or principal.role is not Role.COLLECTOR:
        return
    with db.read() as session:
        start, end = collector_window(session)
    if not start <= day <= end:
        db.audit_refusal(principal, Permission.COLLECT, f"date {day.isoformat()}")
        raise Forbidden(
            "collector_period",
            "date",
            value=fmt.day(day),
            start=fmt.day(start),
            end=fmt.day(end),
        )
