"""Initial schema: facts, feed event versions, sent alerts, briefing snapshots.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fact",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("process", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=True),
        sa.Column("closes_on", sa.Date(), nullable=True),
        sa.Column("venue", sa.String(500), nullable=True),
        sa.Column("timezone", sa.String(100), nullable=True),
        sa.Column("ref", sa.String(200), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
    )
    op.create_index("ix_fact_process_effective", "fact", ["process", "effective_on"])
    op.create_index("ix_fact_subject", "fact", ["subject"])
    op.create_table(
        "feed_event",
        sa.Column("process", sa.String(100), primary_key=True),
        sa.Column("feed", sa.String(200), primary_key=True),
        sa.Column("uid", sa.String(300), primary_key=True),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sent_alert",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("process", sa.String(100), nullable=False),
        sa.Column("alert_key", sa.String(500), nullable=False),
        sa.Column("channel", sa.String(500), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.UniqueConstraint("process", "alert_key", "channel", name="uq_sent_alert"),
    )
    op.create_table(
        "briefing_snapshot",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("process", sa.String(100), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
    )
    op.create_index("ix_briefing_process_as_of", "briefing_snapshot", ["process", "as_of"])


def downgrade() -> None:
    op.drop_table("briefing_snapshot")
    op.drop_table("sent_alert")
    op.drop_table("feed_event")
    op.drop_index("ix_fact_subject", "fact")
    op.drop_index("ix_fact_process_effective", "fact")
    op.drop_table("fact")
