"""initial schema, with the append-only audit log enforced by triggers

Revision ID: 0001
Revises: 
Create Date: 2026-11-27 06:30:49.147844
"""

import sqlalchemy as sa
from alembic import op



revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('association',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('ruc', sa.String(length=11), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('district', sa.String(length=100), nullable=True),
    sa.Column('province', sa.String(length=100), nullable=True),
    sa.Column('department', sa.String(length=100), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('cycle', sa.String(length=10), nullable=False),
    sa.Column('receipt_series', sa.String(length=4), nullable=False),
    sa.Column('settlement_series', sa.String(length=4), nullable=False),
    sa.Column('ticket_series', sa.String(length=4), nullable=False),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_association'))
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=60), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=40), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_table('centre',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('district', sa.String(length=100), nullable=True),
    sa.Column('community', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_centre')),
    sa.UniqueConstraint('code', name=op.f('uq_centre_code'))
    )
    op.create_table('document_counter',
    sa.Column('series', sa.String(length=10), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('series', name=op.f('pk_document_counter'))
    )
    op.create_table('period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by', sa.String(length=60), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_period')),
    sa.UniqueConstraint('code', name=op.f('uq_period_code'))
    )
    op.create_table('price_scheme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_scheme')),
    sa.UniqueConstraint('name', name=op.f('uq_price_scheme_name'))
    )
    op.create_table('product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('price', sa.BigInteger(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product')),
    sa.UniqueConstraint('name', name=op.f('uq_product_name'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('given_names', sa.String(length=120), nullable=False),
    sa.Column('surnames', sa.String(length=120), nullable=False),
    sa.Column('dni', sa.String(length=8), nullable=True),
    sa.Column('gender', sa.String(length=1), nullable=True),
    sa.Column('community', sa.String(length=100), nullable=True),
    sa.Column('district', sa.String(length=100), nullable=True),
    sa.Column('province', sa.String(length=100), nullable=True),
    sa.Column('department', sa.String(length=100), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('payment_method', sa.String(length=10), nullable=False),
    sa.Column('account', sa.String(length=60), nullable=True),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('herd_size', sa.Integer(), nullable=True),
    sa.Column('cert_herd_health', sa.Boolean(), nullable=False),
    sa.Column('cert_organic', sa.Boolean(), nullable=False),
    sa.Column('cert_regenerative', sa.Boolean(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=True),
    sa.Column('route_order', sa.Integer(), nullable=True),
    sa.Column('search_key', sa.String(length=600), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_member_centre_id_centre')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member')),
    sa.UniqueConstraint('code', name=op.f('uq_member_code')),
    sa.UniqueConstraint('dni', name=op.f('uq_member_dni'))
    )
    op.create_table('price_scheme_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scheme_id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['scheme_id'], ['price_scheme.id'], name=op.f('fk_price_scheme_version_scheme_id_price_scheme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_scheme_version')),
    sa.UniqueConstraint('scheme_id', 'effective_from', name=op.f('uq_price_scheme_version_scheme_id'))
    )
    with op.batch_alter_table('price_scheme_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_price_scheme_version_effective_from'), ['effective_from'], unique=False)

    op.create_table('delivery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('shift', sa.String(length=2), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=2), nullable=False),
    sa.Column('temperature', sa.BigInteger(), nullable=True),
    sa.Column('density', sa.BigInteger(), nullable=True),
    sa.Column('alcohol_positive', sa.Boolean(), nullable=True),
    sa.Column('cooled', sa.Boolean(), nullable=False),
    sa.Column('rejected', sa.Boolean(), nullable=False),
    sa.Column('reject_reason', sa.String(length=200), nullable=True),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_delivery_centre_id_centre')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_delivery_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery'))
    )
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.create_index('ix_delivery_date_shift', ['date', 'shift'], unique=False)
        batch_op.create_index('ix_delivery_member_date', ['member_id', 'date'], unique=False)

    op.create_table('settlement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('series', sa.String(length=4), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kg', sa.BigInteger(), nullable=False),
    sa.Column('litres', sa.BigInteger(), nullable=False),
    sa.Column('gross', sa.BigInteger(), nullable=False),
    sa.Column('credits', sa.BigInteger(), nullable=False),
    sa.Column('deductions', sa.BigInteger(), nullable=False),
    sa.Column('carried_in', sa.BigInteger(), nullable=False),
    sa.Column('carried_out', sa.BigInteger(), nullable=False),
    sa.Column('net', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('payment_method', sa.String(length=10), nullable=True),
    sa.Column('payment_reference', sa.String(length=100), nullable=True),
    sa.Column('void_reason', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_settlement_member_id_member')),
    sa.ForeignKeyConstraint(['period_id'], ['period.id'], name=op.f('fk_settlement_period_id_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement')),
    sa.UniqueConstraint('series', 'number', name=op.f('uq_settlement_series'))
    )
    with op.batch_alter_table('settlement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_settlement_period_id'), ['period_id'], unique=False)

    op.create_table('ledger_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=True),
    sa.Column('unit_price', sa.BigInteger(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('settlement_id', sa.Integer(), nullable=True),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['corrects_id'], ['ledger_entry.id'], name=op.f('fk_ledger_entry_corrects_id_ledger_entry')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_ledger_entry_member_id_member')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_ledger_entry_product_id_product')),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlement.id'], name=op.f('fk_ledger_entry_settlement_id_settlement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entry'))
    )
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.create_index('ix_ledger_entry_member_date', ['member_id', 'date'], unique=False)

    op.create_table('quality_test',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('sample_date', sa.Date(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=True),
    sa.Column('fat', sa.BigInteger(), nullable=True),
    sa.Column('protein', sa.BigInteger(), nullable=True),
    sa.Column('st', sa.BigInteger(), nullable=True),
    sa.Column('snf', sa.BigInteger(), nullable=True),
    sa.Column('density', sa.BigInteger(), nullable=True),
    sa.Column('acidity', sa.BigInteger(), nullable=True),
    sa.Column('ufc', sa.BigInteger(), nullable=True),
    sa.Column('scc', sa.BigInteger(), nullable=True),
    sa.Column('tram', sa.BigInteger(), nullable=True),
    sa.Column('temperature', sa.BigInteger(), nullable=True),
    sa.Column('added_water', sa.BigInteger(), nullable=True),
    sa.Column('alcohol', sa.Boolean(), nullable=True),
    sa.Column('antibiotics', sa.Boolean(), nullable=True),
    sa.Column('lab', sa.String(length=100), nullable=True),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['delivery_id'], ['delivery.id'], name=op.f('fk_quality_test_delivery_id_delivery')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_quality_test_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quality_test'))
    )
    with op.batch_alter_table('quality_test', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quality_test_delivery_id'), ['delivery_id'], unique=False)
        batch_op.create_index('ix_quality_test_member_date', ['member_id', 'sample_date'], unique=False)

    op.create_table('settlement_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('settlement_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=True),
    sa.Column('unit_price', sa.BigInteger(), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['settlement_id'], ['settlement.id'], name=op.f('fk_settlement_line_settlement_id_settlement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_line'))
    )
    with op.batch_alter_table('settlement_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_settlement_line_settlement_id'), ['settlement_id'], unique=False)


    _audit_log_append_only()


def _audit_log_append_only() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{action.lower()} BEFORE {action} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")

    with op.batch_alter_table('settlement_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_line_settlement_id'))

    op.drop_table('settlement_line')
    with op.batch_alter_table('quality_test', schema=None) as batch_op:
        batch_op.drop_index('ix_quality_test_member_date')
        batch_op.drop_index(batch_op.f('ix_quality_test_delivery_id'))

    op.drop_table('quality_test')
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_index('ix_ledger_entry_member_date')

    op.drop_table('ledger_entry')
    with op.batch_alter_table('settlement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_settlement_period_id'))
        batch_op.drop_index(batch_op.f('ix_settlement_member_id'))

    op.drop_table('settlement')
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.drop_index('ix_delivery_member_date')
        batch_op.drop_index('ix_delivery_date_shift')

    op.drop_table('delivery')
    with op.batch_alter_table('price_scheme_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_price_scheme_version_effective_from'))

    op.drop_table('price_scheme_version')
    op.drop_table('member')
    op.drop_table('setting')
    op.drop_table('product')
    op.drop_table('price_scheme')
    op.drop_table('period')
    op.drop_table('document_counter')
    op.drop_table('centre')
    op.drop_table('audit_log')
    op.drop_table('association')

