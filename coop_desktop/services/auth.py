"""Signing in: who may open the books, and the bookkeeping of failed attempts.

Each attempt is first counted as a failure in one short transaction holding the user's row
(`_take_attempt`): an account already locked is refused there without checking anything, and
the attempt that reaches LOCKOUT_AFTER locks it, so even a burst sent in parallel gets at most
LOCKOUT_AFTER passwords checked. The password is then checked outside any transaction (Argon2
takes a tenth of a second and must not hold SQLite's write lock); a right one clears the
count and signs in, a wrong one is recorded in the audit trail. The lock lasts 1 minute and
doubles with every further failure; a correct password signs in only once it has passed.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coop_desktop.core import clock
from coop_desktop.core.errors import Forbidden, ValidationError
from coop_desktop.domain.roles import LOCKOUT_AFTER, Principal, Role, lockout_minutes
from coop_desktop.services import passwords
from coop_desktop.services.context import audit, now
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import User

NAME = re.compile(r"^[a-z][a-z0-9._-]{1,29}$")


def clean_name(name: str) -> str:
    text = (name or "").strip().lower()
    if not NAME.match(text):
        raise ValidationError("bad_user_name", "name", value=name)
    return text


def principal_of(user: User) -> Principal:
    return Principal(user.id, user.name, user.full_name, Role(user.role))


def has_users(db: Database) -> bool:
    """Whether anyone can sign in yet (a new database has nobody until the first admin)."""
    with db.engine.connect() as conn:
        return bool(conn.execute(select(func.count()).select_from(User)).scalar())


def needs_password(db: Database, name: str) -> bool:
    """True for an account that has no password yet (a migrated database's administrator)."""
    with db.engine.connect() as conn:
        stored = conn.execute(
            select(User.password_hash).where(User.name == (name or "").strip().lower())
        ).first()
    return stored is not None and stored[0] is None


def create_first_admin(db: Database, name: str, password: str, full_name: str = "") -> Principal:
    """The first administrator of a database without users (`coop init`, `coop demo`, the
    first-run dialog). Refused as soon as any user exists: then an administrator adds users."""
    clean = clean_name(name)
    hashed = passwords.hash_password(password)
    with db.system_write() as session:
        if session.scalar(select(func.count()).select_from(User)):
            raise Forbidden("users_exist")
        user = User(
            name=clean,
            full_name=(full_name or "").strip(),
            role=Role.ADMIN.value,
            password_hash=hashed,
            active=True,
            failed_attempts=0,
            created_at=now(),
        )
        session.add(user)
        session.flush()
        principal = principal_of(user)
        audit(
            session,
            "create",
            "user",
            clean,
            after={
                "name": clean,
                "full_name": user.full_name,
                "role": Role.ADMIN.value,
                "active": True,
                "first": True,
            },
            who=principal,
        )
        return principal


def _find(db: Database, name: str) -> User | None:
    with Session(db.engine) as session:
        return session.scalars(select(User).where(User.name == name)).first()


def _refuse(db: Database, user: User | None, name: str, reason: str, **detail: object) -> None:
    """Record a refused sign-in in its own transaction."""
    with db.system_write() as session:
        who = None if user is None else principal_of(user)
        audit(
            session,
            "sign_in_failed",
            "user",
            name,
            after={"reason": reason, **detail},
            who=who,
            name=name,
        )


def _take_attempt(db: Database, user: User, name: str) -> int:
    """Count this attempt as a failure before the password is even checked, in one short
    transaction holding the user's row (FOR UPDATE; SQLite's writes are one at a time): so
    a burst of attempts sent in parallel is counted one by one, the one that reaches
    LOCKOUT_AFTER locks the account, and every later one is refused unchecked. A right
    password then clears the count (`sign_in`). Returns the failures counted so far."""
    with db.system_write() as session:
        row = session.execute(
            select(User.failed_attempts, User.locked_until)
            .where(User.id == user.id)
            .with_for_update()
        ).one()
        if row.locked_until is not None and row.locked_until > now():
            audit(
                session,
                "sign_in_failed",
                "user",
                name,
                after={"reason": "locked"},
                who=principal_of(user),
                name=name,
            )
            locked_until: datetime = row.locked_until
        else:
            failures = row.failed_attempts + 1
            minutes = lockout_minutes(failures)
            session.execute(
                update(User)
                .where(User.id == user.id)
                .values(
                    failed_attempts=failures,
                    locked_until=now() + timedelta(minutes=minutes) if minutes else None,
                )
            )
            return int(failures)
    raise Forbidden("account_locked", "user", value=name, until=_clock(locked_until))


def _authenticate(db: Database, name: str, password: str, new_password: str | None) -> User:
    clean = (name or "").strip().lower()
    user = _find(db, clean)
    if user is None:
        _refuse(db, None, clean, "unknown_user")
        raise Forbidden("unknown_user", "user", value=clean)
    if not user.active:
        _refuse(db, user, clean, "disabled")
        raise Forbidden("user_disabled", "user", value=clean)
    if user.password_hash is None:
        if new_password is None:
            raise Forbidden("password_not_set", "user", value=clean)
        _set_first_password(db, user, new_password)
        return user
    failures = _take_attempt(db, user, clean)
    if not passwords.matches(user.password_hash, password):
        minutes = lockout_minutes(failures)
        _refuse(db, user, clean, "wrong_password", failures=failures, locked_minutes=minutes)
        if failures >= LOCKOUT_AFTER:
            until = now() + timedelta(minutes=minutes)
            raise Forbidden("account_locked", "user", value=clean, until=_clock(until))
        raise Forbidden("wrong_password", "password", value=clean, left=LOCKOUT_AFTER - failures)
    return user


def _clock(when: datetime) -> str:
    return when.strftime("%H:%M") if when.date() == clock.now().date() else f"{when:%d/%m %H:%M}"


def _set_first_password(db: Database, user: User, new_password: str) -> None:
    hashed = passwords.hash_password(new_password)
    with db.system_write() as session:
        session.execute(
            update(User)
            .where(User.id == user.id, User.password_hash.is_(None))
            .values(password_hash=hashed)
        )
        audit(
            session,
            "set_password",
            "user",
            user.name,
            after={"first_use": True},
            who=principal_of(user),
        )


def sign_in(
    db: Database,
    name: str,
    password: str,
    *,
    for_command: bool = False,
    new_password: str | None = None,
) -> Principal:
    """Check the password and make the user the database's principal. `for_command` (the
    CLI): the password counts as confirmation for sensitive actions of this one command.
    `new_password` is used only by an account that has none yet (set on first use)."""
    user = _authenticate(db, name, password, new_password)
    with db.system_write() as session:
        values: dict[str, object] = {
            "failed_attempts": 0,
            "locked_until": None,
            "last_sign_in": now(),
        }
        if user.password_hash and passwords.needs_rehash(user.password_hash):
            values["password_hash"] = passwords.HASHER.hash(password)
        session.execute(update(User).where(User.id == user.id).values(**values))
        principal = principal_of(user)
        audit(
            session,
            "sign_in",
            "user",
            user.name,
            after={"for": "command" if for_command else "desktop"},
            who=principal,
        )
    db.principal = principal
    db.password_confirmed = for_command
    return principal


def confirm_password(db: Database, password: str) -> None:
    """The signed-in user types their password again (a sensitive action, unlocking the
    desktop): a wrong one counts towards the lockout like a failed sign-in."""
    principal = db.acting()
    user = _authenticate(db, principal.name, password, None)
    if user.id != principal.user_id:  # pragma: no cover - names are unique
        raise Forbidden("sign_in_required")
    with db.system_write() as session:
        session.execute(
            update(User).where(User.id == user.id).values(failed_attempts=0, locked_until=None)
        )


def change_own_password(db: Database, current: str, new_password: str) -> None:
    """Every user, whatever their role, may change their own password by typing the current
    one (which counts towards the lockout when wrong)."""
    principal = db.acting()
    hashed = passwords.hash_password(new_password)
    _authenticate(db, principal.name, current, None)
    with db.system_write() as session:
        session.execute(
            update(User)
            .where(User.id == principal.user_id)
            .values(password_hash=hashed, failed_attempts=0, locked_until=None)
        )
        audit(session, "set_password", "user", principal.name, after={"own": True}, who=principal)


def sign_out(db: Database) -> None:
    db.principal = None
    db.password_confirmed = False
