"""Reading the stored schedule: the due agenda, lists and contact details."""

from __future__ import annotations

from collections import namedtuple
from datetime import date

from netcadence.errors import NotFound
from netcadence.store import paused
from netcadence.store.db import Database
from netcadence.store.paused import STATUS_SQL
from netcadence.text import fold, loose, loosely_in, normalize_tag


def vacation_until(db: Database, today: date) -> str | None:
    """The end of a vacation in force today ('' when it has no end yet), else None."""
    row = db.row(paused.VACATION, (today.isoformat(),))
    if row is None:
        return None
    return row[0] or ""


# The columns of a row to rank (engine.agenda.build_agenda), next_due as ISO text.
DUE_COLUMNS = (
    "c.slug, c.name, c.next_due, c.due_interval, c.cadence_label, c.due_step, c.due_steps, "
    "c.due_action, c.last_touch"
)


def due_rows(db: Database, today: date, horizon: date, tag: str | None = None) -> list[tuple]:
    """Contacts whose effective due date is on or before `horizon`, by date, name, slug.

    That order is the agenda's for rows due on the same day, so the engine only
    has to rank by urgency (build_agenda's `by_date`). On SQLite the rows come
    from the covering index ix_contact_agenda, already in this order.
    """
    if vacation_until(db, today) is not None:
        return []
    where, params = _scheduled(db, today, tag)
    sql = f"SELECT {DUE_COLUMNS} FROM contact c WHERE c.next_due <= ? AND {where}"
    params.insert(0, horizon.isoformat())
    # name_key is fold(name); compared by code point, as Python compares text.
    binary = "" if db.backend == "sqlite" else ' COLLATE "C"'
    sql += f" ORDER BY c.next_due, c.name_key{binary}, c.slug{binary}"
    return db.rows(sql, params)


def _scheduled(db: Database, today: date, tag: str | None, *,
               unresponsive: bool = False) -> tuple[str, list]:
    """The condition (and its parameters) for contacts on the agenda: not archived,
    not unresponsive (unless `unresponsive`: rows that do not come from their cadence,
    such as occasions, introductions and news, still show), not paused, with the tag if
    one is asked for."""
    where = "NOT c.archived" + ("" if unresponsive else " AND c.unresponsive_since IS NULL")
    params: list = []
    # Checking each row for a pause costs more than the rest of the agenda's query;
    # most days no contact is paused at all (a pause whose --until date has passed
    # stays open in the table, but pauses nobody).
    if db.row(paused.ANY_CONTACT_PAUSED, (today.isoformat(),)):
        where += f" AND {paused.NOT_PAUSED}"
        params.append(today.isoformat())
    if tag:
        where += " AND c.id IN (SELECT contact_id FROM contact_tag WHERE tag_key = ?)"
        params.append(fold(normalize_tag(tag)))
    return where, params


def intros_waiting(db: Database, proposed_before: date) -> bool:
    """Whether an open introduction was proposed before that day (most days none is:
    the agenda then loads nothing more for them)."""
    return db.value("SELECT 1 FROM intro WHERE made_on IS NULL AND dropped_on IS NULL "
                    "AND proposed_on < ? LIMIT 1", (proposed_before.isoformat(),)) is not None


def news_between(db: Database, first: date, last: date) -> bool:
    """Whether a job change was noticed first..last."""
    return db.value("SELECT 1 FROM job_change WHERE changed_on >= ? AND changed_on <= ? LIMIT 1",
                    (first.isoformat(), last.isoformat())) is not None


def shown_for_news(db: Database, today: date, tag: str | None) -> tuple[str, list]:
    """The condition for contacts whose rows of other kinds than cadence show (an
    introduction waiting, news): not archived, not paused, with the tag if one is asked
    for; unresponsive ones too, since these rows do not come from their cadence."""
    return _scheduled(db, today, tag, unresponsive=True)


# A contact as `list` shows it (dates as ISO text, `tags` a list, `strength` 0-100).
ListRow = namedtuple("ListRow", "id slug name status tags cadence next_due last_touch "
                     "company strength", defaults=(0,))


