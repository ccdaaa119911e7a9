"""Introductions: the one writer of the intro table, and what reads it."""

from __future__ import annotations

from datetime import date

from netcadence.engine.intros import Intro
from netcadence.errors import NotFound
from netcadence.store import limits
from netcadence.store.db import Database
from netcadence.text import clean_note

COLUMNS = ("id, a_id, b_id, proposed_on, a_agreed_on, b_agreed_on, made_on, dropped_on, "
           "note, outcome")


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _intro(row: tuple) -> Intro:
    (intro_id, a, b, proposed, a_agreed, b_agreed, made, dropped, note, outcome) = row
    return Intro(int(intro_id), int(a), int(b), date.fromisoformat(proposed), _day(a_agreed),
                 _day(b_agreed), _day(made), _day(dropped), note, outcome)


def checked_text(what: str, text: str | None) -> str | None:
    """A note or an outcome as it is kept (trimmed, within the limit of a note), or None."""
    return limits.maybe_text(what, clean_note(text), "note")


def get(db: Database, intro_id: int) -> Intro:
    row = db.row(f"SELECT {COLUMNS} FROM intro WHERE id = ?", (intro_id,))
    if row is None:
        raise NotFound(f"there is no introduction {intro_id}; 'netcadence intro list' lists "
                       "them with their ids")
    return _intro(row)


def all_intros(db: Database) -> list[Intro]:
    return [_intro(row) for row in db.rows(f"SELECT {COLUMNS} FROM intro ORDER BY id")]


def open_ones(db: Database) -> list[Intro]:
    return [_intro(row) for row in db.rows(
        f"SELECT {COLUMNS} FROM intro WHERE made_on IS NULL AND dropped_on IS NULL ORDER BY id")]


def open_between(db: Database, a: int, b: int) -> Intro | None:
    """The open proposal between two contacts (in either order), if there is one."""
    row = db.row(
        f"SELECT {COLUMNS} FROM intro WHERE made_on IS NULL AND dropped_on IS NULL "
        "AND ((a_id = ? AND b_id = ?) OR (a_id = ? AND b_id = ?)) ORDER BY id", (a, b, b, a))
    return _intro(row) if row else None


def pairs(db: Database) -> set[frozenset[int]]:
    """Every pair of contacts introduced or proposed to each other, whatever came of it."""
    return {frozenset((int(a), int(b))) for a, b in db.rows("SELECT a_id, b_id FROM intro")}


def add(db: Database, intro: Intro, *, keep_id: bool = False) -> int:
    """Store an introduction (under its own id with `keep_id`); returns its id."""
    values = (intro.a, intro.b, intro.proposed_on.isoformat(), _iso(intro.a_agreed_on),
              _iso(intro.b_agreed_on), _iso(intro.made_on), _iso(intro.dropped_on),
              checked_text("the note", intro.note), checked_text("the outcome", intro.outcome))
    if not keep_id:
        return db.insert(
            "INSERT INTO intro (a_id, b_id, proposed_on, a_agreed_on, b_agreed_on, made_on, "
            "dropped_on, note, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
    limits.whole("an introduction's id", intro.id)
    db.run(f"INSERT INTO intro ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           (intro.id, *values))
    if db.backend == "postgresql":
        db.value("SELECT setval(pg_get_serial_sequence('intro', 'id'), "
                 "(SELECT MAX(id) FROM intro))")
    return intro.id


def agree(db: Database, intro: Intro, side: int, day: date) -> None:
    column = "a_agreed_on" if side == intro.a else "b_agreed_on"
    db.run(f"UPDATE intro SET {column} = ? WHERE id = ?", (day.isoformat(), intro.id))


def made(db: Database, intro: Intro, day: date) -> None:
    db.run("UPDATE intro SET made_on = ? WHERE id = ?", (day.isoformat(), intro.id))


def drop(db: Database, intro: Intro, day: date) -> None:
    db.run("UPDATE intro SET dropped_on = ? WHERE id = ?", (day.isoformat(), intro.id))


def set_outcome(db: Database, intro: Intro, text: str) -> None:
    db.run("UPDATE intro SET outcome = ? WHERE id = ?",
           (checked_text("the outcome", text), intro.id))


def stale(db: Database, before: date) -> list[Intro]:
    """Open proposals made before that day."""
    return [_intro(row) for row in db.rows(
        f"SELECT {COLUMNS} FROM intro WHERE made_on IS NULL AND dropped_on IS NULL "
        "AND proposed_on < ? ORDER BY id", (before.isoformat(),))]
