"""accounts and closeout: charges, loans, control totals, and closed periods made
immutable by triggers on deliveries, quality tests and ledger entries

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 06:54:59.143019
"""

import sqlalchemy as sa
from alembic import op



revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('charge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('per', sa.String(length=10), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_charge'))
    )
    op.create_table('loan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('principal', sa.BigInteger(), nullable=False),
    sa.Column('instalments', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_loan_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_loan'))
    )
    with op.batch_alter_table('loan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loan_member_id'), ['member_id'], unique=False)

    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('loan_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('charge_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_ledger_entry_settlement_id'), ['settlement_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_ledger_entry_charge_id_charge'), 'charge', ['charge_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_ledger_entry_loan_id_loan'), 'loan', ['loan_id'], ['id'])

    with op.batch_alter_table('period', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totals', sa.Text(), nullable=True))

    create_closed_period_triggers()


# (table, date column) that a closed period freezes. SQLite drops a table's triggers when a
# batch migration copies the table: a later migration that batch-alters one of these tables
# must call create_closed_period_triggers() again (`coop check` reports missing triggers).
FROZEN = (("delivery", "date"), ("quality_test", "sample_date"), ("ledger_entry", "date"))
CLOSED = "SELECT 1 FROM period WHERE status <> 'open' AND {d} BETWEEN start_date AND end_date"


def create_closed_period_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, col in FROZEN:
            old, new = CLOSED.format(d=f"OLD.{col}"), CLOSED.format(d=f"NEW.{col}")
            for name, when in (("insert", f"EXISTS ({new})"),
                               ("update", f"EXISTS ({old}) OR EXISTS ({new})"),
                               ("delete", f"EXISTS ({old})")):
                op.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {table}_closed_{name} BEFORE {name.upper()} "
                    f"ON {table} WHEN {when} BEGIN "
                    f"SELECT RAISE(ABORT, 'closed period: {table}'); END"
                )
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION refuse_in_closed_period() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ DECLARE d date; BEGIN "
        "IF TG_OP <> 'INSERT' THEN d := (to_jsonb(OLD) ->> TG_ARGV[0])::date; "
        "IF EXISTS (" + CLOSED.format(d="d") + ") THEN "
        "RAISE EXCEPTION 'closed period: %', TG_TABLE_NAME; END IF; END IF; "
        "IF TG_OP <> 'DELETE' THEN d := (to_jsonb(NEW) ->> TG_ARGV[0])::date; "
        "IF EXISTS (" + CLOSED.format(d="d") + ") THEN "
        "RAISE EXCEPTION 'closed period: %', TG_TABLE_NAME; END IF; RETURN NEW; END IF; "
        "RETURN OLD; END $$"
    )
    for table, col in FROZEN:
        op.execute(
            f"CREATE TRIGGER {table}_closed BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION refuse_in_closed_period('{col}')"
        )


def drop_closed_period_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, _col in FROZEN:
            for name in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_closed_{name}")
        return
    for table, _col in FROZEN:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_closed ON {table}")
    op.execute("DROP FUNCTION IF EXISTS refuse_in_closed_period()")


def downgrade() -> None:
    drop_closed_period_triggers()
    with op.batch_alter_table('period', schema=None) as batch_op:
        batch_op.drop_column('totals')

    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ledger_entry_loan_id_loan'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_ledger_entry_charge_id_charge'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_ledger_entry_settlement_id'))
        batch_op.drop_column('charge_id')
        batch_op.drop_column('loan_id')

    with op.batch_alter_table('loan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loan_member_id'))

    op.drop_table('loan')
    op.drop_table('charge')
