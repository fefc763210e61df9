"""Alembic environment: runs on the connection handed over by `storage.migrate`."""

from __future__ import annotations

from typing import Any

from alembic import context

from coop_desktop.storage import sales_models  # noqa: F401  (its tables join Base's metadata)
from coop_desktop.storage.models import Base
from coop_desktop.storage.types import Fixed


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Migrations store exact values as plain BIGINT, independent of the Python type."""
    if type_ == "type" and isinstance(obj, Fixed):
        return "sa.BigInteger()"
    return False


config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached through `alembic` on the command line
    raise RuntimeError("run migrations through coop_desktop.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
