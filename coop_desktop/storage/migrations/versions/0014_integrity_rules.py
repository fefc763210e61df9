"""integrity rules: a settlement's payment fields are written once (when it is paid) and never
set on one that is not; a period is paid only when none of its settlements is still to pay.
Only the protective triggers change: they are re-created from storage/protection.py, as 0012
does (a later revision that re-creates them keeps these rules too).

Revision ID: 0014_integrity_rules
Revises: 0013_sales
Create Date: 2026-12-07 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from coop_desktop.storage import protection

revision = '0014_integrity_rules'
down_revision = '0013_sales'
branch_labels = None
depends_on = None


def _execute(sql: str) -> None:
    op.execute(sa.text(sql))


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    protection.drop_all(_execute, bind.dialect.name)
    protection.create_all(
        _execute, bind.dialect.name, lambda t: {c["name"] for c in inspector.get_columns(t)}
    )


def downgrade() -> None:
    pass  # the triggers of 0012 are a subset: keeping these is harmless