def list_rows(
    db: Database, today: date, *, status: str | None = None, tag: str | None = None,
    ids: list[int] | None = None,
) -> list[ListRow]:
    sql = (
        f"SELECT c.id, c.slug, c.name, {STATUS_SQL}, c.cadence_label, c.next_due, "
        "c.last_touch, c.company, c.strength_base FROM contact c"
    )
    params: list = [today.isoformat()]
    if tag:
        sql += " WHERE c.id IN (SELECT contact_id FROM contact_tag WHERE tag_key = ?)"
        params.append(fold(normalize_tag(tag)))
    from netcadence.store.relations import strength_today  # for lists, not for the agenda

    tags: dict[int, list[str]] = {}
    # Sorted here, not in SQL, so that lists print in the same order on every backend.
    for contact_id, tag_name in sorted(db.rows("SELECT contact_id, tag FROM contact_tag")):
        tags.setdefault(contact_id, []).append(tag_name)
    wanted = set(ids) if ids is not None else None
    rows = []
    for r in db.rows(sql, params):
        if wanted is not None and r[0] not in wanted:
            continue
        if status == "all" or (status is None and r[3] != "archived") or r[3] == status:
            next_due = r[5] if r[3] in ("active", "paused") else None
            rows.append(ListRow(r[0], r[1], r[2], r[3], tags.get(r[0], []), r[4], next_due,
                                r[6], r[7], strength_today(r[8], r[6], today)))
    rows.sort(key=lambda row: (fold(row.name), row.slug))
    return rows


def find_ids(db: Database, text: str) -> list[int]:
    """Contacts whose name, company, emails, notes or touch notes contain the text,
    compared folded and without apostrophes and hyphens."""
    wanted = loose(text)
    if wanted[0]:
        def holds(value: str) -> bool:
            return loosely_in(wanted, value)
    else:  # only apostrophes or hyphens: those, then
        def holds(value: str) -> bool:
            return fold(text) in fold(value)
    found: set[int] = set()
    for contact_id, name, company, note, how, title in db.rows(
        "SELECT id, name, company, note, how, title FROM contact"
    ):
        if any(holds(value) for value in (name, company, note, how, title) if value):
            found.add(contact_id)
    for contact_id, email in db.rows("SELECT contact_id, email FROM contact_email"):
        if holds(email):
            found.add(contact_id)
    for contact_id, note in db.rows("SELECT contact_id, note FROM touch WHERE note <> ''"):
        if contact_id not in found and holds(note):
            found.add(contact_id)
    return sorted(found)


def next_up(db: Database, today: date, tag: str | None = None) -> tuple[str, str, str] | None:
    """The next contact due after today (with the tag, if one is given): (name, slug, date)."""
    where, params = _scheduled(db, today, tag)
    rows = db.rows(
        f"SELECT c.name, c.slug, c.next_due FROM contact c WHERE c.next_due = ("
        f"SELECT min(c.next_due) FROM contact c WHERE c.next_due > ? AND {where}) AND {where}",
        [today.isoformat(), *params, *params],
    )
    if not rows:
        return None
    name, slug, due = min(rows, key=lambda row: row[1])  # by slug, the same on every backend
    return name, slug, due


def has_contacts(db: Database) -> bool:
    return db.value("SELECT 1 FROM contact LIMIT 1") is not None


def has_goals(db: Database) -> bool:
    """Whether any goal is set, to show above the agenda (cheaper than loading them)."""
    return db.value("SELECT 1 FROM goal LIMIT 1") is not None


# One contact's stored schedule, as `log` and the other commands that change it say:
# dates as ISO text, `every` the perpetual interval of a named cadence, `archived` and
# `paused` booleans.
ContactSchedule = namedtuple(
    "ContactSchedule", "next_due step steps action cadence_label every unresponsive_since "
    "archived paused paused_until last_touch")


# The perpetual interval of the named cadence that applies to contact c, or NULL when
# the cadence is an inline duration: a contact's own `monthly` typed inline stays 1m
# after a cadence named `monthly` is defined, so the label alone does not say which.
_NAMED_EVERY = (
    "CASE WHEN c.cadence_mode = 'own' "
    "THEN (SELECT k.every FROM cadence k WHERE k.id = c.cadence_id) "
    "ELSE (SELECT k.every FROM contact_tag t JOIN tag_default d ON d.tag_key = t.tag_key "
    "JOIN cadence k ON k.id = d.cadence_id "
    "WHERE t.contact_id = c.id AND k.name = c.cadence_label LIMIT 1) END"
)


def schedule_of(db: Database, contact_id: int, today: date) -> ContactSchedule:
    row = db.row(
        "SELECT c.next_due, c.due_step, c.due_steps, c.due_action, c.cadence_label, "
        f"c.unresponsive_since, c.archived, c.last_touch, {_NAMED_EVERY} FROM contact c "
        "WHERE c.id = ?", (contact_id,)
    )
    if row is None:
        raise NotFound(f"contact {contact_id} does not exist")
    next_due, step, steps, action, label, unresponsive, archived, last_touch, every = row
    pause = db.row(paused.OWN_PAUSE, (contact_id, today.isoformat()))
    return ContactSchedule(
        next_due=next_due, step=step, steps=steps, action=action, cadence_label=label,
        every=every, unresponsive_since=unresponsive, archived=bool(archived),
        paused=pause is not None, paused_until=pause[0] if pause else None,
        last_touch=last_touch,
    )
