"""Touches: logging, fixing and removing them; every change refreshes the schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netcadence.errors import InputError, NotFound
from netcadence.store import limits, schedule
from netcadence.store.db import Database
from netcadence.text import clean_line, lines

TOUCH_COLUMNS = (
    "id, contact_id, touched_on, channel, direction, note, give, ask, logged_by, event_id, source"
)


@dataclass(frozen=True)
class TouchRecord:
    id: int
    contact_id: int
    day: str
    channel: str
    direction: str
    note: str
    give: bool
    ask: bool
    by: str | None
    event_id: int | None
    source: str | None = None  # mail or calendar for a touch that sync logged

    @classmethod
    def from_row(cls, row: tuple) -> TouchRecord:
        return cls(row[0], row[1], row[2], row[3], row[4], row[5] or "", bool(row[6]),
                   bool(row[7]), row[8], row[9], row[10])


def checked_note(note: str | None) -> str:
    """A touch's note as it is kept: as written, but for control characters other than
    newlines and tabs, within the limit."""
    return limits.text("note", lines(note)) if note else ""


def checked_by(by: str | None) -> str | None:
    """Who logged a touch, as it is kept (on one line, within the limit), or None."""
    return limits.maybe_text("by", clean_line(by))


def checked_event_name(name: str) -> str:
    title = clean_line(name)
    if not title:
        raise InputError("an event needs a name")
    return limits.text("an event's name", title, "event")


def check_not_future(day: date, today: date) -> None:
    if day > today:
        raise InputError(
            f"{day.isoformat()} is after today ({today.isoformat()}); "
            "a touch can only be logged for today or earlier"
        )


def add(
    db: Database,
    contact_id: int,
    day: date,
    *,
    channel: str = "other",
    direction: str = "out",
    note: str = "",
    give: bool = False,
    ask: bool = False,
    by: str | None = None,
    event_id: int | None = None,
) -> int:
    touch_id = top_id(db) + 1
    limits.whole("a new touch's id", touch_id)
    insert_many(db, [(touch_id, contact_id, day.isoformat(), channel, direction,
                      checked_note(note), give, ask, checked_by(by), event_id, None)])
    follow_ids(db)
    return touch_id


def add_many(db: Database, touches: list[tuple[int, date, str, str, str, str | None, str]]
             ) -> list[int]:
    """Many touches at once, as (contact, day, channel, direction, note, by, source), with
    ids given in advance (returned in the same order). The caller refreshes schedules."""
    if not touches:
        return []
    first = top_id(db) + 1
    limits.whole("a new touch's id", first + len(touches) - 1)
    insert_many(db, [
        (first + n, contact_id, day.isoformat(), channel, direction, checked_note(note), False,
         False, checked_by(by), None, source)
        for n, (contact_id, day, channel, direction, note, by, source) in enumerate(touches)])
    follow_ids(db)
    return list(range(first, first + len(touches)))


def get(db: Database, touch_id: int) -> TouchRecord:
    row = db.row(f"SELECT {TOUCH_COLUMNS} FROM touch WHERE id = ?", (touch_id,))
    if row is None:
        raise NotFound(
            f"there is no touch {touch_id}; 'netcadence show CONTACT' lists touches with their ids"
        )
    return TouchRecord.from_row(row)


def of_contact(db: Database, contact_id: int) -> list[TouchRecord]:
    """A contact's touches, newest first."""
    return [
        TouchRecord.from_row(row) for row in db.rows(
            f"SELECT {TOUCH_COLUMNS} FROM touch WHERE contact_id = ? "
            "ORDER BY touched_on DESC, id DESC", (contact_id,)
        )
    ]


def update(db: Database, touch: TouchRecord, today: date, **changes) -> None:
    columns = {"day": "touched_on", "channel": "channel", "direction": "direction",
               "note": "note", "give": "give", "ask": "ask"}
    sets, params = [], []
    for key, value in changes.items():
        if value is None:
            continue
        if key == "note":
            value = checked_note(value)
        sets.append(f"{columns[key]} = ?")
        params.append(value.isoformat() if isinstance(value, date) else value)
    if sets:
        db.run(f"UPDATE touch SET {', '.join(sets)} WHERE id = ?", (*params, touch.id))
    schedule.refresh(db, today, [touch.contact_id])


def remove(db: Database, touch: TouchRecord, today: date) -> None:
    db.run("DELETE FROM touch WHERE id = ?", (touch.id,))
    if touch.event_id is not None:
        db.run(
            "DELETE FROM event WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM touch WHERE event_id = ?)", (touch.event_id, touch.event_id)
        )
    schedule.refresh(db, today, [touch.contact_id])




def event_id(db: Database, name: str, day: date) -> int:
    """The event of this name on this day, recorded now if it was not yet."""
    name = checked_event_name(name)
    found = db.value("SELECT id FROM event WHERE name = ? AND held_on = ?", (name, day.isoformat()))
    if found is not None:
        return int(found)
    return db.insert("INSERT INTO event (name, held_on) VALUES (?, ?)", (name, day.isoformat()))


def events(db: Database) -> dict[tuple[str, str], int]:
    """Every event's id by its (name, ISO date)."""
    return {(name, held): eid for eid, name, held in db.rows("SELECT id, name, held_on FROM event")}


