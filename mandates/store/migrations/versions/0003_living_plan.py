"""The living plan (issue 9): fact keys, parts, modes, date precision, withdrawals, sources,
amendments recorded by command.

Every column is added so that rows written before (0.1.0 and 0.2.0) stay as they are and read
as they did: `key` NULL (such a fact's key is its id, `Fact.fact_key`), `part` NULL (the whole
meeting), `mode` NULL (unchanged), `precision` NULL (exact days), `tentative` and
`approximate` false, `voids`, `source`, `payload`, `text_zh` NULL. A unique index on
(process, key) makes a key name one fact per process (NULL keys are distinct in SQLite and
PostgreSQL alike). The `feed_event` table is not touched here.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = ("key", "part", "mode", "precision", "tentative", "voids", "source", "approximate",
           "payload", "text_zh")


def upgrade() -> None:
    with op.batch_alter_table("fact") as batch:
        batch.add_column(sa.Column("key", sa.String(200), nullable=True))
        batch.add_column(sa.Column("part", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("mode", sa.String(20), nullable=True))
        batch.add_column(sa.Column("precision", sa.String(10), nullable=True))
        batch.add_column(sa.Column("tentative", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("voids", sa.String(200), nullable=True))
        batch.add_column(sa.Column("source", sa.String(500), nullable=True))
        batch.add_column(sa.Column("approximate", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("payload", sa.Text(), nullable=True))
        batch.add_column(sa.Column("text_zh", sa.Text(), nullable=True))
    op.create_index("uq_fact_process_key", "fact", ["process", "key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_fact_process_key", "fact")
    with op.batch_alter_table("fact") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
