"""stored milk lines explain themselves, and schemes of closed periods are frozen:
settlement_line keeps its pricing unit, its quantity in that unit to 1/100000 (100 lb and
100 kg lines) and the deliveries it pays; a scheme version taking effect on or before the
end of a closed period is refused by triggers

Revision ID: 0006
Revises: 0007
Create Date: 2026-11-28 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0007'
branch_labels = None
depends_on = None

# A version in force from a day on or before the end of a closed period would change what
# that period pays (the version in force on a day is the latest one taking effect by then).
FROZEN_FROM = "SELECT 1 FROM period WHERE status <> 'open' AND {d} <= end_date"
# SQLite keeps dates as text: compared as dates (a time part or a stray format cannot slip by).
FROZEN_FROM_SQLITE = (
    "SELECT 1 FROM period WHERE status <> 'open' AND date({d}) <= date(end_date)"
)


# Plain ADD COLUMN (no batch copy of the table), so SQLite keeps settlement_line's triggers.
def upgrade() -> None:
    op.add_column('settlement_line', sa.Column('unit', sa.String(length=6), nullable=True))
    op.add_column('settlement_line', sa.Column('priced_quantity', sa.BigInteger(), nullable=True))
    op.add_column('settlement_line', sa.Column('deliveries', sa.Text(), nullable=True))
    create_scheme_version_triggers()


def create_scheme_version_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        old = FROZEN_FROM_SQLITE.format(d="OLD.effective_from")
        new = FROZEN_FROM_SQLITE.format(d="NEW.effective_from")
        for name, when in (("insert", f"EXISTS ({new})"),
                           ("update", f"EXISTS ({old}) OR EXISTS ({new})"),
                           ("delete", f"EXISTS ({old})")):
            op.execute(
                f"CREATE TRIGGER IF NOT EXISTS price_scheme_version_closed_{name} BEFORE "
                f"{name.upper()} ON price_scheme_version WHEN {when} BEGIN "
                "SELECT RAISE(ABORT, 'closed period: price_scheme_version'); END"
            )
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION refuse_scheme_of_closed_period() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' AND EXISTS (" + FROZEN_FROM.format(d="OLD.effective_from") + ") "
        "THEN RAISE EXCEPTION 'closed period: price_scheme_version'; END IF; "
        "IF TG_OP <> 'DELETE' AND EXISTS (" + FROZEN_FROM.format(d="NEW.effective_from") + ") "
        "THEN RAISE EXCEPTION 'closed period: price_scheme_version'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$"
    )
    op.execute(
        "CREATE TRIGGER price_scheme_version_closed BEFORE INSERT OR UPDATE OR DELETE "
        "ON price_scheme_version FOR EACH ROW EXECUTE FUNCTION refuse_scheme_of_closed_period()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS price_scheme_version_closed_{name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS price_scheme_version_closed ON price_scheme_version")
        op.execute("DROP FUNCTION IF EXISTS refuse_scheme_of_closed_period()")
    op.drop_column('settlement_line', 'deliveries')
    op.drop_column('settlement_line', 'priced_quantity')
    op.drop_column('settlement_line', 'unit')
