"""The language of user text in facts: `written_in` and the Chinese form of a new venue.

Both columns are nullable and added without a default, so rows written by 0.1.0 (revision
0001) stay as they are: NULL `written_in` reads as English, the only language 0.1.0 recorded.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("fact", sa.Column("written_in", sa.String(8), nullable=True))
    op.add_column("fact", sa.Column("venue_zh", sa.String(500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fact") as batch:
        batch.drop_column("venue_zh")
        batch.drop_column("written_in")
