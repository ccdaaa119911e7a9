"""Indexes that keep `due` quick at any size: the agenda's own, and pauses by contact.

Revision ID: 0003
Revises: 0002

On SQLite the agenda is read from one covering index of the contacts that can be
due (not archived, not unresponsive), in date and name order, without touching
the table. PostgreSQL keeps ix_contact_next_due for that: an index entry there
may not exceed about 2,700 bytes, which long names and step labels could reach.
Both backends get an index on the contact a pause belongs to, for the paused
check made for every agenda row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

AGENDA_COLUMNS = [
    "next_due", "name_key", "slug", "name", "due_interval", "cadence_label", "due_step",
    "due_steps", "due_action", "last_touch", "archived", "unresponsive_since",
]
AGENDA_WHERE = "next_due IS NOT NULL AND NOT archived AND unresponsive_since IS NULL"


def upgrade() -> None:
    op.create_index("ix_pause_contact_id", "pause", ["contact_id"])
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(
            "ix_contact_agenda", "contact", AGENDA_COLUMNS, sqlite_where=sa.text(AGENDA_WHERE)
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_contact_agenda", "contact")
    op.drop_index("ix_pause_contact_id", "pause")
