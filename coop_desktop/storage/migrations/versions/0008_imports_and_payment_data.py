"""imports and payment data: fingerprints of imported files and rows; a member's bank and
mobile wallet number

Revision ID: 0008
Revises: 0004
Create Date: 2026-11-30 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0005'
branch_labels = None
depends_on = None


# Plain ADD COLUMN on member (no batch copy), and two new tables: no table with closed-period
# triggers is copied, so none has to be recreated.
def upgrade() -> None:
    op.add_column('member', sa.Column('bank', sa.String(length=60), nullable=True))
    op.add_column('member', sa.Column('wallet', sa.String(length=20), nullable=True))
    op.create_table('import_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('imported_by', sa.String(length=60), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batch'))
    )
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batch_file_sha256'), ['file_sha256'], unique=False)
    op.create_table('import_row',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['import_batch.id'], name=op.f('fk_import_row_batch_id_import_batch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_row')),
    sa.UniqueConstraint('kind', 'fingerprint', name=op.f('uq_import_row_kind'))
    )


def downgrade() -> None:
    op.drop_table('import_row')
    with op.batch_alter_table('import_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batch_file_sha256'))
    op.drop_table('import_batch')
    op.drop_column('member', 'wallet')
    op.drop_column('member', 'bank')

