"""advance receipts: the number of the receipt a ledger entry was printed on

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


# A plain ADD/DROP COLUMN (no batch copy of the table), so SQLite keeps the closed-period
# triggers on ledger_entry.
def upgrade() -> None:
    op.add_column('ledger_entry', sa.Column('document_number', sa.String(length=20), nullable=True))


def downgrade() -> None:
    op.drop_column('ledger_entry', 'document_number')
