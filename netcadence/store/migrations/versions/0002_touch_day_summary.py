"""Touch counts by day read from one index: review, stats and goals without the table.

The date index becomes a covering one (date, channel, direction, give, ask,
contact, event): every aggregate over a span of days reads it in date order and
never visits the touch rows, whose notes make them wide.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SUMMARY = ["touched_on", "channel", "direction", "give", "ask", "contact_id", "event_id"]


def upgrade() -> None:
    op.create_index("ix_touch_day_summary", "touch", SUMMARY)
    op.drop_index("ix_touch_touched_on", table_name="touch")


def downgrade() -> None:
    op.create_index("ix_touch_touched_on", "touch", ["touched_on"])
    op.drop_index("ix_touch_day_summary", table_name="touch")
