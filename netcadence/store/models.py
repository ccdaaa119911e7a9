"""The tables as SQLModel classes: the schema Alembic's migrations are checked against.

Queries on the hot paths use the DB-API directly (see db.py); these classes are
the single description of the schema for migrations and the drift check.
Dates are stored as ISO text (`YYYY-MM-DD`) so that both backends compare and
sort them the same way.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint, text
from sqlmodel import Field, SQLModel

metadata = SQLModel.metadata


def _fk(target: str, *, nullable: bool, ondelete: str = "CASCADE") -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable)


class Meta(SQLModel, table=True):
    __tablename__ = "meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)


class SettingRow(SQLModel, table=True):
    """A network setting (capacity, default_cadence, …): one value per database."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)


class CadenceRow(SQLModel, table=True):
    __tablename__ = "cadence"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    every: str | None = Field(default=None, max_length=20)
    stop_on_reply: bool = Field(default=False)
    give_up_after: int | None = Field(default=None)


class CadenceStepRow(SQLModel, table=True):
    __tablename__ = "cadence_step"
    id: int | None = Field(default=None, primary_key=True)
    cadence_id: int = Field(sa_column=_fk("cadence.id", nullable=False))
    position: int
    step_offset: str = Field(max_length=20)
    channel: str | None = Field(default=None, max_length=20)
    label: str | None = Field(default=None, max_length=500)


class TagDefaultRow(SQLModel, table=True):
    __tablename__ = "tag_default"
    tag_key: str = Field(primary_key=True, max_length=200)
    tag: str = Field(max_length=200)
    cadence_id: int | None = Field(
        default=None, sa_column=_fk("cadence.id", nullable=True, ondelete="RESTRICT")
    )
    cadence_inline: str | None = Field(default=None, max_length=20)


# The agenda's covering index, on SQLite only (see migration 0003): `info["backend"]`
# tells the drift check, and ddl_if tells create_all, where the index exists.
AGENDA_INDEX = Index(
    "ix_contact_agenda", "next_due", "name_key", "slug", "name", "due_interval",
    "cadence_label", "due_step", "due_steps", "due_action", "last_touch", "archived",
    "unresponsive_since",
    sqlite_where=text("next_due IS NOT NULL AND NOT archived AND unresponsive_since IS NULL"),
    info={"backend": "sqlite"},
).ddl_if(dialect="sqlite")


def _month_day_index(column: str) -> Index:
    """An occasion's month and day (`MM-DD`), for the agenda's occasions near today
    (store/occasions.py writes the same expression)."""
    present = text(f"{column} IS NOT NULL")
    return Index(f"ix_contact_{column}_day", text(f"substr({column}, length({column}) - 4)"),
                 sqlite_where=present, postgresql_where=present)


class ContactRow(SQLModel, table=True):
    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_next_due", "next_due"), AGENDA_INDEX,
                      _month_day_index("birthday"), _month_day_index("anniversary"))
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=300, unique=True)
    name: str = Field(max_length=500)
    name_key: str = Field(max_length=500, index=True)
    company: str | None = Field(default=None, max_length=500)
    title: str | None = Field(default=None, max_length=500)
    met_on: str | None = Field(default=None, max_length=10)
    how: str | None = Field(default=None, max_length=2000)
    linkedin: str | None = Field(default=None, max_length=500)
    linkedin_key: str | None = Field(default=None, max_length=500, index=True)
    vcard_uid: str | None = Field(default=None, max_length=500, index=True)
    note: str | None = Field(default=None)
    created_on: str = Field(max_length=10)
    archived: bool = Field(default=False)
    cadence_mode: str = Field(default="tag", max_length=10)
    cadence_id: int | None = Field(
        default=None, sa_column=_fk("cadence.id", nullable=True, ondelete="RESTRICT")
    )
    cadence_inline: str | None = Field(default=None, max_length=20)
    enrolled_on: str | None = Field(default=None, max_length=10)
    snooze_until: str | None = Field(default=None, max_length=10)
    snoozed_on: str | None = Field(default=None, max_length=10)
    # The stored schedule: a cache of the engine's result, rewritten with every change.
    cadence_label: str | None = Field(default=None, max_length=200)
    next_due: str | None = Field(default=None, max_length=10)
    due_interval: float | None = Field(default=None)
    due_step: int | None = Field(default=None)
    due_steps: int | None = Field(default=None)
    due_action: str | None = Field(default=None, max_length=600)
    unresponsive_since: str | None = Field(default=None, max_length=10)
    series_completed_on: str | None = Field(default=None, max_length=10)
    last_touch: str | None = Field(default=None, max_length=10)
    # `YYYY-MM-DD`, or `--MM-DD` without a year.
    birthday: str | None = Field(default=None, max_length=10)
    anniversary: str | None = Field(default=None, max_length=10)
    # The decayed weight of the touches as of last_touch: strength follows from it and today.
    strength_base: float | None = Field(default=None)


class ContactEmailRow(SQLModel, table=True):
    __tablename__ = "contact_email"
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    email: str = Field(max_length=500)
    email_key: str = Field(max_length=500, index=True)


class ContactPhoneRow(SQLModel, table=True):
    __tablename__ = "contact_phone"
    id: int | None = Field(default=None, primary_key=True)
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
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=500)
    held_on: str = Field(max_length=10)


