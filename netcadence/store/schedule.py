"""The stored schedule: the engine's result for each contact, rewritten on every change."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from netcadence.engine.schedule import (
    Cadence,
    Pause,
    Schedule,
    Snooze,
    Touch,
    compute_schedule,
)
from netcadence.errors import InputError
from netcadence.store import cadences as cadence_store
from netcadence.store import freshness
from netcadence.store.db import Database

TYPE_CHECKING = False
if TYPE_CHECKING:
    from netcadence.engine.strength import StrengthTouch

CHUNK = 500
TOUCHES = 20000  # at most this many touches in memory when refreshing everyone


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _everyone(db: Database, as_of: date | None = None) -> Iterator[list[int]]:
    """All contacts (with `as_of`: those created by then and not archived), in chunks
    small enough that one chunk's touches fit in memory at once."""
    counts = dict(db.rows("SELECT contact_id, COUNT(*) FROM touch GROUP BY contact_id"))
    batch: list[int] = []
    touches = 0
    which = "" if as_of is None else " WHERE created_on <= ? AND NOT archived"
    for (cid,) in db.rows(f"SELECT id FROM contact{which} ORDER BY id",
                          () if as_of is None else (as_of.isoformat(),)):
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


def pause_windows(db: Database, as_of: date | None = None) -> list[Pause]:
    """Vacations (every contact), as they stood at the end of `as_of` when given."""
    rows = db.rows("SELECT started_on, until, ended_on FROM pause WHERE contact_id IS NULL")
    return [p for p in (_pause(s, until, ended, as_of) for s, until, ended in rows) if p]


def _pause(started: str, until: str | None, ended: str | None, as_of: date | None) -> Pause | None:
    """A stored pause; with `as_of`, as it stood at the end of that day: None if it had
    not begun, and still open (or running to its planned end) if it was ended later."""
    start = _stored(started)
    if as_of is None:
        return Pause(start, _day(ended or until))
    if start > as_of:
        return None
    return Pause(start, _stored(ended) if ended and _stored(ended) <= as_of else _day(until))


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
        freshness.stamp(db)


def _refresh_batch(db, today, batch, cadences, defaults, vacations, enroll) -> None:
    from netcadence.engine import strength  # loaded when a schedule is computed, not by `due`

    updates = []
    changes = []
    for contact_id, cadence, old_label, enrolled_on, recorded in _inputs(
        db, batch, cadences, defaults
    ):
        label = cadence.name if cadence else None
        stored = enrolled_on
        if contact_id in enroll:
            enrolled_on = enroll[contact_id]
        elif label != old_label:
            enrolled_on = today if label else None
        if (label, enrolled_on) != (old_label, stored):
            changes.append((contact_id, old_label, stored, label, enrolled_on))
        result = compute_schedule(cadence, recorded.touches, enrolled_on,
                                  pauses=(*vacations, *recorded.paused), snooze=recorded.snooze)
        strength_base, _last = strength.base(recorded.weighed)
        updates.append((
            label, _iso(enrolled_on), _iso(result.next_due), result.interval_days,
            result.step, result.steps, result.action, _iso(result.unresponsive_since),
            _iso(result.series_completed_on), _iso(result.last_touch), strength_base,
            contact_id,
        ))
    db.run_many(
        "UPDATE contact SET cadence_label = ?, enrolled_on = ?, next_due = ?, due_interval = ?, "
        "due_step = ?, due_steps = ?, due_action = ?, unresponsive_since = ?, "
        "series_completed_on = ?, last_touch = ?, strength_base = ? WHERE id = ?",
        updates,
    )
    _record_enrollments(db, today, changes)


def _record_enrollments(db: Database, today: date, changes: list[tuple]) -> None:
    """A row for each change of enrollment, recorded today. A contact's first row is
    preceded by the enrollment it had until then (as recorded on its enrollment day),
    which a database from before enrollments were kept holds nowhere else."""
    if not changes:
        return
    ids = [change[0] for change in changes]
    kept = {cid for (cid,) in db.rows(
        f"SELECT DISTINCT contact_id FROM enrollment WHERE contact_id IN ({_marks(ids)})", ids
    )}
    rows = []
    for contact_id, old_label, old_enrolled, label, enrolled_on in changes:
        if contact_id not in kept and old_label and old_enrolled:
            rows.append((contact_id, old_label, _iso(old_enrolled), _iso(old_enrolled)))
        rows.append((contact_id, label, _iso(enrolled_on), _iso(today)))
    db.run_many(
        "INSERT INTO enrollment (contact_id, cadence, enrolled_on, recorded_on) "
        "VALUES (?, ?, ?, ?)", rows,
    )


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def schedules_as_of(
    db: Database, day: date,
) -> Iterator[tuple[int, Cadence, Schedule, bool]]:
    """Each contact's schedule as it stood at the end of `day`, from what was recorded
    up to then (touches on or before it; pauses, vacations and the snooze as they were
    that day), and whether the contact was paused that day.

    Contacts enrolled in their cadence after that day, or without one, are left out
    (an earlier enrollment is not kept), as are archived ones (when a contact was
    archived is not kept either)."""
    cadences = cadence_store.load_cadences(db)
    defaults = cadence_store.tag_defaults(db)
    vacations = pause_windows(db, day)
    for batch in _everyone(db, day):
        for contact_id, cadence, _label, enrolled_on, recorded in _inputs(
            db, batch, cadences, defaults, day
        ):
            if cadence is None or enrolled_on is None or enrolled_on > day:
                continue
            found = compute_schedule(cadence, recorded.touches, enrolled_on,
                                     pauses=(*vacations, *recorded.paused), snooze=recorded.snooze)
            yield contact_id, cadence, found, any(p.in_force(day) for p in recorded.paused)


