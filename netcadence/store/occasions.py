"""Birthdays and anniversaries: the one writer of both, and the contacts whose occasions
fall on given days of the year.

Occasions are stored as netcadence writes them (`1990-04-12`, or `--04-12` without a
year), so their last five characters are the month and day: an index on those
(migration 0004) finds the few contacts whose occasion is near without reading the
others.
"""

from __future__ import annotations

from datetime import date

from netcadence.store.agenda import _scheduled
from netcadence.store.db import Database

TYPE_CHECKING = False
if TYPE_CHECKING:
    from netcadence.engine.occasions import Day

KINDS = ("birthday", "anniversary")


def _month_day(column: str) -> str:
    # The expression of the indexes ix_contact_birthday_day and ix_contact_anniversary_day.
    return f"substr(c.{column}, length(c.{column}) - 4)"


def set_days(db: Database, contact_id: int, days: dict[str, Day | None]) -> None:
    """Set a contact's birthday or anniversary (None removes it)."""
    for kind, day in days.items():
        if kind not in KINDS:
            raise ValueError(kind)
        db.run(f"UPDATE contact SET {kind} = ? WHERE id = ?",
               (str(day) if day is not None else None, contact_id))


def fill_days(db: Database, rows: list[tuple[str | None, str | None, int]]) -> None:
    """(birthday, anniversary, contact id) as stored text, written as they are: the
    importer has already kept what the contact had."""
    db.run_many("UPDATE contact SET birthday = ?, anniversary = ? WHERE id = ?", rows)


def all_days(db: Database) -> dict[int, tuple[str | None, str | None]]:
    """Every contact with an occasion: id → (birthday, anniversary) as stored."""
    return {cid: (birthday, anniversary) for cid, birthday, anniversary in db.rows(
        "SELECT id, birthday, anniversary FROM contact "
        "WHERE birthday IS NOT NULL OR anniversary IS NOT NULL")}


def days_of(db: Database, contact_id: int) -> dict[str, str | None]:
    """One contact's birthday and anniversary, as stored."""
    row = db.row("SELECT birthday, anniversary FROM contact WHERE id = ?", (contact_id,))
    return dict(zip(KINDS, row or (None, None), strict=True))


def near(db: Database, today: date, month_days: list[str] | None,
         tag: str | None = None) -> list[tuple]:
    """Contacts on the agenda today (active or unresponsive: not archived, not paused),
    with the tag if one is given, whose birthday or anniversary falls on one of
    `month_days` (`MM-DD`; None: any day): (id, slug, name, birthday, anniversary,
    last_touch), by slug."""
    if month_days == []:
        return []
    where, params = _scheduled(db, today, tag, unresponsive=True)
    if month_days is None:
        found = "(c.birthday IS NOT NULL OR c.anniversary IS NOT NULL)"
        days: list[str] = []
    else:
        marks = ", ".join("?" * len(month_days))
        found = " OR ".join(f"(c.{kind} IS NOT NULL AND {_month_day(kind)} IN ({marks}))"
                            for kind in KINDS)
        days = [*month_days, *month_days]
    return sorted(db.rows(
        "SELECT c.id, c.slug, c.name, c.birthday, c.anniversary, c.last_touch FROM contact c "
        f"WHERE ({found}) AND {where}", [*days, *params]), key=lambda row: row[1])


def last_touches_until(db: Database, ids: list[int], day: date) -> dict[int, str]:
    """Each contact's last touch dated on or before `day` (for a week already past)."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    return dict(db.rows(
        f"SELECT contact_id, MAX(touched_on) FROM touch WHERE contact_id IN ({marks}) "
        "AND touched_on <= ? GROUP BY contact_id", [*ids, day.isoformat()]))
