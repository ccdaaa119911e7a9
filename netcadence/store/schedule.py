"""The stored schedule: the engine's result for each contact, rewritten on every change."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from netcadence.engine.schedule import (
    ENGINE_VERSION,
    Cadence,
    Pause,
    Snooze,
    Touch,
    compute_schedule,
)
from netcadence.store import cadences as cadence_store
from netcadence.store.db import Database

CHUNK = 500
TOUCHES = 20000  # at most this many touches in memory when refreshing everyone


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _everyone(db: Database) -> Iterator[list[int]]:
    """All contacts, in chunks small enough that one chunk's touches fit in memory at once."""
    counts = dict(db.rows("SELECT contact_id, COUNT(*) FROM touch GROUP BY contact_id"))
    batch: list[int] = []
    touches = 0
    for (cid,) in db.rows("SELECT id FROM contact ORDER BY id"):
        if batch and (len(batch) == CHUNK or touches + counts.get(cid, 0) > TOUCHES):
            yield batch
            batch, touches = [], 0
        batch.append(cid)
        touches += counts.get(cid, 0)
    if batch:
        yield batch


def _stored(text: str) -> date:
    """A date netcadence itself wrote (ISO text): read without the user-input parser."""
    return date.fromisoformat(text)


def _day(text: str | None) -> date | None:
    return _stored(text) if text else None


def pause_windows(db: Database, contact_id: int | None = None) -> list[Pause]:
    """Vacations (every contact), plus one contact's own pauses when asked for."""
    if contact_id is None:
        rows = db.rows("SELECT started_on, until, ended_on FROM pause WHERE contact_id IS NULL")
    else:
        rows = db.rows(
            "SELECT started_on, until, ended_on FROM pause WHERE contact_id = ?", (contact_id,)
        )
    return [Pause(_stored(s), _day(ended or until)) for s, until, ended in rows]


def refresh(
    db: Database,
    today: date,
    ids: Iterable[int] | None = None,
    *,
    enroll: dict[int, date] | None = None,
) -> None:
    """Recompute and store the schedule of the given contacts (all when ids is None).

    A contact whose applicable cadence changes is enrolled today, unless `enroll`
    names its enrollment date.
    """
    enroll = enroll or {}
    cadences = cadence_store.load_cadences(db)
    defaults = cadence_store.tag_defaults(db)
    vacations = pause_windows(db)
    batches = _chunks(sorted(set(ids))) if ids is not None else _everyone(db)
    for batch in batches:
        _refresh_batch(db, today, batch, cadences, defaults, vacations, enroll)
    if ids is None:
        _stamp_engine_version(db)


def _refresh_batch(db, today, batch, cadences, defaults, vacations, enroll) -> None:
    where, params = ("", ()) if batch is None else (
        f" WHERE contact_id IN ({','.join('?' * len(batch))})", tuple(batch)
    )
    touches: dict[int, list[Touch]] = {}
    for contact_id, day, direction, channel in db.rows(
        "SELECT contact_id, touched_on, direction, channel FROM touch" + where, params
    ):
        touches.setdefault(contact_id, []).append(Touch(_stored(day), direction, channel))
    tags: dict[int, list[str]] = {}
    for contact_id, tag_key in db.rows(
        "SELECT contact_id, tag_key FROM contact_tag" + where, params
    ):
        tags.setdefault(contact_id, []).append(tag_key)
    pauses: dict[int, list[Pause]] = {}
    for contact_id, s, until, ended in db.rows(
        "SELECT contact_id, started_on, until, ended_on FROM pause"
        + (where or " WHERE contact_id IS NOT NULL"), params
    ):
        if contact_id is not None:
            pauses.setdefault(contact_id, []).append(Pause(_stored(s), _day(ended or until)))
    contact_where = "" if batch is None else where.replace("contact_id", "id")
    updates = []
    for (contact_id, mode, cadence_id, inline, enrolled, snooze_until, snoozed_on,
         old_label) in db.rows(
        "SELECT id, cadence_mode, cadence_id, cadence_inline, enrolled_on, snooze_until, "
        "snoozed_on, cadence_label FROM contact" + contact_where, params
    ):
        own: Cadence | None = None
        if mode == "own":
            own = cadences.get(cadence_id) if cadence_id else cadence_store.inline_cadence(inline)
        cadence, _source = cadence_store.applicable(mode, own, tags.get(contact_id, []), defaults)
        label = cadence.name if cadence else None
        enrolled_on = _day(enrolled)
        if contact_id in enroll:
            enrolled_on = enroll[contact_id]
        elif label != old_label:
            enrolled_on = today if label else None
        snooze = Snooze(_stored(snooze_until), _stored(snoozed_on)) if snooze_until else None
        result = compute_schedule(
            cadence, touches.get(contact_id, []), enrolled_on,
            pauses=tuple(vacations + pauses.get(contact_id, [])), snooze=snooze,
        )
        updates.append((
            label, _iso(enrolled_on), _iso(result.next_due), result.interval_days,
            result.step, result.steps, result.action, _iso(result.unresponsive_since),
            _iso(result.series_completed_on), _iso(result.last_touch), contact_id,
        ))
    db.run_many(
        "UPDATE contact SET cadence_label = ?, enrolled_on = ?, next_due = ?, due_interval = ?, "
        "due_step = ?, due_steps = ?, due_action = ?, unresponsive_since = ?, "
        "series_completed_on = ?, last_touch = ? WHERE id = ?",
        updates,
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _stamp_engine_version(db: Database) -> None:
    if db.backend == "postgresql":
        db.run(
            "INSERT INTO meta (key, value) VALUES ('engine_version', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (str(ENGINE_VERSION),)
        )
    else:
        db.run(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('engine_version', ?)",
            (str(ENGINE_VERSION),),
        )


def ensure_current(db: Database, today: date) -> None:
    """Recompute every schedule once after the engine's rules changed."""
    stamped = db.value("SELECT value FROM meta WHERE key = 'engine_version'")
    if stamped != str(ENGINE_VERSION):
        with db.write():
            refresh(db, today)
