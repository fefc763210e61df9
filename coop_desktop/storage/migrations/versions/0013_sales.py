"""sales: buyers and their price terms, dispatches with their guides and the buyer's
reception, tank readings, the buyers' accounts, expenses and the own plant; new tables only,
then their protective triggers (append-only, closed periods) through storage/protection.py

Revision ID: 0013_sales
Revises: 0012
Create Date: 2026-12-07 04:36:49.065323
"""

import sqlalchemy as sa
from alembic import op

from coop_desktop.storage import protection

revision = '0013_sales'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('buyer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('ruc', sa.String(length=11), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_buyer')),
    sa.UniqueConstraint('code', name=op.f('uq_buyer_code'))
    )
    op.create_table('expense',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['reverses_id'], ['expense.id'], name=op.f('fk_expense_reverses_id_expense')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expense'))
    )
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expense_date'), ['date'], unique=False)
        batch_op.create_index('uq_expense_reverses_id', ['reverses_id'], unique=True)

    products = op.create_table('plant_product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plant_product')),
    sa.UniqueConstraint('name', name=op.f('uq_plant_product_name'))
    )
    op.create_table('sales_void',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=20), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_void')),
    sa.UniqueConstraint('entity', 'entity_id', name=op.f('uq_sales_void_entity'))
    )
    op.create_table('buyer_price',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('buyer_id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('price', sa.BigInteger(), nullable=True),
    sa.Column('per', sa.String(length=2), nullable=True),
    sa.Column('definition', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['buyer_id'], ['buyer.id'], name=op.f('fk_buyer_price_buyer_id_buyer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_buyer_price')),
    sa.UniqueConstraint('buyer_id', 'effective_from', name=op.f('uq_buyer_price_buyer_id'))
    )
    op.create_table('dispatch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guide_series', sa.String(length=4), nullable=False),
    sa.Column('guide_number', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('shift', sa.String(length=2), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=True),
    sa.Column('buyer_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=2), nullable=False),
    sa.Column('litres', sa.BigInteger(), nullable=False),
    sa.Column('kg', sa.BigInteger(), nullable=False),
    sa.Column('temperature', sa.BigInteger(), nullable=True),
    sa.Column('alcohol_positive', sa.Boolean(), nullable=True),
    sa.Column('fat', sa.BigInteger(), nullable=True),
    sa.Column('snf', sa.BigInteger(), nullable=True),
    sa.Column('st', sa.BigInteger(), nullable=True),
    sa.Column('protein', sa.BigInteger(), nullable=True),
    sa.Column('density', sa.BigInteger(), nullable=True),
    sa.Column('acidity', sa.BigInteger(), nullable=True),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['buyer_id'], ['buyer.id'], name=op.f('fk_dispatch_buyer_id_buyer')),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_dispatch_centre_id_centre')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch'))
    )
    with op.batch_alter_table('dispatch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_buyer_id'), ['buyer_id'], unique=False)
        batch_op.create_index('ix_dispatch_date_centre', ['date', 'centre_id'], unique=False)
        batch_op.create_index('uq_dispatch_guide', ['guide_series', 'guide_number'], unique=True)

    op.create_table('plant_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('milk_litres', sa.BigInteger(), nullable=False),
    sa.Column('kg_out', sa.BigInteger(), nullable=False),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['plant_product.id'], name=op.f('fk_plant_batch_product_id_plant_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plant_batch'))
    )
    with op.batch_alter_table('plant_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plant_batch_date'), ['date'], unique=False)

    op.create_table('tank_reading',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('centre_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('moment', sa.String(length=8), nullable=False),
    sa.Column('litres', sa.BigInteger(), nullable=False),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['centre_id'], ['centre.id'], name=op.f('fk_tank_reading_centre_id_centre')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tank_reading'))
    )
    with op.batch_alter_table('tank_reading', schema=None) as batch_op:
        batch_op.create_index('ix_tank_reading_centre_date', ['centre_id', 'date'], unique=False)

    op.create_table('dispatch_reception',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dispatch_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=2), nullable=False),
    sa.Column('litres', sa.BigInteger(), nullable=False),
    sa.Column('kg', sa.BigInteger(), nullable=False),
    sa.Column('fat', sa.BigInteger(), nullable=True),
    sa.Column('snf', sa.BigInteger(), nullable=True),
    sa.Column('st', sa.BigInteger(), nullable=True),
    sa.Column('protein', sa.BigInteger(), nullable=True),
    sa.Column('density', sa.BigInteger(), nullable=True),
    sa.Column('acidity', sa.BigInteger(), nullable=True),
    sa.Column('ufc', sa.BigInteger(), nullable=True),
    sa.Column('scc', sa.BigInteger(), nullable=True),
    sa.Column('alcohol', sa.Boolean(), nullable=True),
    sa.Column('rejected', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=True),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dispatch_id'], ['dispatch.id'], name=op.f('fk_dispatch_reception_dispatch_id_dispatch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispatch_reception'))
    )
    with op.batch_alter_table('dispatch_reception', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispatch_reception_dispatch_id'), ['dispatch_id'], unique=False)

    op.create_table('buyer_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('buyer_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('reception_id', sa.Integer(), nullable=True),
    sa.Column('reference', sa.String(length=100), nullable=True),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=60), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['buyer_id'], ['buyer.id'], name=op.f('fk_buyer_entry_buyer_id_buyer')),
    sa.ForeignKeyConstraint(['reception_id'], ['dispatch_reception.id'], name=op.f('fk_buyer_entry_reception_id_dispatch_reception')),
    sa.ForeignKeyConstraint(['reverses_id'], ['buyer_entry.id'], name=op.f('fk_buyer_entry_reverses_id_buyer_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_buyer_entry'))
    )
    with op.batch_alter_table('buyer_entry', schema=None) as batch_op:
        batch_op.create_index('ix_buyer_entry_buyer_date', ['buyer_id', 'date'], unique=False)
        batch_op.create_index('uq_buyer_entry_reverses_id', ['reverses_id'], unique=True)



    # The own plant's first products (ids from the sequence, so PostgreSQL's next one is
    # free); the association adds its own.
    op.bulk_insert(products, [
        {'name': 'Queso fresco'},
        {'name': 'Queso andino'},
        {'name': 'Yogur'},
    ])
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    protection.create_all(
        _execute, bind.dialect.name, lambda t: {c["name"] for c in inspector.get_columns(t)}
    )


