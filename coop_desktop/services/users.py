"""Users of the association's data: added, listed, given a new password or disabled by an
administrator (a user may change their own password). Users are never deleted: the audit
trail names them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coop_desktop.core.errors import Forbidden, NotFound, Refused, ValidationError
from coop_desktop.domain.roles import Permission, Role
from coop_desktop.services import passwords
from coop_desktop.services.auth import clean_name
from coop_desktop.services.authz import requires
from coop_desktop.services.closeout.locks import lock_users
from coop_desktop.services.context import audit, now
from coop_desktop.storage.engine import Database
from coop_desktop.storage.models import User


@dataclass(frozen=True, slots=True)
class UserInfo:
    name: str
    full_name: str
    role: str
    active: bool
    has_password: bool
    locked_until: datetime | None
    failed_attempts: int
    last_sign_in: datetime | None


def role_of(text: str) -> Role:
    try:
        return Role((text or "").strip().lower())
    except ValueError:
        raise ValidationError(
            "bad_role", "role", value=text, valid=", ".join(r.value for r in Role)
        ) from None


def _info(u: User) -> UserInfo:
    return UserInfo(
        u.name,
        u.full_name,
        u.role,
        u.active,
        u.password_hash is not None,
        u.locked_until,
        u.failed_attempts,
        u.last_sign_in,
    )


def _user(session: Session, name: str) -> User:
    user = session.scalars(select(User).where(User.name == name.strip().lower())).first()
    if user is None:
        raise NotFound("unknown_user", "user", value=name)
    return user


def _public(u: User) -> dict[str, object]:
    """What the audit trail records of a user: never the password hash."""
    return {"name": u.name, "full_name": u.full_name, "role": u.role, "active": u.active}


@requires(Permission.USERS)
def add_user(db: Database, name: str, role: str, password: str, full_name: str = "") -> UserInfo:
    clean = clean_name(name)
    clean_role = role_of(role)
    hashed = passwords.hash_password(password)
    with db.write() as session:
        if session.scalars(select(User.id).where(User.name == clean)).first() is not None:
            raise Refused("user_exists", "name", value=clean)
        user = User(
            name=clean,
            full_name=(full_name or "").strip(),
            role=clean_role.value,
            password_hash=hashed,
            active=True,
            failed_attempts=0,
            created_at=now(),
        )
        session.add(user)
        session.flush()
        audit(session, "create", "user", clean, after=_public(user))
        return _info(user)


def list_users(db: Database) -> list[UserInfo]:
    with db.read() as session:
        return [_info(u) for u in session.scalars(select(User).order_by(User.name))]


@requires(Permission.USERS)
def set_password(db: Database, name: str, new_password: str) -> UserInfo:
    """An administrator gives a user a new password (which also lifts a lockout). Users
    change their own with `auth.change_own_password`."""
    hashed = passwords.hash_password(new_password)
    with db.write() as session:
        user = _user(session, name)
        user.password_hash = hashed
        user.failed_attempts = 0
        user.locked_until = None
        session.flush()
        audit(session, "set_password", "user", user.name, after=_public(user))
        return _info(user)


@requires(Permission.USERS)
def set_active(db: Database, name: str, active: bool) -> UserInfo:
    """Disable (or enable again) an account; the last active administrator stays: changes of
    users take one lock (PostgreSQL; SQLite's writes are already one at a time), so two
    administrators disabling each other at the same moment leave one of them."""
    with db.write() as session:
        lock_users(session)
        me = session.get(User, db.acting().user_id, populate_existing=True)
        if me is None or not me.active:  # disabled while this waited for the lock
            raise Forbidden("session_ended", "user", value=db.acting().name)
        user = _user(session, name)
        before = _public(user)
        if not active and user.role == Role.ADMIN.value and user.active:
            admins = session.scalar(
                select(func.count())
                .select_from(User)
                .where(User.role == Role.ADMIN.value, User.active.is_(True))
            )
            if admins == 1:
                raise Refused("last_admin", "user", value=user.name)
        user.active = active
        session.flush()
        audit(
            session,
            "enable" if active else "disable",
            "user",
            user.name,
            before=before,
            after=_public(user),
        )
        return _info(user)
