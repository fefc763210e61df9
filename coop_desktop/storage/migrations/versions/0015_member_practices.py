"""member practices as dated facts: the practices an association keeps (seeded with the four
certifications members carried as flags) and each member's adopted/left facts; the flags
become facts and leave the member table.

A flag that was on becomes "adopted" on the earliest day the database knows the member by:
the joined date, the day the record was created or the first delivery, whichever comes
first (the flag carried no date, and pricing read it as held on every day).

Revision ID: 0015_member_practices
Revises: 0014_integrity_rules
Create Date: 2026-12-07 10:00:00
"""

from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

from coop_desktop.storage import protection

revision = '0015_member_practices'
down_revision = '0014_integrity_rules'
branch_labels = None
depends_on = None

SEEDED = (
    ('good_practice', 'Buenas prácticas ganaderas', 'Good livestock practices', 'cert_good_practice'),
    ('regenerative', 'Pastoreo rotacional / ganadería regenerativa',
     'Rotational grazing / regenerative livestock farming', 'cert_regenerative'),
    ('organic', 'Producción orgánica', 'Organic production', 'cert_organic'),
    ('herd_health', 'Sanidad del hato', 'Herd health', 'cert_herd_health'),
)


def _execute(sql: str) -> None:
    op.execute(sa.text(sql))


def _day(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def upgrade() -> None:
    bind = op.get_bind()
    stamp = datetime(2026, 12, 7, 0, 0)
    practice = op.create_table(
        'practice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=30), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('name_en', sa.String(length=100), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_practice')),
        sa.UniqueConstraint('code', name=op.f('uq_practice_code')),
    )
    facts = op.create_table(
        'member_practice',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('practice_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('recorded_by', sa.String(length=60), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['member.id'],
                                name=op.f('fk_member_practice_member_id_member')),
        sa.ForeignKeyConstraint(['practice_id'], ['practice.id'],
                                name=op.f('fk_member_practice_practice_id_practice')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_member_practice')),
    )
    op.create_index('ix_member_practice_member_id', 'member_practice',
                    ['member_id', 'practice_id', 'id'], unique=False)
    op.bulk_insert(practice, [
        {'code': code, 'name': name, 'name_en': name_en, 'created_at': stamp}
        for code, name, name_en, _column in SEEDED
    ])
    ids = dict(bind.execute(sa.text('SELECT code, id FROM practice')).all())
    first_delivery = dict(bind.execute(sa.text(
        'SELECT member_id, MIN(date) FROM delivery GROUP BY member_id')).all())
    rows = bind.execute(sa.text(
        'SELECT id, joined_on, created_at, cert_good_practice, cert_regenerative, '
        'cert_organic, cert_herd_health FROM member ORDER BY id')).all()
    out = []
    for member_id, joined, created, *flags in rows:
        known = [d for d in (_day(joined), _day(created), _day(first_delivery.get(member_id)))
                 if d is not None]
        since = min(known) if known else stamp.date()
        for (code, _name, _en, _column), on in zip(SEEDED, flags):
            if on:
                out.append({'member_id': member_id, 'practice_id': ids[code],
                            'kind': 'adopted', 'day': since, 'recorded_by': 'migración',
                            'recorded_at': stamp})
    if out:
        op.bulk_insert(facts, out)
    # Plain DROP COLUMN (SQLite 3.35 and later, and PostgreSQL): no batch copy of member.
    import sqlite3

    if bind.dialect.name == 'sqlite' and sqlite3.sqlite_version_info < (3, 35):
        with op.batch_alter_table('member') as batch:
            for _code, _name, _en, column in SEEDED:
                batch.drop_column(column)
    else:
        for _code, _name, _en, column in SEEDED:
            op.execute(sa.text(f'ALTER TABLE member DROP COLUMN {column}'))
    protection.drop_all(_execute, bind.dialect.name, protection.table_columns(bind))
    protection.create_all(_execute, bind.dialect.name, protection.table_columns(bind))


def downgrade() -> None:
    bind = op.get_bind()
    protection.drop_all(_execute, bind.dialect.name, protection.table_columns(bind))
    for _code, _name, _en, column in SEEDED:
        op.add_column('member', sa.Column(column, sa.Boolean(), server_default=sa.false(),
                                          nullable=False))
    op.drop_index('ix_member_practice_member_id', table_name='member_practice')
    op.drop_table('member_practice')
    op.drop_table('practice')
    protection.create_all(_execute, bind.dialect.name, protection.table_columns(bind))
