"""Import of netcadence's versioned JSON: full exports and hand-written files alike.

Only contacts[].name, touches[].contact and touches[].date are required; the
rest takes the defaults of `add` and `log`. A bad entry is skipped and reported
by its path (`touches[3]: date after today`); everything else goes in.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from netcadence.dates import parse_duration
from netcadence.engine.schedule import CHANNELS, Cadence, Step
from netcadence.errors import InputError
from netcadence.io import files, jsonstream
from netcadence.io.export import FORMAT_VERSION
from netcadence.io.records import Importer, Record, clean_email
from netcadence.store import cadences as cadence_store
from netcadence.store.db import Database
from netcadence.text import fold, normalize_tag

BATCH = 5000
BULK_FROM = 20000
LOOKUP = 500  # ids or values in one IN (...) list
PERIODS = ("week", "month", "quarter")
COUNT_BY = ("contacts", "touches", "events")
DIRECTIONS = ("out", "in", "any")
_MISSING = object()
_CHANNELS = frozenset(CHANNELS)


def _touch_key(row: Any) -> tuple:
    """A stored touch as the tuple a file's touch is compared with."""
    contact_id, day, channel, direction, note, give, ask, by = row
    return (contact_id, day, channel, direction, note or "", bool(give), bool(ask), by)


class _Bad(Exception):
    """An entry that cannot be imported; the message says why."""


SECTIONS = ("cadences", "tag_defaults", "contacts", "events", "touches", "goals", "vacations")
# What a section needs imported before it: cadences are named by contacts and tag
# defaults, and touches name contacts. A section waits (the file is read again)
# until what it needs is imported or known to be absent from the file.
NEEDS = {"tag_defaults": ("cadences",), "contacts": ("cadences",), "touches": ("contacts",)}