@dataclass
class _Recorded:
    """What the engine reads of one contact besides its cadence and the vacations."""

    touches: list[Touch] = field(default_factory=list)
    paused: list[Pause] = field(default_factory=list)  # the contact's own pauses
    snooze: Snooze | None = None
    weighed: list[StrengthTouch] = field(default_factory=list)  # for its strength


def _inputs(
    db: Database, batch: list[int], cadences: dict[int, Cadence],
    defaults: dict[str, Cadence], as_of: date | None = None,
) -> Iterator[tuple[int, Cadence | None, str | None, date | None, _Recorded]]:
    """Each contact of the batch: its id, the cadence that applies, the cadence label
    stored, its enrollment date, and what was recorded; with `as_of`, all of it as it
    was at the end of that day (the cadence and enrollment date as recorded then)."""
    from netcadence.engine.strength import StrengthTouch

    where = f" WHERE contact_id IN ({_marks(batch)})"
    params: tuple = tuple(batch)
    recorded: dict[int, _Recorded] = {cid: _Recorded() for cid in batch}
    until = ("", ()) if as_of is None else (" AND touched_on <= ?", (as_of.isoformat(),))
    for contact_id, day, direction, channel, give in db.rows(
        "SELECT contact_id, touched_on, direction, channel, give FROM touch" + where + until[0],
        params + until[1],
    ):
        found = recorded[contact_id]
        on = _stored(day)
        found.touches.append(Touch(on, direction, channel))
        found.weighed.append(StrengthTouch(on, direction, channel, bool(give)))
    tags: dict[int, list[str]] = {}
    for contact_id, tag_key in db.rows(
        "SELECT contact_id, tag_key FROM contact_tag" + where, params
    ):
        tags.setdefault(contact_id, []).append(tag_key)
    for contact_id, s, until_day, ended in db.rows(
        "SELECT contact_id, started_on, until, ended_on FROM pause" + where, params
    ):
        pause = _pause(s, until_day, ended, as_of)
        if pause:
            recorded[contact_id].paused.append(pause)
    enrollments = {} if as_of is None else _enrollments_then(db, where, params, as_of, cadences)
    for (contact_id, mode, cadence_id, inline, enrolled, snooze_until, snoozed_on,
         old_label) in db.rows(
        "SELECT id, cadence_mode, cadence_id, cadence_inline, enrolled_on, snooze_until, "
        "snoozed_on, cadence_label FROM contact" + where.replace("contact_id", "id"), params
    ):
        own: Cadence | None = None
        if mode == "own":
            own = cadences.get(cadence_id) if cadence_id else cadence_store.inline_cadence(inline)
        cadence, _source = cadence_store.applicable(mode, own, tags.get(contact_id, []), defaults)
        found = recorded[contact_id]
        if snooze_until and (as_of is None or _stored(snoozed_on) <= as_of):
            found.snooze = Snooze(_stored(snooze_until), _stored(snoozed_on))
        enrolled_on = _day(enrolled)
        if as_of is not None and contact_id in enrollments:
            cadence, enrolled_on = enrollments[contact_id]
        yield contact_id, cadence, old_label, enrolled_on, found


def _enrollments_then(
    db: Database, where: str, params: tuple, day: date, cadences: dict[int, Cadence],
) -> dict[int, tuple[Cadence | None, date | None]]:
    """The cadence and enrollment date recorded last on or before `day`, for each
    contact with enrollments kept ((None, None) when none was recorded by then)."""
    named = {cadence.name: cadence for cadence in cadences.values()}
    found: dict[int, tuple[Cadence | None, date | None]] = {}
    for contact_id, label, enrolled, recorded_on in db.rows(
        "SELECT contact_id, cadence, enrolled_on, recorded_on FROM enrollment" + where
        + " ORDER BY recorded_on, id", params,
    ):
        if _stored(recorded_on) > day:
            found.setdefault(contact_id, (None, None))
            continue
        cadence = named.get(label) if label else None
        if label and cadence is None:
            try:
                cadence = cadence_store.inline_cadence(label)
            except InputError:  # a cadence removed since: not known any more
                cadence = None
        found[contact_id] = (cadence, _day(enrolled))
    return found


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
