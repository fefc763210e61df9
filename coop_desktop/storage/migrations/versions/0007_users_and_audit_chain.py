"""users and a tamper-evident audit trail: the app_user table; audit rows gain the user, a
sequence number and a hash chained to the previous row

Revision ID: 0007
Revises: 0008
Create Date: 2026-11-28 09:00:00
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0008'
branch_labels = None
depends_on = None


# Plain ADD COLUMN and CREATE INDEX (no batch copy of audit_log), so SQLite keeps the
# append-only triggers of audit_log; no existing audit row is rewritten: the rows written
# before the chain are covered by one chained "seal" row holding their digest.
def upgrade() -> None:
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('last_sign_in', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
    sa.UniqueConstraint('name', name=op.f('uq_app_user_name'))
    )
    op.add_column('audit_log', sa.Column('seq', sa.Integer(), nullable=True))
    op.add_column('audit_log', sa.Column('user_id', sa.Integer(), nullable=True))
    op.add_column('audit_log', sa.Column('chain_hash', sa.String(length=64), nullable=True))
    op.create_index('ix_audit_log_seq', 'audit_log', ['seq'], unique=True)

    from coop_desktop.storage import audit_chain

    conn = op.get_bind()
    stamp = datetime.now().replace(microsecond=0)
    audit_chain.seal_legacy(conn, stamp)
    in_use = conn.execute(
        sa.text("SELECT 1 FROM association UNION ALL SELECT 1 FROM member")
    ).first()
    if in_use is not None:
        # A database in use gets one administrator, with no password: whoever opens it next
        # chooses it (no default password ever exists).
        conn.execute(
            sa.text(
                "INSERT INTO app_user (name, full_name, role, password_hash, active, "
                "failed_attempts, created_at) VALUES ('admin', 'Administrador', "
                "'administrador', NULL, :t, 0, :at)"
            ),
            {"t": True, "at": stamp},
        )
        audit_chain.append(
            conn,
            at=stamp,
            user_id=None,
            actor="",
            action="create",
            entity="user",
            entity_id="admin",
            before=None,
            after='{"name": "admin", "reason": "migration", "role": "administrador"}',
        )


def downgrade() -> None:
    op.drop_index('ix_audit_log_seq', table_name='audit_log')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('chain_hash')
        batch_op.drop_column('user_id')
        batch_op.drop_column('seq')
    if op.get_bind().dialect.name == "sqlite":  # the batch copy dropped them
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER IF NOT EXISTS audit_log_no_{action.lower()} BEFORE {action} "
                "ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
    op.drop_table('app_user')