class JsonFile:
    """A netcadence JSON file, read a piece at a time; never held whole in memory."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.encoding = files.encoding_of(path)
        self.size = os.path.getsize(os.path.expanduser(path))

    def reader(self, progress: Callable[[int], None] | None = None) -> jsonstream.Reader:
        return jsonstream.Reader(self.path, self.encoding, progress)

    def not_json(self, error: Exception) -> InputError:
        return InputError(f"{self.path!r} is not JSON ({error})")

    def not_netcadence(self) -> InputError:
        return InputError(
            f"{self.path!r} is not a netcadence JSON file: it needs a \"netcadence\": "
            f"{FORMAT_VERSION} version key at the top"
        )

    def version_error(self, version: Any) -> InputError | None:
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            return InputError(
                f"{self.path!r}: \"netcadence\": {json.dumps(version)} is not a format version")
        if version > FORMAT_VERSION:
            return InputError(
                f"{self.path!r} was written by a newer netcadence (format {version}; this one "
                f"reads up to {FORMAT_VERSION}); upgrade netcadence to import it"
            )
        return None


# --- checking values ------------------------------------------------------------------


def _day(value: Any, what: str, today: date | None = None) -> date:
    if not isinstance(value, str):
        raise _Bad(f"{what} must be a date written YYYY-MM-DD")
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise _Bad(f"{what} {value!r} is not a date (YYYY-MM-DD)") from None
    if today is not None and day > today:
        raise _Bad(f"{what} after today")
    return day


def _maybe_day(item: dict, key: str) -> date | None:
    value = item.get(key)
    return None if value is None else _day(value, key)


def _text(item: dict, key: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Bad(f"{key} must be text")
    return value


def _texts(item: dict, key: str) -> list[str]:
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(f"{key} must be a list of text")
    return value


def _flag(item: dict, key: str) -> bool:
    value = item.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _Bad(f"{key} must be true or false")
    return value


def _choice(value: Any, allowed: tuple[str, ...], what: str, default: str | None) -> str | None:
    if value is None:
        return default
    if not isinstance(value, str) or value.strip().lower() not in allowed:
        raise _Bad(f"{what} {value!r} is not one of {', '.join(allowed)}")
    return value.strip().lower()


def _duration(value: Any, what: str):
    if not isinstance(value, str):
        raise _Bad(f"{what} must be a duration such as 2w")
    try:
        return parse_duration(value)
    except InputError as error:
        raise _Bad(str(error)) from None


def _pause_rows(value: Any, what: str) -> list[tuple[str, str | None, str | None]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Bad(f"{what} must be a list")
    rows = []
    for pause in value:
        if not isinstance(pause, dict):
            raise _Bad(f"each of {what} must be an object with start, until and ended")
        start = _day(pause.get("start"), f"{what} start")
        until, ended = _maybe_day(pause, "until"), _maybe_day(pause, "ended")
        rows.append((start.isoformat(), until.isoformat() if until else None,
                     ended.isoformat() if ended else None))
    return rows


# --- the import -----------------------------------------------------------------------


class JsonImport:
    def __init__(self, importer: Importer, source: JsonFile, default_by: str | None,
                 progress: Callable[[int], None] | None = None) -> None:
        self.importer = importer
        self.db: Database = importer.db
        self.today = importer.today
        self.summary = importer.summary
        self.source = source
        self.default_by = default_by
        self.progress = progress
        self.file_names: dict[str, set[int]] = {}
        self.choices: dict[str, cadence_store.CadenceChoice] = {}
        self.events: dict[tuple[str, str], int] = {
            (name, held): eid
            for eid, name, held in self.db.rows("SELECT id, name, held_on FROM event")
        }
        self.version: Any = _MISSING
        self.present: set[str] | None = None  # the sections in the file, once read through
        self.done: set[str] = set()
        self.handlers: dict[str, Callable[[dict, str], None]] = {
            "cadences": self._cadence, "tag_defaults": self._tag_default,
            "contacts": self._contact, "events": self._event, "goals": self._goal,
            "vacations": self._vacation,
        }

    def run(self) -> None:
        """Import the sections as they come, reading the file again for any that had to wait."""
        self._read(first=True)
        assert self.present is not None
        while not self.present <= self.done:
            before = len(self.done)
            self._read(first=False)
            if len(self.done) == before:
                break
        self.importer.finish(everyone=True)

    def _read(self, first: bool) -> None:
        """One pass over the file. The first checks the whole file before raising any error."""
        seen: list[str] = []
        wrong: dict[str, InputError] = {}
        with self.source.reader(self.progress if first else None) as reader:
            try:
                for key, value in reader.top():
                    if key == "netcadence":
                        self.version = value
                        continue
                    if key not in SECTIONS:
                        continue
                    seen.append(key)
                    is_list = isinstance(value, Iterator)
                    if not is_list and value is not None:
                        wrong.setdefault(key, InputError(
                            f"{self.source.path!r}: \"{key}\" must be a list"))
                    if is_list and not wrong and self._ready(key):
                        self.done.add(key)
                        if key == "touches":
                            self._touches(value)
                        else:
                            self._each(key, self.handlers[key], value)
            except jsonstream.Syntax as error:
                raise self.source.not_json(error) from None
            except jsonstream.NotAnObject:
                raise self.source.not_netcadence() from None
        if self.version is _MISSING:
            raise self.source.not_netcadence()
        refused = self.source.version_error(self.version)
        if refused is not None:
            raise refused
        for key in SECTIONS:
            if key in wrong:
                raise wrong[key]
        self.present = set(seen)

    def _ready(self, key: str) -> bool:
        if self.version is _MISSING or self.source.version_error(self.version) is not None:
            return False
        if key in self.done:
            return False
        return all(need in self.done or (self.present is not None and need not in self.present)
                   for need in NEEDS.get(key, ()))

    def _each(self, key: str, handle: Callable[[dict, str], None], items: Iterator[Any]) -> None:
        for index, item in enumerate(items):
            path = f"{key}[{index}]"
            try:
                if not isinstance(item, dict):
                    raise _Bad("not an object")
                handle(item, path)
            except _Bad as bad:
                self.summary.skip(path, str(bad))

    def _cadence(self, item: dict, path: str) -> None:
        name = (_text(item, "name") or "").strip()
        if not name or name.lower() in ("none", "default"):
            raise _Bad("a cadence needs a name (not none or default)")
        steps = []
        raw_steps = item.get("steps") or []
        if not isinstance(raw_steps, list):
            raise _Bad("steps must be a list")
        for number, step in enumerate(raw_steps, start=1):
            if not isinstance(step, dict):
                raise _Bad(f"step {number} must be an object with an offset")
            channel = _choice(step.get("channel"), CHANNELS, f"step {number} channel", None)
            label = _text(step, "label")
            steps.append(Step(_duration(step.get("offset"), f"step {number} offset"), channel,
                              label.strip() if label and label.strip() else None))
        every = item.get("every")
        interval = _duration(every, "every") if every is not None else None
        if not steps and interval is None:
            raise _Bad("a cadence needs every, steps, or both")
        give_up = item.get("give_up_after")
        if give_up is not None and (not isinstance(give_up, int) or isinstance(give_up, bool)
                                    or give_up < 1):
            raise _Bad("give_up_after must be a whole number ≥ 1")
        cadence = Cadence(name, tuple(steps), interval, _flag(item, "stop_on_reply"), give_up)
        existing = next((c for c in cadence_store.load_cadences(self.db).values()
                         if c.name == name), None)
        if existing is None:
            cadence_store.define(self.db, cadence, replace=False)
            self.summary.count("cadences added")
        elif existing != cadence:
            raise _Bad(f"a different cadence named {name!r} exists; kept it")

    def _cadence_choice(self, text: str) -> cadence_store.CadenceChoice:
        """A cadence by name or duration, looked up once per text (cadences come first)."""
        if text not in self.choices:
            try:
                self.choices[text] = cadence_store.choose(self.db, text)
            except InputError as error:
                raise _Bad(str(error).split(";")[0]) from None
        return self.choices[text]

    def _tag_default(self, item: dict, path: str) -> None:
        tag = normalize_tag(_text(item, "tag") or "")
        wanted = _text(item, "cadence")
        if not tag or not wanted:
            raise _Bad("a tag default needs a tag and a cadence")
        choice = self._cadence_choice(wanted)
        key = fold(tag)
        row = self.db.row("SELECT cadence_id, cadence_inline FROM tag_default WHERE tag_key = ?",
                          (key,))
        if row is not None:
            if tuple(row) != (choice.cadence_id, choice.inline):
                raise _Bad(f"tag {tag!r} already has a default cadence; kept it")
            return
        self.db.run(
            "INSERT INTO tag_default (tag_key, tag, cadence_id, cadence_inline) "
            "VALUES (?, ?, ?, ?)",
            (key, tag, choice.cadence_id, choice.inline),
        )

    def _contact(self, item: dict, path: str) -> None:
        name = _text(item, "name")
        if not name or not name.strip():
            raise _Bad("no name")
        emails = []
        for email in _texts(item, "emails"):
            if clean_email(email):
                emails.append(email)
            else:
                self.summary.warn(path, f"{email!r} is not an email address; dropped")
        wanted_cadence = _text(item, "cadence")
        choice = None
        if wanted_cadence is not None and wanted_cadence.strip().lower() != "none":
            choice = self._cadence_choice(wanted_cadence)
        status = item.get("status")
        if status is not None and status not in ("active", "paused", "archived", "unresponsive"):
            raise _Bad(f"status {status!r} is not active, paused, archived or unresponsive")
        snooze = item.get("snooze")
        if snooze is not None and not isinstance(snooze, dict):
            raise _Bad("snooze must be an object with until and set_on")
        snooze_until = _day(snooze.get("until"), "snooze until") if snooze else None
        snoozed_on = _day(snooze.get("set_on"), "snooze set_on") if snooze else None
        pauses = _pause_rows(item.get("pauses"), "pauses")
        enrolled = _maybe_day(item, "enrolled")
        record = Record(
            where=path, name=name, emails=emails, phones=_texts(item, "phones"),
            company=_text(item, "company"), title=_text(item, "title"), note=_text(item, "note"),
            how=_text(item, "how"), linkedin=_text(item, "linkedin"),
            vcard_uid=_text(item, "vcard_uid"), tags=_texts(item, "tags"),
            met_on=_maybe_day(item, "met"), slug=_text(item, "slug"),
            created_on=_maybe_day(item, "created"), archived=status == "archived",
        )
        before = self.summary.created
        cid = self.importer.add(record)
        if cid is None:
            return
        created = self.summary.created > before
        if snooze_until is not None or pauses or (wanted_cadence is not None and choice is None):
            self.importer.flush()  # written below by the contact's id
        known = self.importer.known[cid]
        self.file_names.setdefault(fold(record.name or ""), set()).add(cid)
        if wanted_cadence is not None and (
            created or (known.cadence_mode == "tag" and not known.cadence_label)
        ):
            if choice is None:
                cadence_store.assign(self.db, cid, "none")
                known.cadence_mode = "none"
                if enrolled is not None:
                    self.importer.enroll[cid] = enrolled
                else:
                    self.importer.enroll.pop(cid, None)
            else:
                self.importer.give_cadence(known, choice, enrolled or self.today)
        elif created and enrolled is not None:
            self.importer.enroll[cid] = enrolled
        changed = False
        if snooze_until is not None and (created or not self.db.value(
                "SELECT snooze_until FROM contact WHERE id = ?", (cid,))):
            self.db.run("UPDATE contact SET snooze_until = ?, snoozed_on = ? WHERE id = ?",
                        (snooze_until.isoformat(), snoozed_on.isoformat() if snoozed_on else
                         self.today.isoformat(), cid))
            changed = True
        changed |= self._add_pauses(cid, pauses)
        if changed and not created:
            self._count_as_updated()

    def _count_as_updated(self) -> None:
        """A matched contact that only gained a snooze or a pause counts as updated."""
        if self.summary.unchanged:
            self.summary.unchanged -= 1
            self.summary.updated += 1

    def _add_pauses(self, contact_id: int | None, pauses: list[tuple]) -> bool:
        if not pauses:
            return False
        if contact_id is None:
            have = set(self.db.rows(
                "SELECT started_on, until, ended_on FROM pause WHERE contact_id IS NULL"))
        else:
            have = set(self.db.rows(
                "SELECT started_on, until, ended_on FROM pause WHERE contact_id = ?",
                (contact_id,)))
        added = False
        for pause in pauses:
            if tuple(pause) in have:
                continue
            have.add(tuple(pause))
            self.db.run(
                "INSERT INTO pause (contact_id, started_on, until, ended_on) VALUES (?, ?, ?, ?)",
                (contact_id, *pause),
            )
            added = True
        return added

    def _event(self, item: dict, path: str) -> None:
        self._event_id(item, None)

    def _event_id(self, item: Any, day: date | None) -> int:
        if isinstance(item, str):
            name, held = item, day
        elif isinstance(item, dict):
            name = _text(item, "name") or ""
            held = _day(item.get("date"), "event date") if item.get("date") is not None else day
        else:
            raise _Bad("event must be a name or an object with name and date")
        name = " ".join(name.split())
        if not name or held is None:
            raise _Bad("an event needs a name and a date")
        key = (name, held.isoformat())
        if key not in self.events:
            self.events[key] = self.db.insert(
                "INSERT INTO event (name, held_on) VALUES (?, ?)", key)
            self.summary.count("events added")
        return self.events[key]

    # --- touches, in batches ----------------------------------------------------------

    def _touches(self, items: Iterator[Any]) -> None:
        """Touches a batch at a time: memory holds one batch, however many the file has."""
        self.importer.flush()  # touches name their contacts by id
        batch: list[Any] = []
        first = -1
        self.added = self.already = self.without_id = 0
        # A touch without an id takes the next id after the highest of the database and
        # the file, as if inserted last: `base` + its number, while no later touch claims
        # an id above `base`; else they all move below zero and are numbered at the end.
        self.base: int | None = -1
        self.dropped: list[tuple[str, bool]] | None = None
        for index, item in enumerate(items):
            if not batch:
                first = index
            batch.append(item)
            if len(batch) == BATCH:
                self._touch_batch(first, batch)
                batch = []
        if first < 0:
            return
        self._touch_batch(first, batch)
        self._restore_indexes()
        if self.base is None:
            # Touches without an id were moved below zero when a later touch claimed an
            # id after theirs; they take the ids after the highest one, in file order.
            top = self.db.value("SELECT COALESCE(MAX(id), 0) FROM touch")
            self.db.run("UPDATE touch SET id = ? - id WHERE id < 0", (top,))
        if self.db.backend == "postgresql":
            self.db.value("SELECT setval(pg_get_serial_sequence('touch', 'id'), "
                          "(SELECT COALESCE(MAX(id), 1) FROM touch))")
        self.summary.count("touches added", self.added)
        if self.already:
            self.summary.count("touches already there", self.already)

    def _touch_batch(self, first: int, items: list[Any]) -> None:
        today = self.today
        rows: list[tuple[int | None, tuple, tuple]] = []
        for offset, item in enumerate(items):
            try:
                if not isinstance(item, dict):
                    raise _Bad("not an object")
                rows.append(self._touch_row(item, today))
            except _Bad as bad:
                self.summary.skip(f"touches[{first + offset}]", str(bad))
        self._make_room(rows)
        stored = self._stored_by_id([tid for tid, _, _ in rows if tid is not None])
        twice = {tid for tid, times in Counter(tid for tid, _, _ in rows).items()
                 if tid is not None and times > 1}
        checked = [key for tid, key, _ in rows if tid is None or tid in stored or tid in twice]
        if not checked:  # new touches with ids of their own, as in a full export
            self._insert([(tid, *key, *extra) for tid, key, extra in rows], first, items)
            return
        keys = self._stored_keys(checked)
        new: list[tuple] = []
        for tid, key, extra in rows:
            if tid is not None and tid in stored:
                if stored[tid] == key or key in keys:
                    self.already += 1
                    continue
                tid = None
            elif tid is None and key in keys:
                self.already += 1
                continue
            keys.add(key)
            if tid is None:
                self.without_id += 1
                tid = self.without_id + self.base if self.base is not None else -self.without_id
            else:
                stored[tid] = key
            new.append((tid, *key, *extra))
        self._insert(new, first, items)

    def _insert(self, new: list[tuple], first: int, items: list[Any]) -> None:
        self.added += len(new)
        new.sort()  # in id order, SQLite appends to its table instead of splitting pages
        if self.dropped is None and first + len(items) >= BULK_FROM:
            self._drop_indexes()
        self.db.run_many(
            "INSERT INTO touch (id, contact_id, touched_on, channel, direction, note, give, ask, "
            "logged_by, event_id, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new)

    def _make_room(self, rows: list[tuple[int | None, tuple, tuple]]) -> None:
        """Keep the ids after `base` free for touches without one, or give up on that."""
        claimed = max((tid for tid, _, _ in rows if tid is not None), default=0)
        if self.base == -1 and any(tid is None for tid, _, _ in rows):
            self.base = max(claimed, self.db.value("SELECT COALESCE(MAX(id), 0) FROM touch"))
        elif self.base is not None and self.base >= 0 and claimed > self.base:
            if self.without_id:
                self.db.run("UPDATE touch SET id = ? - id WHERE id > ?", (self.base, self.base))
                self.base = None
            else:
                self.base = -1

    def _stored_by_id(self, ids: list[int]) -> dict[int, tuple]:
        """The touches the database holds under these ids, as comparable keys."""
        found: dict[int, tuple] = {}
        for start in range(0, len(ids), LOOKUP):
            part = ids[start:start + LOOKUP]
            for tid, *key in self.db.rows(
                "SELECT id, contact_id, touched_on, channel, direction, note, give, ask, "
                f"logged_by FROM touch WHERE id IN ({', '.join('?' * len(part))})", part
            ):
                found[tid] = _touch_key(key)
        return found

    def _stored_keys(self, keys: list[tuple]) -> set[tuple]:
        """Of the touches on these contacts and days, those the database holds."""
        pairs = sorted({(key[0], key[1]) for key in keys})
        if not pairs:
            return set()
        self._restore_indexes(lookups=True)
        found: set[tuple] = set()
        for start in range(0, len(pairs), LOOKUP // 2):
            part = pairs[start:start + LOOKUP // 2]
            for key in self.db.rows(
                "SELECT t.contact_id, t.touched_on, t.channel, t.direction, t.note, t.give, "
                f"t.ask, t.logged_by FROM (VALUES {', '.join(['(?, ?)'] * len(part))}) AS v "
                "JOIN touch t ON t.contact_id = v.column1 AND t.touched_on = v.column2",
                [value for pair in part for value in pair],
            ):
                found.add(_touch_key(key))
        return found

    def _drop_indexes(self) -> None:
        """Many touches into SQLite: its touch indexes are rebuilt once at the end, not per row.

        The indexes are recreated from their own stored definitions, inside the
        import's transaction, so a failure leaves them exactly as they were.
        """
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

    def _restore_indexes(self, lookups: bool = False) -> None:
        """Recreate the dropped indexes, or (lookups) the one that finds a contact's day."""
        kept = []
        for sql, finds_a_day in self.dropped or []:
            if lookups and not finds_a_day:
                kept.append((sql, finds_a_day))
            else:
                self.db.run(sql)
        if self.dropped is not None:
            self.dropped = kept

    def _touch_row(self, item: dict, today: date) -> tuple[int | None, tuple, tuple]:
        """One touch checked and given the defaults of `log`; written for speed (many of them)."""
        get = item.get
        tid = get("id")
        if tid is not None and (type(tid) is not int or tid < 1):
            raise _Bad("id must be a whole number ≥ 1")
        who = get("contact")
        contact_id = self.importer.by_slug.get(who) if type(who) is str else None
        if contact_id is None:
            if not isinstance(who, str) or not who.strip():
                raise _Bad("no contact (a slug or a name)")
            contact_id = self._contact_id(who.strip())
        day = get("date")
        if type(day) is str and len(day) == 10:
            try:
                when = date.fromisoformat(day)
            except ValueError:
                when = _day(day, "date", today)
            if when > today:
                raise _Bad("date after today")
        else:
            when = _day(day, "date", today)
            day = when.isoformat()
        channel = get("channel")
        if channel not in _CHANNELS:
            channel = _choice(channel, CHANNELS, "channel", "other")
        direction = get("direction")
        if direction != "out" and direction != "in":
            direction = _choice(direction, ("out", "in"), "direction", "out")
        note = get("note")
        if type(note) is not str:
            if note is not None:
                raise _Bad("note must be text")
            note = ""
        by = get("by", _MISSING)
        if by is _MISSING:
            by = self.default_by
        elif by is not None and type(by) is not str:
            raise _Bad("by must be text or null")
        give, ask = get("give", False), get("ask", False)
        if give is not True and give is not False:
            give = _flag(item, "give")
        if ask is not True and ask is not False:
            ask = _flag(item, "ask")
        event = get("event")
        event_id = self._event_id(event, when) if event is not None else None
        source = get("source")
        if source is not None and source not in ("mail", "calendar"):
            raise _Bad("source must be mail, calendar or null")
        return tid, (contact_id, day, channel, direction, note, give, ask, by), (event_id, source)

    def _contact_id(self, text: str) -> int:
        importer = self.importer
        found = importer.by_slug.get(text)
        if found is not None:
            return found
        key = fold(text)
        for ids in (self.file_names.get(key), importer.by_name.get(key)):
            if ids and len(ids) == 1:
                return next(iter(ids))
            if ids:
                slugs = sorted(importer.known[i].slug for i in ids)
                raise _Bad(f"contact {text!r} is ambiguous ({', '.join(slugs)}); give a slug")
        found = importer.by_email.get(text.lower())
        if found is not None:
            return found
        raise _Bad(f"no contact {text!r} in the file or the database")

    # --- goals and vacations ----------------------------------------------------------

    def _goal(self, item: dict, path: str) -> None:
        name = " ".join((_text(item, "name") or "").split())
        if not name:
            raise _Bad("a goal needs a name")
        period = _choice(item.get("period"), PERIODS, "period", None)
        if period is None:
            raise _Bad("a goal needs a period: week, month or quarter")
        target = item.get("target")
        if not isinstance(target, int) or isinstance(target, bool) or target < 1:
            raise _Bad("target must be a whole number ≥ 1")
        tag = _text(item, "tag")
        tag = normalize_tag(tag) if tag and tag.strip() else None
        values = (period, target, tag, _choice(item.get("channel"), CHANNELS, "channel", None),
                  _choice(item.get("direction"), DIRECTIONS, "direction", "out"),
                  _choice(item.get("count_by"), COUNT_BY, "count_by", "contacts"))
        row = self.db.row(
            "SELECT period, target, tag, channel, direction, count_by FROM goal WHERE name = ?",
            (name,))
        if row is not None:
            if tuple(row) != values:
                raise _Bad(f"a different goal named {name!r} exists; kept it")
            return
        self.db.run(
            "INSERT INTO goal (name, period, target, tag, channel, direction, count_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (name, *values))
        self.summary.count("goals added")

    def _vacation(self, item: dict, path: str) -> None:
        if self._add_pauses(None, _pause_rows([item], "vacation")):
            self.summary.count("vacations added")
