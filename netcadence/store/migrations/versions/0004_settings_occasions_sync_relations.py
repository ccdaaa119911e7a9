"""Network settings in the database, occasions, synced touches, and relationships.

Revision ID: 0004
Revises: 0003

- setting: the network settings (capacity, default_cadence, …), one value per
  database instead of one per settings file.
- contact.birthday, contact.anniversary: `YYYY-MM-DD`, or `--MM-DD` when the
  year is not known; each with an index on its month and day (the last five
  characters, `MM-DD`), so that the agenda finds the few occasions near today
  without reading every contact.
- contact.strength_base: the decayed weight of the contact's touches as of its
  last touch, a cache the schedule refresh rewrites (strength follows from it
  and today).
- touch.source: `mail` or `calendar` for touches that sync logged.
- sync_source, sync_file, sync_item: what each synced path held, the Maildir
  files already read, and every message or occurrence already turned into a
  touch (kept when the touch is removed, so that a later sync does not bring
  it back).
- intro: proposed, agreed, made or dropped introductions between two contacts.
- linkedin_seen, job_change: what the last LinkedIn import said of a contact,
  and the changes of company or title it noticed.
- enrollment: each change of a contact's enrollment (its cadence and the day it
  counts from) and the day it was recorded, so that the review of a past week
  reads the enrollments of that week. A contact with no row has had its present
  enrollment since its enrollment day.

Every new column may be empty, so no row of an older database changes, but for
one key: names and tags written with a curly apostrophe (’ ‘ ʼ ′) have their folded
key (name_key, tag_key) rewritten with ', as netcadence now compares them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _text(name: str, length: int | None = None, nullable: bool = True) -> sa.Column:
    kind = sa.String(length) if length else sa.String()
    return sa.Column(name, kind, nullable=nullable)


def _contact(name: str = "contact_id", *, primary_key: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey("contact.id", ondelete="CASCADE"),
                     nullable=False, primary_key=primary_key)


OCCASIONS = ("birthday", "anniversary")


def month_day(column: str) -> str:
    """`MM-DD` of a stored occasion (`1990-04-12` or `--04-12`): the index's expression,
    written the same way in the queries that use it."""
    return f"substr({column}, length({column}) - 4)"


def upgrade() -> None:
    # --- network settings ---------------------------------------------------------
    op.create_table(
        "setting",
        _text("key", 64, nullable=False),
        _text("value", 200, nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )

    # --- occasions and strength ---------------------------------------------------
    op.add_column("contact", _text("birthday", 10))
    op.add_column("contact", _text("anniversary", 10))
    for column in OCCASIONS:
        op.create_index(f"ix_contact_{column}_day", "contact", [sa.text(month_day(column))],
                        sqlite_where=sa.text(f"{column} IS NOT NULL"),
                        postgresql_where=sa.text(f"{column} IS NOT NULL"))
    op.add_column("contact", sa.Column("strength_base", sa.Float, nullable=True))

    # --- sync ---------------------------------------------------------------------
    op.add_column("touch", _text("source", 10))
    op.create_table(
        "sync_source",
        sa.Column("id", sa.Integer, primary_key=True),
        _text("path", 1000, nullable=False),
        _text("kind", 10, nullable=False),
        _text("last_run", 10, nullable=False),
        sa.Column("seen", sa.Integer, nullable=False),
        sa.Column("added", sa.Integer, nullable=False),
        _text("addresses", 64),
        _text("state"),
        sa.UniqueConstraint("path", "kind", name="uq_sync_source_path_kind"),
    )
    op.create_table(
        "sync_file",
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sync_source.id", ondelete="CASCADE"),
                  nullable=False),
        _text("name", 500, nullable=False),
        sa.PrimaryKeyConstraint("source_id", "name"),
    )
    op.create_table(
        "sync_item",
        sa.Column("id", sa.Integer, primary_key=True),
        _text("kind", 10, nullable=False),
        _text("key", 200, nullable=False),
        _contact(),
        _text("direction", 3, nullable=False),
        sa.Column("touch_id", sa.Integer, sa.ForeignKey("touch.id", ondelete="SET NULL"),
                  nullable=True),
        sa.UniqueConstraint("kind", "key", "contact_id", name="uq_sync_item_kind_key_contact"),
    )
    op.create_index("ix_sync_item_touch_id", "sync_item", ["touch_id"])
    op.create_index("ix_sync_item_contact_id", "sync_item", ["contact_id"])

    # --- relationships --------------------------------------------------------------
    op.create_index("ix_touch_give_ask", "touch", ["direction", "give", "ask", "contact_id",
                                                   "touched_on"],
                    sqlite_where=sa.text("give OR ask"), postgresql_where=sa.text("give OR ask"))
    op.create_table(
        "intro",
        sa.Column("id", sa.Integer, primary_key=True),
        _contact("a_id"),
        _contact("b_id"),
        _text("proposed_on", 10, nullable=False),
        _text("a_agreed_on", 10),
        _text("b_agreed_on", 10),
        _text("made_on", 10),
        _text("dropped_on", 10),
        _text("note"),
        _text("outcome"),
    )
    op.create_index("ix_intro_a_id", "intro", ["a_id"])
    op.create_index("ix_intro_b_id", "intro", ["b_id"])
    op.create_table(
        "linkedin_seen",
        _contact(primary_key=True),
        _text("company", 500),
        _text("title", 500),
        _text("seen_on", 10, nullable=False),
    )
    op.create_table(
        "job_change",
        sa.Column("id", sa.Integer, primary_key=True),
        _contact(),
        _text("changed_on", 10, nullable=False),
        _text("old_company", 500),
        _text("new_company", 500),
        _text("old_title", 500),
        _text("new_title", 500),
    )
    op.create_index("ix_job_change_contact_id", "job_change", ["contact_id"])
    op.create_index("ix_job_change_changed_on", "job_change", ["changed_on"])

    # --- enrollments as they were ---------------------------------------------------
    op.create_table(
        "enrollment",
        sa.Column("id", sa.Integer, primary_key=True),
        _contact(),
        _text("cadence", 200),
        _text("enrolled_on", 10),
        _text("recorded_on", 10, nullable=False),
    )
    op.create_index("ix_enrollment_contact_id", "enrollment", ["contact_id"])

    _fold_curly_apostrophes()


# From this revision on, names and tags compare ’ ‘ ʼ ′ as ' ("Ken O’Brien" is found as
# "ken o'brien"): the folded keys stored for them follow. Folding leaves these four
# characters as they are otherwise, so replacing them in the old key gives the new one.
CURLY = ("\u2019", "\u2018", "\u02bc", "\u2032")


def _curly_free(key: str) -> str:
    for curly in CURLY:
        key = key.replace(curly, "'")
    return key


def _with_curly(column: str) -> str:
    return "(" + " OR ".join(f"{column} LIKE :c{n}" for n in range(len(CURLY))) + ")"


def _fold_curly_apostrophes() -> None:
    bind = op.get_bind()
    likes = {f"c{n}": f"%{curly}%" for n, curly in enumerate(CURLY)}
    for contact_id, key in bind.execute(sa.text(
            f"SELECT id, name_key FROM contact WHERE {_with_curly('name_key')}"), likes).all():
        bind.execute(sa.text("UPDATE contact SET name_key = :key WHERE id = :id"),
                     {"key": _curly_free(key), "id": contact_id})
    for table, owner in (("contact_tag", "contact_id"), ("tag_default", None)):
        mine = f" AND {owner} = :owner" if owner else ""
        for row in bind.execute(sa.text(
                f"SELECT tag_key{', ' + owner if owner else ''} FROM {table} "
                f"WHERE {_with_curly('tag_key')}"), likes).all():
            values = {"old": row[0], "new": _curly_free(row[0]),
                      "owner": row[1] if owner else None}
            if bind.execute(sa.text(f"SELECT count(*) FROM {table} WHERE tag_key = :new{mine}"),
                            values).scalar():  # the same tag written both ways: keep one
                bind.execute(sa.text(f"DELETE FROM {table} WHERE tag_key = :old{mine}"), values)
            else:
                bind.execute(sa.text(f"UPDATE {table} SET tag_key = :new "
                                     f"WHERE tag_key = :old{mine}"), values)


def downgrade() -> None:
    for table in ("enrollment", "job_change", "linkedin_seen", "intro", "sync_item",
                  "sync_file", "sync_source", "setting"):
        op.drop_table(table)
    op.drop_index("ix_touch_give_ask", "touch")
    with op.batch_alter_table("touch") as touch:
        touch.drop_column("source")
    for column in OCCASIONS:
        op.drop_index(f"ix_contact_{column}_day", "contact")
    with op.batch_alter_table("contact") as contact:
        for column in ("strength_base", "anniversary", "birthday"):
            contact.drop_column(column)
