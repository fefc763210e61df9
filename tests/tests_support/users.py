"""The administrator every test database has, and how tests act as other roles."""

from __future__ import annotations

from typing import Any

from coop_desktop.storage.engine import Database

ADMIN = "admin"
PASSWORD = "clave-de-prueba"  # every test user's password (tests only; hashed cheaply)


def sign_in_admin(db: Database, name: str = ADMIN) -> Database:
    """Create the first administrator if the database has none, and sign in as them, as
    `coop` does for one command (sensitive actions need no second prompt)."""
    from coop_desktop.services.auth import create_first_admin, has_users, sign_in

    if not has_users(db):
        create_first_admin(db, name, PASSWORD)
    sign_in(db, name, PASSWORD, for_command=True)
    return db


def open_signed_in(target: str, **kwargs: Any) -> Database:
    """`open_database` with the test administrator signed in (a new file is created)."""
    from coop_desktop.storage.connect import open_database

    kwargs.setdefault("create", True)
    return sign_in_admin(open_database(target, **kwargs))


def act_as(db: Database, name: str, role: str) -> Database:
    """Add a user with `role` (as the administrator) and sign in as them: the same database
    object now acts for that user, as the CLI does for one command."""
    from coop_desktop.services.auth import sign_in
    from coop_desktop.services.users import add_user, list_users

    if name not in {u.name for u in list_users(db)}:
        add_user(db, name, role, PASSWORD)
    sign_in(db, name, PASSWORD, for_command=True)
    return db
