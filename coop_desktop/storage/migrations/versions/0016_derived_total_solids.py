"""derived total solids: a quality test records when its ST was derived from fat + SNF

Revision ID: 0016_derived_total_solids
Revises: 0015_member_practices
Create Date: 2026-12-07 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0016_derived_total_solids'
down_revision = '0015_member_practices'
branch_labels = None
depends_on = None


# Plain ADD COLUMN (no batch copy of quality_test): its closed-period triggers stay.
def upgrade() -> None:
    op.add_column('quality_test', sa.Column('st_derived', sa.Boolean(), server_default=sa.false(),
                                            nullable=False))


def downgrade() -> None:
    op.execute(sa.text('ALTER TABLE quality_test DROP COLUMN st_derived'))
