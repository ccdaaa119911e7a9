"""The first schema: contacts, touches, cadences, events, pauses, goals.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _text(name: str, length: int | None = None, nullable: bool = True) -> sa.Column:
    kind = sa.String(length) if length else sa.String()
    return sa.Column(name, kind, nullable=nullable)


def _fk(name: str, target: str, nullable: bool, ondelete: str = "CASCADE") -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey(target, ondelete=ondelete), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "meta",
        _text("key", 64, nullable=False),
        _text("value", 200, nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "cadence",
        sa.Column("id", sa.Integer, primary_key=True),
        _text("name", 200, nullable=False),
        _text("every", 20),
        sa.Column("stop_on_reply", sa.Boolean, nullable=False),
        sa.Column("give_up_after", sa.Integer, nullable=True),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "cadence_step",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("cadence_id", "cadence.id", nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        _text("step_offset", 20, nullable=False),
        _text("channel", 20),
        _text("label", 500),
    )
    op.create_table(
        "tag_default",
        _text("tag_key", 200, nullable=False),
        _text("tag", 200, nullable=False),
        _fk("cadence_id", "cadence.id", nullable=True, ondelete="RESTRICT"),
        _text("cadence_inline", 20),
        sa.PrimaryKeyConstraint("tag_key"),
    )
    op.create_table(
        "contact",
        sa.Column("id", sa.Integer, primary_key=True),
        _text("slug", 300, nullable=False),
        _text("name", 500, nullable=False),
        _text("name_key", 500, nullable=False),
        _text("company", 500),
        _text("title", 500),
        _text("met_on", 10),
        _text("how", 2000),
        _text("linkedin", 500),
        _text("linkedin_key", 500),
        _text("vcard_uid", 500),
        _text("note"),
        _text("created_on", 10, nullable=False),
        sa.Column("archived", sa.Boolean, nullable=False),
        _text("cadence_mode", 10, nullable=False),
        _fk("cadence_id", "cadence.id", nullable=True, ondelete="RESTRICT"),
        _text("cadence_inline", 20),
        _text("enrolled_on", 10),
        _text("snooze_until", 10),
        _text("snoozed_on", 10),
        _text("cadence_label", 200),
        _text("next_due", 10),
        sa.Column("due_interval", sa.Float, nullable=True),
        sa.Column("due_step", sa.Integer, nullable=True),
        sa.Column("due_steps", sa.Integer, nullable=True),
        _text("due_action", 600),
        _text("unresponsive_since", 10),
        _text("series_completed_on", 10),
        _text("last_touch", 10),
        sa.UniqueConstraint("slug"),
    )
    op.create_index("ix_contact_name_key", "contact", ["name_key"])
    op.create_index("ix_contact_linkedin_key", "contact", ["linkedin_key"])
    op.create_index("ix_contact_vcard_uid", "contact", ["vcard_uid"])
    op.create_index("ix_contact_next_due", "contact", ["next_due"])
    op.create_table(
        "contact_email",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("contact_id", "contact.id", nullable=False),
        _text("email", 500, nullable=False),
        _text("email_key", 500, nullable=False),
    )
    op.create_index("ix_contact_email_email_key", "contact_email", ["email_key"])
    op.create_table(
        "contact_phone",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("contact_id", "contact.id", nullable=False),
        _text("phone", 100, nullable=False),
    )
    op.create_table(
        "contact_tag",
        sa.Column(
            "contact_id", sa.Integer,
            sa.ForeignKey("contact.id", ondelete="CASCADE"), nullable=False,
        ),
        _text("tag_key", 200, nullable=False),
        _text("tag", 200, nullable=False),
        sa.PrimaryKeyConstraint("contact_id", "tag_key"),
    )
    op.create_index("ix_contact_tag_tag_key", "contact_tag", ["tag_key"])
    op.create_table(
        "event",
        sa.Column("id", sa.Integer, primary_key=True),
        _text("name", 500, nullable=False),
        _text("held_on", 10, nullable=False),
        sa.UniqueConstraint("name", "held_on", name="uq_event_name_held_on"),
    )
    op.create_table(
        "touch",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("contact_id", "contact.id", nullable=False),
        _text("touched_on", 10, nullable=False),
        _text("channel", 20, nullable=False),
        _text("direction", 3, nullable=False),
        _text("note", nullable=False),
        sa.Column("give", sa.Boolean, nullable=False),
        sa.Column("ask", sa.Boolean, nullable=False),
        _text("logged_by", 200),
        _fk("event_id", "event.id", nullable=True, ondelete="SET NULL"),
    )
    op.create_index("ix_touch_contact_day", "touch", ["contact_id", "touched_on"])
    op.create_index("ix_touch_touched_on", "touch", ["touched_on"])
    op.create_table(
        "pause",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("contact_id", "contact.id", nullable=True),
        _text("started_on", 10, nullable=False),
        _text("until", 10),
        _text("ended_on", 10),
    )
    op.create_table(
        "goal",
        sa.Column("id", sa.Integer, primary_key=True),
        _text("name", 200, nullable=False),
        _text("period", 10, nullable=False),
        sa.Column("target", sa.Integer, nullable=False),
        _text("tag", 200),
        _text("channel", 20),
        _text("direction", 3, nullable=False),
        _text("count_by", 10, nullable=False),
        sa.UniqueConstraint("name"),
    )


def downgrade() -> None:
    for table in (
        "goal", "pause", "touch", "event", "contact_tag", "contact_phone",
        "contact_email", "contact", "tag_default", "cadence_step", "cadence", "meta",
    ):
        op.drop_table(table)
