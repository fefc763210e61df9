"""sales intake: each closed period's accepted milk per centre and day (litres, kg of fat and
of total solids), stored by its close so the daily milk balance of a year reads it instead of
a million deliveries; new tables only

Revision ID: 0017_sales_intake
Revises: 0016_derived_total_solids
Create Date: 2026-12-08 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0017_sales_intake'
down_revision = '0016_derived_total_solids'
branch_labels = None
depends_on = None


# Periods closed before this revision have no stored intake: the balance reads theirs from
# the deliveries, as it reads an open period's.
def upgrade() -> None:
    op.create_table('sales_intake_period',
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('stored_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_sales_intake_period_period_id_period')),
    sa.PrimaryKeyConstraint('period_id', name=op.f('pk_sales_intake_period'))
    )
    op.create_table('sales_intake_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=True),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('accepted_ml', sa.BigInteger(), nullable=False),
    sa.Column('fat', sa.BigInteger(), nullable=False),
    sa.Column('solids', sa.BigInteger(), nullable=False),
    sa.Column('fat_base', sa.BigInteger(), nullable=False),
    sa.Column('solids_base', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_sales_intake_day_centre_id_centre')),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_sales_intake_day_period_id_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_intake_day'))
    )
    with op.batch_alter_table('sales_intake_day', schema=None) as batch_op:
        batch_op.create_index('ix_sales_intake_day_period_date', ['period_id', 'date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sales_intake_day', schema=None) as batch_op:
        batch_op.drop_index('ix_sales_intake_day_period_date')

    op.drop_table('sales_intake_day')
    op.drop_table('sales_intake_period')
