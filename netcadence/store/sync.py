"""What sync remembers: each path it read (sync_source), the message files already read
(sync_file), and every message or occurrence already turned into a touch (sync_item).

A sync item outlives its touch (touch_id becomes NULL when the touch is removed), so
that a later sync does not bring back a touch the user removed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from netcadence.engine.sync import Plan
from netcadence.store import touches as touch_store
from netcadence.store.db import Database

CHUNK = 500
CHANNELS = {"mail": "email", "calendar": "meeting"}


def _chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def address_book(db: Database) -> dict[str, tuple[int, ...]]:
    """Every contact address (lower-cased) and the contacts that have it."""
    book: dict[str, list[int]] = {}
    for contact_id, key in db.rows(
            "SELECT contact_id, email_key FROM contact_email ORDER BY contact_id"):
        found = book.setdefault(key, [])
        if contact_id not in found:
            found.append(contact_id)
    return {key: tuple(ids) for key, ids in book.items()}


# --- the paths read -----------------------------------------------------------------


@dataclass
class SourceRecord:
    id: int | None
    path: str
    kind: str
    last_run: str | None = None
    seen: int = 0
    added: int = 0
    addresses: str | None = None
    state: dict = field(default_factory=dict)


def source(db: Database, path: str, kind: str) -> SourceRecord:
    """What the last sync of this path remembered (a blank record if it was never read)."""
    row = db.row("SELECT id, last_run, seen, added, addresses, state FROM sync_source "
                 "WHERE path = ? AND kind = ?", (path, kind))
    if row is None:
        return SourceRecord(None, path, kind)
    try:
        state = json.loads(row[5]) if row[5] else {}
    except ValueError:
        state = {}
    return SourceRecord(row[0], path, kind, row[1], int(row[2]), int(row[3]), row[4],
                        state if isinstance(state, dict) else {})


def seen_files(db: Database, source_id: int | None) -> set[str]:
    if source_id is None:
        return set()
    return {name for (name,) in db.rows("SELECT name FROM sync_file WHERE source_id = ?",
                                        (source_id,))}


def save_source(db: Database, record: SourceRecord, files: Iterable[str] = (),
                had: set[str] | frozenset[str] = frozenset()) -> None:
    """Store what this sync of the path saw, and the message files it read first."""
    state = json.dumps(record.state, sort_keys=True, separators=(",", ":"))
    values = (record.last_run, record.seen, record.added, record.addresses, state)
    if record.id is None:
        record.id = db.insert(
            "INSERT INTO sync_source (path, kind, last_run, seen, added, addresses, state) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (record.path, record.kind, *values))
    else:
        db.run("UPDATE sync_source SET last_run = ?, seen = ?, added = ?, addresses = ?, "
               "state = ? WHERE id = ?", (*values, record.id))
    new = sorted(set(files) - set(had))
    db.run_many("INSERT INTO sync_file (source_id, name) VALUES (?, ?)",
                [(record.id, name) for name in new])


def status(db: Database) -> list[dict]:
    """Each path synced, in path order: its kind (`mail` or `calendar`, as the command
    that read it) and its format (mbox, maildir, folder, eml, calendar)."""
    return [
        {"path": path, "kind": "calendar" if kind == "calendar" else "mail", "format": kind,
         "last_run": last_run, "seen": int(seen), "added": int(added)}
        for path, kind, last_run, seen, added in db.rows(
            "SELECT path, kind, last_run, seen, added FROM sync_source ORDER BY path, kind")
    ]


# --- messages and occurrences already turned into touches -----------------------------


def known_items(db: Database, kind: str, keys: Iterable[str]) -> set[tuple[str, int]]:
    """Of these keys, the (key, contact) pairs an earlier sync recorded."""
    found: set[tuple[str, int]] = set()
    for part in _chunks(sorted(set(keys))):
        found.update((key, int(cid)) for key, cid in db.rows(
            "SELECT key, contact_id FROM sync_item WHERE kind = ? "
            f"AND key IN ({', '.join('?' * len(part))})", (kind, *part)))
    return found


def joinable_touches(db: Database, kind: str, days: Iterable[tuple[int, date]]
                     ) -> dict[tuple[int, date, str], list[int]]:
    """The touches that new items join instead of adding one, on these (contact, day)
    pairs, by (contact, day, direction).

    Mail: every `email` touch (logged by hand or synced). Calendars: `meeting` touches
    synced from a calendar that no sync item claims (as after a restore from a backup).
    """
    if kind == "mail":
        where = "t.channel = 'email'"
    else:
        where = ("t.source = 'calendar' AND t.channel = 'meeting' AND NOT EXISTS "
                 "(SELECT 1 FROM sync_item i WHERE i.touch_id = t.id)")
    found: dict[tuple[int, date, str], list[int]] = {}
    pairs = sorted({(contact_id, day.isoformat()) for contact_id, day in days})
    for part in _chunks(pairs, CHUNK // 2):
        for touch_id, contact_id, day, direction in db.rows(
            "SELECT t.id, t.contact_id, t.touched_on, t.direction FROM "
            f"(VALUES {', '.join(['(?, ?)'] * len(part))}) AS v JOIN touch t "
            f"ON t.contact_id = v.column1 AND t.touched_on = v.column2 WHERE {where} "
            "ORDER BY t.id", [value for pair in part for value in pair],
        ):
            key = (int(contact_id), date.fromisoformat(day), direction)
            found.setdefault(key, []).append(int(touch_id))
    return found


def record(db: Database, kind: str, plan: Plan, *, by: str | None) -> list[int]:
    """Write the plan: its new touches (through the touch writer) and a sync item for
    every message or occurrence; the ids of the new touches, in the plan's order."""
    channel = CHANNELS[kind]
    ids = touch_store.add_many(db, [(t.contact_id, t.day, channel, t.direction, t.note, by, kind)
                                    for t in plan.touches])
    items = [(kind, key, touch.contact_id, touch.direction, touch_id)
             for touch, touch_id in zip(plan.touches, ids, strict=True) for key in touch.keys]
    items.extend((kind, item.key, item.contact_id, item.direction, touch_id)
                 for item, touch_id in plan.joined)
    db.run_many("INSERT INTO sync_item (kind, key, contact_id, direction, touch_id) "
                "VALUES (?, ?, ?, ?, ?)", items)
    return ids
