"""Job changes: what the last LinkedIn import said of each contact, and the changes since.

The one writer of linkedin_seen and job_change. An import reads linkedin_seen once,
notes what each LinkedIn record says, and writes it all at its end (inside the
import's transaction, so a dry run or an interrupted import keeps nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netcadence.engine.agenda import news_since
from netcadence.engine.jobs import JobChange, Seen, follows, noticed
from netcadence.store import limits
from netcadence.store.db import Database
from netcadence.text import clean_line, fold


@dataclass(frozen=True)
class Noticed:
    """A job change an import noticed, and which of the contact's fields followed it."""

    change: JobChange
    updates: dict[str, str]  # column → new value, for company and title that followed
    kept: dict[str, str]  # column → the user's own value, kept


class LinkedinSeen:
    """What the last LinkedIn import said of each contact, as one import updates it."""

    def __init__(self, db: Database, today: date) -> None:
        self.db = db
        self.today = today
        self.seen = {int(cid): Seen(company, title) for cid, company, title in db.rows(
            "SELECT contact_id, company, title FROM linkedin_seen")}
        self.stored = set(self.seen)
        self.changed: set[int] = set()
        self.changes: list[tuple[int, JobChange]] = []

    def observe(self, contact_id: int, fields: dict[str, str | None],
                company: str | None, title: str | None) -> Noticed | None:
        """Note what a LinkedIn record says of a contact whose company and title are now
        `fields`; a change against the last import is returned with what to update."""
        before = self.seen.get(contact_id)
        change, now = noticed(before, company, title)
        if now != before:
            self.seen[contact_id] = now
            self.changed.add(contact_id)
        if change is None:
            return None
        self.changes.append((contact_id, change))
        updates, kept = {}, {}
        for column, old, new in (("company", change.old_company, change.new_company),
                                 ("title", change.old_title, change.new_title)):
            current = fields.get(column)
            if not new or fold(old or "") == fold(new) or fold(current or "") == fold(new):
                continue
            if follows(current, old, new):
                updates[column] = new
            elif current:
                kept[column] = current
        return Noticed(change, updates, kept)

    def write(self) -> None:
        """Store what this import saw, and the changes it noticed (dated today)."""
        today = self.today.isoformat()
        fresh = sorted(self.changed - self.stored)
        again = sorted(self.changed & self.stored)
        self.db.run_many(
            "UPDATE linkedin_seen SET company = ?, title = ?, seen_on = ? WHERE contact_id = ?",
            [(self.seen[cid].company, self.seen[cid].title, today, cid) for cid in again])
        self.db.run_many(
            "INSERT INTO linkedin_seen (contact_id, company, title, seen_on) VALUES (?, ?, ?, ?)",
            [(cid, self.seen[cid].company, self.seen[cid].title, today) for cid in fresh])
        self.db.run_many(
            "INSERT INTO job_change (contact_id, changed_on, old_company, new_company, "
            "old_title, new_title) VALUES (?, ?, ?, ?, ?, ?)",
            [(cid, today, c.old_company, c.new_company, c.old_title, c.new_title)
             for cid, c in self.changes])
        self.stored |= self.changed
        self.changed.clear()
        self.changes.clear()


def add(db: Database, contact_id: int, day: date, change: JobChange) -> None:
    """One job change, as `import json` and the demo bring them."""
    def checked(what: str, value: str | None, kind: str) -> str | None:
        return limits.maybe_text(what, clean_line(value) or None, kind)

    change = JobChange(checked("old_company", change.old_company, "company"),
                       checked("new_company", change.new_company, "company"),
                       checked("old_title", change.old_title, "title"),
                       checked("new_title", change.new_title, "title"))
    db.run(
        "INSERT INTO job_change (contact_id, changed_on, old_company, new_company, old_title, "
        "new_title) VALUES (?, ?, ?, ?, ?, ?)",
        (contact_id, day.isoformat(), change.old_company, change.new_company, change.old_title,
         change.new_title))


@dataclass(frozen=True)
class Change:
    """A stored job change with its contact."""

    slug: str
    name: str
    day: str
    change: JobChange
    last_touch: str | None = None

    def as_json(self) -> dict:
        c = self.change
        return {"slug": self.slug, "name": self.name, "date": self.day,
                "old_company": c.old_company, "new_company": c.new_company,
                "old_title": c.old_title, "new_title": c.new_title, "what": c.what}


_CHANGES = (
    "SELECT c.slug, c.name, j.changed_on, j.old_company, j.new_company, j.old_title, "
    "j.new_title, c.last_touch FROM job_change j JOIN contact c ON c.id = j.contact_id "
)


def _change(row: tuple) -> Change:
    slug, name, day, old_company, new_company, old_title, new_title, last_touch = row
    return Change(slug, name, day, JobChange(old_company, new_company, old_title, new_title),
                  last_touch)


def between(db: Database, start: date, end: date) -> list[Change]:
    """Job changes noticed start..end, by date, name and slug."""
    rows = db.rows(_CHANGES + "WHERE j.changed_on >= ? AND j.changed_on <= ? AND NOT c.archived",
                   (start.isoformat(), end.isoformat()))
    return sorted((_change(row) for row in rows),
                  key=lambda c: (c.day, fold(c.name), c.slug))


def in_the_news(db: Database, today: date, where: str, params: list) -> list[Change]:
    """The latest job change of each contact within NEWS_DAYS of today and with no
    touch since, among the contacts `where` (a condition on contact c) picks."""
    first = news_since(today).isoformat()
    rows = db.rows(
        _CHANGES + "WHERE j.changed_on >= ? AND j.changed_on <= ? "
        "AND (c.last_touch IS NULL OR c.last_touch < j.changed_on) "
        f"AND {where} ORDER BY j.changed_on, j.id", [first, today.isoformat(), *params])
    latest: dict[str, Change] = {}
    for row in rows:
        found = _change(row)
        latest[found.slug] = found
    return list(latest.values())


def all_changes(db: Database) -> list[tuple[str, str, JobChange]]:
    """Every job change as (contact slug, date, change), by date, slug and id: for export."""
    rows = sorted(db.rows(
        "SELECT j.changed_on, c.slug, j.id, j.old_company, j.new_company, j.old_title, "
        "j.new_title FROM job_change j JOIN contact c ON c.id = j.contact_id"))
    return [(slug, day, JobChange(oc, nc, ot, nt)) for day, slug, _id, oc, nc, ot, nt in rows]