class TouchRow(SQLModel, table=True):
    __tablename__ = "touch"
    __table_args__ = (
        Index("ix_touch_contact_day", "contact_id", "touched_on"),
        # Covers every aggregate over a span of days (review, stats, goals).
        Index("ix_touch_day_summary", "touched_on", "channel", "direction", "give", "ask",
              "contact_id", "event_id"),
        # Only the touches that give or ask (about one in seven): the ledger's counts
        # read these, already in the order they are counted by, instead of every touch.
        Index("ix_touch_give_ask", "direction", "give", "ask", "contact_id", "touched_on",
              sqlite_where=text("give OR ask"), postgresql_where=text("give OR ask")),
    )
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    touched_on: str = Field(max_length=10)
    channel: str = Field(max_length=20)
    direction: str = Field(max_length=3)
    note: str = Field(default="")
    give: bool = Field(default=False)
    ask: bool = Field(default=False)
    logged_by: str | None = Field(default=None, max_length=200)
    event_id: int | None = Field(
        default=None, sa_column=_fk("event.id", nullable=True, ondelete="SET NULL")
    )
    source: str | None = Field(default=None, max_length=10)  # mail, calendar or null


class PauseRow(SQLModel, table=True):
    """A pause of one contact, or of everyone (a vacation) when contact_id is null."""

    __tablename__ = "pause"
    __table_args__ = (Index("ix_pause_contact_id", "contact_id"),)
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, sa_column=_fk("contact.id", nullable=True))
    started_on: str = Field(max_length=10)
    until: str | None = Field(default=None, max_length=10)
    ended_on: str | None = Field(default=None, max_length=10)


class EnrollmentRow(SQLModel, table=True):
    """A contact's enrollment in a cadence (`cadence` null: in none), as recorded on a
    day; written whenever the enrollment changes, so that the review of a past week
    reads the enrollments as they were then."""

    __tablename__ = "enrollment"
    __table_args__ = (Index("ix_enrollment_contact_id", "contact_id"),)
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    cadence: str | None = Field(default=None, max_length=200)
    enrolled_on: str | None = Field(default=None, max_length=10)
    recorded_on: str = Field(max_length=10)


class GoalRow(SQLModel, table=True):
    __tablename__ = "goal"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    period: str = Field(max_length=10)
    target: int
    tag: str | None = Field(default=None, max_length=200)
    channel: str | None = Field(default=None, max_length=20)
    direction: str = Field(default="out", max_length=3)
    count_by: str = Field(default="contacts", max_length=10)


class SyncSourceRow(SQLModel, table=True):
    """A path that `sync` read: what it held when, and where to resume."""

    __tablename__ = "sync_source"
    __table_args__ = (UniqueConstraint("path", "kind", name="uq_sync_source_path_kind"),)
    id: int | None = Field(default=None, primary_key=True)
    path: str = Field(max_length=1000)
    kind: str = Field(max_length=10)
    last_run: str = Field(max_length=10)
    seen: int
    added: int
    addresses: str | None = Field(default=None, max_length=64)
    state: str | None = Field(default=None)


class SyncFileRow(SQLModel, table=True):
    """A Maildir file already read."""

    __tablename__ = "sync_file"
    source_id: int = Field(sa_column=Column(
        Integer, ForeignKey("sync_source.id", ondelete="CASCADE"), primary_key=True))
    name: str = Field(primary_key=True, max_length=500)


class SyncItemRow(SQLModel, table=True):
    """A message or occurrence already turned into a touch on a contact (or merged into one
    logged that day). Kept when the touch is removed, so that no sync brings it back."""

    __tablename__ = "sync_item"
    __table_args__ = (
        UniqueConstraint("kind", "key", "contact_id", name="uq_sync_item_kind_key_contact"),
        Index("ix_sync_item_touch_id", "touch_id"),
        Index("ix_sync_item_contact_id", "contact_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=10)
    key: str = Field(max_length=200)
    contact_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    direction: str = Field(max_length=3)
    touch_id: int | None = Field(
        default=None, sa_column=_fk("touch.id", nullable=True, ondelete="SET NULL"))


class IntroRow(SQLModel, table=True):
    """An introduction between two contacts: proposed, agreed by each side, made, dropped."""

    __tablename__ = "intro"
    __table_args__ = (Index("ix_intro_a_id", "a_id"), Index("ix_intro_b_id", "b_id"))
    id: int | None = Field(default=None, primary_key=True)
    a_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    b_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    proposed_on: str = Field(max_length=10)
    a_agreed_on: str | None = Field(default=None, max_length=10)
    b_agreed_on: str | None = Field(default=None, max_length=10)
    made_on: str | None = Field(default=None, max_length=10)
    dropped_on: str | None = Field(default=None, max_length=10)
    note: str | None = Field(default=None)
    outcome: str | None = Field(default=None)


class LinkedinSeenRow(SQLModel, table=True):
    """What the last LinkedIn import said of a contact's company and position."""

    __tablename__ = "linkedin_seen"
    contact_id: int = Field(sa_column=Column(
        Integer, ForeignKey("contact.id", ondelete="CASCADE"), primary_key=True))
    company: str | None = Field(default=None, max_length=500)
    title: str | None = Field(default=None, max_length=500)
    seen_on: str = Field(max_length=10)


class JobChangeRow(SQLModel, table=True):
    """A change of company or title that a LinkedIn import noticed."""

    __tablename__ = "job_change"
    __table_args__ = (
        Index("ix_job_change_contact_id", "contact_id"),
        Index("ix_job_change_changed_on", "changed_on"),
    )
    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(sa_column=_fk("contact.id", nullable=False))
    changed_on: str = Field(max_length=10)
    old_company: str | None = Field(default=None, max_length=500)
    new_company: str | None = Field(default=None, max_length=500)
    old_title: str | None = Field(default=None, max_length=500)
    new_title: str | None = Field(default=None, max_length=500)