def _execute(sql: str) -> None:
    op.execute(sa.text(sql))


# Dropping the tables drops their triggers on both engines.
def downgrade() -> None:
    with op.batch_alter_table('buyer_entry', schema=None) as batch_op:
        batch_op.drop_index('uq_buyer_entry_reverses_id')
        batch_op.drop_index('ix_buyer_entry_buyer_date')

    op.drop_table('buyer_entry')
    with op.batch_alter_table('dispatch_reception', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispatch_reception_dispatch_id'))

    op.drop_table('dispatch_reception')
    with op.batch_alter_table('tank_reading', schema=None) as batch_op:
        batch_op.drop_index('ix_tank_reading_centre_date')

    op.drop_table('tank_reading')
    with op.batch_alter_table('plant_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plant_batch_date'))

    op.drop_table('plant_batch')
    with op.batch_alter_table('dispatch', schema=None) as batch_op:
        batch_op.drop_index('uq_dispatch_guide')
        batch_op.drop_index('ix_dispatch_date_centre')
        batch_op.drop_index(batch_op.f('ix_dispatch_buyer_id'))

    op.drop_table('dispatch')
    op.drop_table('buyer_price')
    op.drop_table('sales_void')
    op.drop_table('plant_product')
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.drop_index('uq_expense_reverses_id')
        batch_op.drop_index(batch_op.f('ix_expense_date'))

    op.drop_table('expense')
    op.drop_table('buyer')
