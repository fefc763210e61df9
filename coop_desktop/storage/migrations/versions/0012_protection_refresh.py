"""protective triggers brought up to date: every key of every protected table (the audit's
sequence number included), keys that no UPDATE may change, dates compared as dates, and the
guards of periods and settlements (one current settlement per member; a period reopens only
when none is current). Always the last revision: it re-creates what earlier ones defined.

Revision ID: 0012
Revises: 0006
Create Date: 2026-11-30 14:00:00
"""

import sqlalchemy as sa
from alembic import op

from coop_desktop.storage import protection

revision = '0012'
down_revision = '0010'
branch_labels = None
depends_on = None


def _execute(sql: str) -> None:
    op.execute(sa.text(sql))


def upgrade() -> None:
    bind = op.get_bind()
    protection.drop_all(_execute, bind.dialect.name, protection.table_columns(bind))
    protection.create_all(
        _execute, bind.dialect.name, protection.table_columns(bind)
    )


def downgrade() -> None:
    pass  # the triggers of 0005 are a subset: keeping these is harmless
