"""The tables as SQLModel classes: the schema Alembic's migrations are checked against.

Queries on the hot paths use the DB-API directly (see db.py); these classes are
the single description of the schema for migrations and the drift check.
Dates are stored as ISO text (`YYYY-MM-DD`) so that both backends compare and
sort them the same way.
"""

from __future__ import annotations

from typing import Optional

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint, text
from sqlmodel import Field, SQLModel

metadata = SQLModel.metadata


def _fk(target: str, *, nullable: bool, ondelete: str = "CASCADE") -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable)


class Meta(SQLModel, table=True):
    __tablename__ = "meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)


class CadenceRow(SQLModel, table=True):
    __tablename__ = "cadence"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    every: Optional[str] = Field(default=None, max_length=20)
    stop_on_reply: bool = Field(default=False)
    give_up_after: Optional[int] = Field(default=None)


class CadenceStepRow(SQLModel, table=True):
    __tablename__ = "cadence_step"
    id: Optional[int] = Field(default=None, primary_key=True)
    cadence_id: int = Field(sa_column=_fk("cadence.id", nullable=False))
    position: int
    step_offset: str = Field(max_length=20)
    channel: Optional[str] = Field(default=None, max_length=20)
    label: Optional[str] = Field(default=None, max_length=500)


class TagDefaultRow(SQLModel, table=True):
    __tablename__ = "tag_default"
    tag_key: str = Field(primary_key=True, max_length=200)
    tag: str = Field(max_length=200)
    cadence_id: Optional[int] = Field(
        default=None, sa_column=_fk("cadence.id", nullable=True, ondelete="RESTRICT")
    )
    cadence_inline: Optional[str] = Field(default=None, max_length=20)


# The agenda's covering index, on SQLite only (see migration 0003): `info["backend"]`
# tells the drift check, and ddl_if tells create_all, where the index exists.
AGENDA_INDEX = Index(
    "ix_contact_agenda", "next_due", "name_key", "slug", "name", "due_interval",
    "cadence_label", "due_step", "due_steps", "due_action", "last_touch", "archived",
    "unresponsive_since",
    sqlite_where=text("next_due IS NOT NULL AND NOT archived AND unresponsive_since IS NULL"),
    info={"backend": "sqlite"},
).ddl_if(dialect="sqlite")


class ContactRow(SQLModel, table=True):
    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_next_due", "next_due"), AGENDA_INDEX)
    id: Optional[int] = Field(default=None, primary_key=True)
    slug: str = Field(max_length=300, unique=True)
    name: str = Field(max_length=500)
    name_key: str = Field(max_length=500, index=True)
    company: Optional[str] = Field(default=None, max_length=500)
    title: Optional[str] = Field(default=None, max_length=500)
    met_on: Optional[str] = Field(default=None, max_length=10)
    how: Optional[str] = Field(default=None, max_length=2000)
    linkedin: Optional[str] = Field(default=None, max_length=500)
    linkedin_key: Optional[str] = Field(default=None, max_length=500, index=True)
    vcard_uid: Optional[str] = Field(default=None, max_length=500, index=True)
    note: Optional[str] = Field(default=None)
    created_on: str = Field(max_length=10)
    archived: bool = Field(default=False)
    cadence_mode: str = Field(default="tag", max_length=10)
    cadence_id: Optional[int] = Field(
        default=None, sa_column=_fk("cadence.id", nullable=True, ondelete="RESTRICT")
    )
    cadence_inline: Optional[str] = Field(default=None, max_length=20)
    enrolled_on: Optional[str] = Field(default=None, max_length=10)
    snooze_until: Optional[str] = Field(default=None, max_length=10)
    snoozed_on: Optional[str] = Field(default=None, max_length=10)
    # The stored schedule: a cache of the engine's result, rewritten with every change.
    cadence_label: Optional[str] = Field(default=None, max_length=200)
    next_due: Optional[str] = Field(default=None, max_length=10)
    due_interval: Optional[float] = Field(default=None)
    due_step: Optional[int] = Field(default=None)
    due_steps: Optional[int] = Field(default=None)
    due_action: Optional[str] = Field(default=None, max_length=600)
    unresponsive_since: Optional[str] = Field(default=None, max_length=10)
    series_completed_on: Optional[str] = Field(default=None, max_length=10)
    last_touch: Optional[str] = Field(default=None, max_length=10)


class ContactEmailRow(SQLModel, table=True):
    __tablename__ = "contact_email"
    id: Optional[int] = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    email: str = Field(max_length=500)
    email_key: str = Field(max_length=500, index=True)


class ContactPhoneRow(SQLModel, table=True):
    __tablename__ = "contact_phone"
    id: Optional[int] = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    phone: str = Field(max_length=100)


class ContactTagRow(SQLModel, table=True):
    __tablename__ = "contact_tag"
    __table_args__ = (Index("ix_contact_tag_tag_key", "tag_key"),)
    contact_id: int = Field(
        sa_column=Column(Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True)
    )
    tag_key: str = Field(primary_key=True, max_length=200)
    tag: str = Field(max_length=200)


class EventRow(SQLModel, table=True):
    __tablename__ = "event"
    __table_args__ = (UniqueConstraint("name", "held_on", name="uq_event_name_held_on"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=500)
    held_on: str = Field(max_length=10)


class TouchRow(SQLModel, table=True):
    __tablename__ = "touch"
    __table_args__ = (
        Index("ix_touch_contact_day", "contact_id", "touched_on"),
        # Covers every aggregate over a span of days (review, stats, goals).
        Index("ix_touch_day_summary", "touched_on", "channel", "direction", "give", "ask",
              "contact_id", "event_id"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    touched_on: str = Field(max_length=10)
    channel: str = Field(max_length=20)
    direction: str = Field(max_length=3)
    note: str = Field(default="")
    give: bool = Field(default=False)
    ask: bool = Field(default=False)
    logged_by: Optional[str] = Field(default=None, max_length=200)
    event_id: Optional[int] = Field(
        default=None, sa_column=_fk("event.id", nullable=True, ondelete="SET NULL")
    )


class PauseRow(SQLModel, table=True):
    """A pause of one contact, or of everyone (a vacation) when contact_id is null."""

    __tablename__ = "pause"
    __table_args__ = (Index("ix_pause_contact_id", "contact_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    contact_id: Optional[int] = Field(default=None, sa_column=_fk("contact.id", nullable=True))
    started_on: str = Field(max_length=10)
    until: Optional[str] = Field(default=None, max_length=10)
    ended_on: Optional[str] = Field(default=None, max_length=10)


class GoalRow(SQLModel, table=True):
    __tablename__ = "goal"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    period: str = Field(max_length=10)
    target: int
    tag: Optional[str] = Field(default=None, max_length=200)
    channel: Optional[str] = Field(default=None, max_length=20)
    direction: str = Field(default="out", max_length=3)
    count_by: str = Field(default="contacts", max_length=10)