def record_event(
    db: Database, name: str, day: date, contact_ids: list[int], *, by: str | None,
) -> list[int]:
    """One event (known by its name and date) and an `event` touch with each person met.

    Recording the event again adds only the people not yet recorded there: the ids
    of those it added are returned.
    """
    found = event_id(db, name, day)
    there = {cid for (cid,) in db.rows("SELECT contact_id FROM touch WHERE event_id = ?",
                                       (found,))}
    added = [contact_id for contact_id in contact_ids if contact_id not in there]
    for contact_id in added:
        add(db, contact_id, day, channel="event", note=name, event_id=found, by=by)
    return added


# --- many touches at once (imports) -----------------------------------------------------

LOOKUP = 500  # ids or values in one IN (...) list
KEY_COLUMNS = "contact_id, touched_on, channel, direction, note, give, ask, logged_by"


def key_of(row: tuple) -> tuple:
    """A stored touch (KEY_COLUMNS) as the tuple a new one is compared with."""
    contact_id, day, channel, direction, note, give, ask, by = row
    return (contact_id, day, channel, direction, note or "", bool(give), bool(ask), by)


def top_id(db: Database) -> int:
    return int(db.value("SELECT COALESCE(MAX(id), 0) FROM touch"))


def insert_many(db: Database, rows: list[tuple]) -> None:
    """The one writer of touches (log, imports, sync): checked touches with their ids,
    (id, contact_id, day, channel, direction, note, give, ask, by, event_id, source),
    written in id order (SQLite then appends to its table)."""
    db.run_many(
        "INSERT INTO touch (id, contact_id, touched_on, channel, direction, note, give, ask, "
        "logged_by, event_id, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sorted(rows))


def keys_by_id(db: Database, ids: list[int]) -> dict[int, tuple]:
    """The touches the database holds under these ids, as comparable keys."""
    found: dict[int, tuple] = {}
    for start in range(0, len(ids), LOOKUP):
        part = ids[start:start + LOOKUP]
        for tid, *key in db.rows(
            f"SELECT id, {KEY_COLUMNS} FROM touch WHERE id IN ({', '.join('?' * len(part))})",
            part,
        ):
            found[tid] = key_of(tuple(key))
    return found


def keys_on_days(db: Database, keys: list[tuple]) -> set[tuple]:
    """Of the touches on these keys' contacts and days, those the database holds."""
    pairs = sorted({(key[0], key[1]) for key in keys})
    found: set[tuple] = set()
    for start in range(0, len(pairs), LOOKUP // 2):
        part = pairs[start:start + LOOKUP // 2]
        for key in db.rows(
            f"SELECT {', '.join('t.' + c for c in KEY_COLUMNS.split(', '))} "
            f"FROM (VALUES {', '.join(['(?, ?)'] * len(part))}) AS v "
            "JOIN touch t ON t.contact_id = v.column1 AND t.touched_on = v.column2",
            [value for pair in part for value in pair],
        ):
            found.add(key_of(key))
    return found


def set_aside_above(db: Database, base: int) -> None:
    """Touches with ids above `base` take provisional ids below zero (-1 for base + 1, …)."""
    db.run("UPDATE touch SET id = ? - id WHERE id > ?", (base, base))


def number_set_aside(db: Database) -> None:
    """Touches with provisional ids below zero take the ids after the highest, in order
    (or, where no room is left below limits.MOST_ID, the lowest free ones)."""
    top = top_id(db)
    waiting = int(db.value("SELECT COUNT(*) FROM touch WHERE id < 0"))
    if top + waiting <= limits.MOST_ID:
        db.run("UPDATE touch SET id = ? - id WHERE id < 0", (top,))
        return
    taken = {tid for (tid,) in db.rows("SELECT id FROM touch WHERE id > 0")}
    if limits.MOST_ID - len(taken) < waiting:
        raise InputError(f"no touch ids are left for {waiting:,} more touches")
    free = (tid for tid in range(1, limits.MOST_ID + 1) if tid not in taken)
    db.run_many("UPDATE touch SET id = ? WHERE id = ?",
                [(next(free), -number) for number in range(1, waiting + 1)])


def follow_ids(db: Database) -> None:
    """After touches were written with ids of their own, PostgreSQL's next id follows."""
    if db.backend == "postgresql":
        db.value("SELECT setval(pg_get_serial_sequence('touch', 'id'), "
                 "(SELECT COALESCE(MAX(id), 1) FROM touch))")


class Indexes:
    """Many touches into SQLite: its touch indexes are rebuilt once at the end, not per row.

    The indexes are recreated from their own stored definitions, inside the
    import's transaction, so a failure leaves them exactly as they were.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.dropped: list[tuple[str, bool]] | None = None

    def drop(self) -> None:
        if self.dropped is not None:
            return
        self.dropped = []
        if self.db.backend != "sqlite":
            return
        for name, sql in self.db.rows(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'touch' "
            "AND sql IS NOT NULL"
        ):
            columns = [row[2] for row in self.db.rows(f'PRAGMA index_info("{name}")')]
            self.dropped.append((sql, columns[:2] == ["contact_id", "touched_on"]))
            self.db.run(f'DROP INDEX "{name}"')

    def restore(self, lookups: bool = False) -> None:
        """Recreate the dropped indexes, or (lookups) the one that finds a contact's day."""
        kept = []
        for sql, finds_a_day in self.dropped or []:
            if lookups and not finds_a_day:
                kept.append((sql, finds_a_day))
            else:
                self.db.run(sql)
        if self.dropped is not None:
            self.dropped = kept
