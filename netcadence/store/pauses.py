"""Pauses of one contact and vacations of everyone; both stop the cadence clock."""

from __future__ import annotations

from datetime import date

from netcadence.errors import InputError
from netcadence.store import paused, schedule
from netcadence.store.contacts import ContactRef
from netcadence.store.contacts import status as contact_status
from netcadence.store.db import Database
from netcadence.text import printable

ACTIVE = paused.in_force()


def checked_window(start: date, until: date | None, ended: date | None = None) -> tuple:
    """A pause (or vacation) as the pause table keeps it: ISO dates, `until` after the
    start and `ended` not before it, or InputError (else due, show and plan disagree)."""
    if until is not None and until <= start:
        raise InputError(f"until {until.isoformat()} is not after the start "
                         f"{start.isoformat()}; a pause ends after it begins")
    if ended is not None and ended < start:
        raise InputError(f"ended {ended.isoformat()} is before the start {start.isoformat()}")
    return tuple(day.isoformat() if day else None for day in (start, until, ended))


def stored_windows(db: Database, contact_id: int | None) -> set[tuple]:
    """A contact's pauses (None: the vacations) as checked_window gives them."""
    if contact_id is None:
        return set(db.rows(
            "SELECT started_on, until, ended_on FROM pause WHERE contact_id IS NULL"))
    return set(db.rows("SELECT started_on, until, ended_on FROM pause WHERE contact_id = ?",
                       (contact_id,)))


def insert(db: Database, contact_id: int | None, windows: list[tuple]) -> None:
    """The one writer of pauses (contact_id None: vacations), windows from checked_window."""
    db.run_many("INSERT INTO pause (contact_id, started_on, until, ended_on) VALUES (?, ?, ?, ?)",
                [(contact_id, *window) for window in windows])


def pause_contact(db: Database, ref: ContactRef, today: date, until: date | None) -> None:
    if ref.archived:
        raise InputError(f"{ref.name} ({ref.slug}) is archived; resume it before pausing")
    if db.value(f"SELECT count(*) FROM pause WHERE contact_id = ? AND {ACTIVE}",
                (ref.id, today.isoformat())):
        raise InputError(f"{ref.name} ({ref.slug}) is already paused; resume it first")
    insert(db, ref.id, [checked_window(today, until)])
    schedule.refresh(db, today, [ref.id])


def resume_contact(db: Database, ref: ContactRef, today: date) -> None:
    ended = db.run(
        f"UPDATE pause SET ended_on = ? WHERE contact_id = ? AND {ACTIVE}",
        (today.isoformat(), ref.id, today.isoformat()),
    )
    if ref.archived:
        db.run("UPDATE contact SET archived = ? WHERE id = ?", (False, ref.id))
    elif not ended:
        raise InputError(f"{ref.name} ({ref.slug}) is neither paused nor archived")
    schedule.refresh(db, today, [ref.id])


def pause_all(db: Database, today: date, until: date | None) -> None:
    if db.value(f"SELECT count(*) FROM pause WHERE contact_id IS NULL AND {ACTIVE}",
                (today.isoformat(),)):
        raise InputError("a vacation is already in force; 'netcadence resume --all' ends it")
    insert(db, None, [checked_window(today, until)])
    schedule.refresh(db, today)


def resume_all(db: Database, today: date) -> None:
    if not db.run(
        f"UPDATE pause SET ended_on = ? WHERE contact_id IS NULL AND {ACTIVE}",
        (today.isoformat(), today.isoformat()),
    ):
        raise InputError(
            "no vacation is in force; 'netcadence pause --all --until DATE' starts one"
        )
    schedule.refresh(db, today)


def snooze(db: Database, ref: ContactRef, today: date, until: date | None) -> None:
    """Set a contact's snooze (the day it was set is today), or clear it with None."""
    who = f"{printable(ref.name)} ({ref.slug})"
    if until is not None:
        status = contact_status(db, ref.id, today)
        if status in ("paused", "archived"):
            raise InputError(f"{who} is {status}; only active contacts can be snoozed")
        if not db.value("SELECT cadence_label FROM contact WHERE id = ?", (ref.id,)):
            raise InputError(f"{who} has no cadence, so is never due; nothing to snooze")
    set_snooze(db, ref.id, until, today)
    schedule.refresh(db, today, [ref.id])


def set_snooze(db: Database, contact_id: int, until: date | None, set_on: date) -> None:
    """Write a snooze (None clears it); the caller refreshes the schedule."""
    db.run("UPDATE contact SET snooze_until = ?, snoozed_on = ? WHERE id = ?",
           (until.isoformat() if until else None, set_on.isoformat() if until else None,
            contact_id))


def snoozed_until(db: Database, contact_id: int) -> str | None:
    return db.value("SELECT snooze_until FROM contact WHERE id = ?", (contact_id,))
