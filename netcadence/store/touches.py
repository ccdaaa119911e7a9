"""Touches: logging, fixing and removing them; every change refreshes the schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netcadence.errors import InputError, NotFound
from netcadence.store import schedule
from netcadence.store.db import Database

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
    return db.insert(
        "INSERT INTO touch (contact_id, touched_on, channel, direction, note, give, ask, "
        "logged_by, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (contact_id, day.isoformat(), channel, direction, note or "", give, ask, by, event_id),
    )


def add_many(db: Database, touches: list[tuple[int, date, str, str, str, str | None, str]]
             ) -> list[int]:
    """Many touches at once, as (contact, day, channel, direction, note, by, source), with
    ids given in advance (returned in the same order). The caller refreshes schedules."""
    if not touches:
        return []
    first = int(db.value("SELECT COALESCE(MAX(id), 0) FROM touch")) + 1
    db.run_many(
        "INSERT INTO touch (id, contact_id, touched_on, channel, direction, note, give, ask, "
        "logged_by, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(first + n, contact_id, day.isoformat(), channel, direction, note or "", False, False,
          by, source)
         for n, (contact_id, day, channel, direction, note, by, source) in enumerate(touches)])
    if db.backend == "postgresql":
        db.value("SELECT setval(pg_get_serial_sequence('touch', 'id'), "
                 "(SELECT MAX(id) FROM touch))")
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


def given_asked(db: Database, contact_id: int) -> tuple[int, int]:
    row = db.row(
        "SELECT COALESCE(SUM(CASE WHEN give THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN ask THEN 1 ELSE 0 END), 0) FROM touch WHERE contact_id = ?",
        (contact_id,),
    )
    return (int(row[0]), int(row[1])) if row else (0, 0)


def event_id(db: Database, name: str, day: date) -> int:
    found = db.value("SELECT id FROM event WHERE name = ? AND held_on = ?", (name, day.isoformat()))
    if found is not None:
        return int(found)
    return db.insert("INSERT INTO event (name, held_on) VALUES (?, ?)", (name, day.isoformat()))


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
