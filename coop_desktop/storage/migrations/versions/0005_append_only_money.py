"""money that cannot be lost: reversal entries, ticket numbers from a counter, unique
document series, and protective triggers on every money table (both engines)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 10:00:00
"""

import sqlalchemy as sa
from alembic import op

from coop_desktop.storage import protection

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def _execute(sql: str) -> None:
    op.execute(sa.text(sql))


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    # Existing rows are renumbered/back-filled below: lift the old guards first.
    protection.drop_all(_execute, dialect, protection.table_columns(bind))

    # Plain ADD COLUMN (no batch copy on SQLite), so nothing else is rebuilt.
    if dialect == "sqlite":  # an inline REFERENCES is the one constraint SQLite can add
        _execute("ALTER TABLE ledger_entry ADD COLUMN reverses_id INTEGER "
                 "REFERENCES ledger_entry (id)")
    else:
        op.add_column('ledger_entry', sa.Column('reverses_id', sa.Integer(), sa.ForeignKey(
            'ledger_entry.id', name='fk_ledger_entry_reverses_id_ledger_entry'),
            nullable=True))
    op.add_column('delivery', sa.Column('ticket_series', sa.String(length=4), nullable=True))
    op.add_column('delivery', sa.Column('ticket_number', sa.Integer(), nullable=True))

    # Tickets printed so far carried the delivery id as their number: keep those numbers,
    # and let the series' counter continue after them.
    series = bind.execute(sa.text("SELECT ticket_series FROM association ORDER BY id")).scalar()
    series = series or "T001"
    op.execute(
        sa.text("UPDATE delivery SET ticket_series = :s, ticket_number = id").bindparams(s=series)
    )
    top = bind.execute(sa.text("SELECT MAX(id) FROM delivery")).scalar() or 0
    exists = bind.execute(
        sa.text("SELECT last_number FROM document_counter WHERE series = :s"), {"s": series}
    ).first()
    if exists is None:
        op.execute(sa.text(
            "INSERT INTO document_counter (series, last_number) VALUES (:s, :n)"
        ).bindparams(s=series, n=top))
    elif exists[0] < top:
        op.execute(sa.text(
            "UPDATE document_counter SET last_number = :n WHERE series = :s"
        ).bindparams(s=series, n=top))

    # An advance receipt number issued twice (possible before this revision, after restoring
    # an older backup) keeps its first holder; later copies are marked so the unique index
    # can exist, and `coop check` reports them.
    dupes = bind.execute(sa.text(
        "SELECT id, document_number FROM ledger_entry WHERE document_number IN ("
        "SELECT document_number FROM ledger_entry WHERE document_number IS NOT NULL "
        "GROUP BY document_number HAVING COUNT(*) > 1) ORDER BY id"
    )).all()
    seen: set[str] = set()
    for entry_id, number in dupes:
        if number in seen:
            op.execute(sa.text(
                "UPDATE ledger_entry SET document_number = :n WHERE id = :i"
            ).bindparams(n=f"{number[:11]}!{entry_id}"[:20], i=entry_id))
        seen.add(number)

    op.create_index('uq_delivery_ticket', 'delivery', ['ticket_series', 'ticket_number'],
                    unique=True)
    op.create_index('uq_ledger_entry_document_number', 'ledger_entry', ['document_number'],
                    unique=True)
    op.create_index('uq_ledger_entry_reverses_id', 'ledger_entry', ['reverses_id'], unique=True)
    # One current (not void) settlement per member and period.
    op.create_index('uq_settlement_current', 'settlement', ['period_id', 'member_id'],
                    unique=True, sqlite_where=sa.text("status <> 'void'"),
                    postgresql_where=sa.text("status <> 'void'"))
    protection.create_all(
        _execute, dialect, protection.table_columns(bind)
    )


def downgrade() -> None:
    bind = op.get_bind()
    protection.drop_all(_execute, bind.dialect.name, protection.table_columns(bind))
    op.drop_index('uq_settlement_current', table_name='settlement')
    op.drop_index('uq_ledger_entry_reverses_id', table_name='ledger_entry')
    op.drop_index('uq_ledger_entry_document_number', table_name='ledger_entry')
    op.drop_index('uq_delivery_ticket', table_name='delivery')
    with op.batch_alter_table('delivery') as batch_op:
        batch_op.drop_column('ticket_number')
        batch_op.drop_column('ticket_series')
    with op.batch_alter_table('ledger_entry') as batch_op:
        batch_op.drop_constraint('fk_ledger_entry_reverses_id_ledger_entry', type_='foreignkey')
        batch_op.drop_column('reverses_id')
