"""PostgreSQL passwords kept out of URLs, settings files and process lists.

A URL is stored and shown without its password. The password lives in the operating system's
credential store (keyring: Windows Credential Manager, macOS Keychain, the Secret Service on
Linux) under the service "coop-desktop" and the key `user@host:port/database`; where no store
exists, in libpq's own password file (~/.pgpass, %APPDATA%\\postgresql\\pgpass.conf), mode 0600.
libpq also reads that file and the service file (`postgresql:///?service=coop`) by itself.
A URL typed with a password (`--db`, COOP_DB, Configuración) is split: the password is stored
and the program goes on with the URL without it.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

SERVICE = "coop-desktop"


def split_password(url: str) -> tuple[str, str | None]:
    """The URL without its password, and the password (None when it had none): the one
    before the host (`user:secret@host`) or a `password=` parameter (`…/db?password=…`)."""
    if "://" not in url or url.startswith("sqlite"):
        return url, None
    parsed = make_url(url)
    query = {k: v for k, v in parsed.query.items() if k.lower() != "password"}
    in_query = [v for k, v in parsed.query.items() if k.lower() == "password"]
    password = parsed.password if parsed.password is not None else None
    if password is None and in_query:
        given = in_query[0]
        password = given[0] if isinstance(given, tuple) else given
    if password is None and len(query) == len(parsed.query):
        return url, None
    bare = URL.create(
        parsed.drivername,
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=query,
    )
    return bare.render_as_string(hide_password=False), None if password is None else str(password)


def shown(url: str) -> str:
    """A server URL as it may be shown or written: never with its password."""
    return split_password(url)[0] if "://" in url else url


def credential_key(url: str) -> str:
    parsed = make_url(url)
    return f"{parsed.username or ''}@{parsed.host or ''}:{parsed.port or 5432}/{parsed.database}"


def _keyring() -> Any:
    import keyring

    return keyring


def stored_password(url: str) -> str | None:
    """The password in the credential store for this server, database and user."""
    with suppress(Exception):  # no store on this system, or a locked one
        password = _keyring().get_password(SERVICE, credential_key(url))
        return None if password is None else str(password)
    return None


def pgpass_path() -> Path:
    if os.environ.get("PGPASSFILE"):
        return Path(os.environ["PGPASSFILE"])
    if sys.platform == "win32":  # pragma: no cover - Windows
        return Path(os.environ.get("APPDATA", "~")).expanduser() / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _pgpass_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(":", "\\:")


def write_pgpass(url: str, password: str) -> Path:
    """Add or replace this server's line in libpq's password file, readable by the user only."""
    from coop_desktop.storage.files import make_private

    parsed = make_url(url)
    fields = [
        parsed.host or "localhost",
        str(parsed.port or 5432),
        parsed.database or "*",
        parsed.username or "*",
    ]
    prefix = ":".join(_pgpass_escape(f) for f in fields) + ":"
    path = pgpass_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    if path.exists():
        lines = [
            ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith(prefix)
        ]
    lines.append(prefix + _pgpass_escape(password))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    make_private(path)
    return path


def store_password(url: str, password: str) -> str:
    """Keep the password for later sessions; returns where ("keyring" or the file's path)."""
    try:
        _keyring().set_password(SERVICE, credential_key(url), password)
        return "keyring"
    except Exception:  # no usable credential store: libpq's own file
        return str(write_pgpass(url, password))


def connect_args(url: str) -> dict[str, Any]:
    """What the driver needs besides the URL: the stored password, given in memory."""
    password = stored_password(url)
    return {} if password is None else {"password": password}


def location_to_save(text: str) -> str:
    """What a settings file may hold for a data location typed with a password: the URL
    without it (the password goes to the credential store or libpq's password file)."""
    bare, password = split_password(text)
    if password is not None:
        store_password(bare, password)
    return bare
