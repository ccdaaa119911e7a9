"""Import of netcadence's versioned JSON: full exports and hand-written files alike.

Only contacts[].name, touches[].contact and touches[].date are required; the
rest takes the defaults of `add` and `log`. A bad entry is skipped and reported
by its path (`touches[3]: date after today`); everything else goes in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from netcadence.dates import parse_duration
from netcadence.engine.schedule import CHANNELS, Cadence, Step
from netcadence.errors import InputError
from netcadence.io.export import FORMAT_VERSION
from netcadence.io.files import read_text
from netcadence.io.records import Importer, Record, clean_email
from netcadence.store import cadences as cadence_store
from netcadence.store.db import Database
from netcadence.text import fold, normalize_tag

BATCH = 5000
BULK_FROM = 20000
PERIODS = ("week", "month", "quarter")
COUNT_BY = ("contacts", "touches", "events")
DIRECTIONS = ("out", "in", "any")
_MISSING = object()
_CHANNELS = frozenset(CHANNELS)


class _Bad(Exception):
    """An entry that cannot be imported; the message says why."""


def load(path: str) -> dict[str, Any]:
    """The file's document, after checking it is netcadence JSON of a version we read."""
    text = read_text(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path!r} is not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    if not isinstance(doc, dict) or "netcadence" not in doc:
        raise InputError(
            f"{path!r} is not a netcadence JSON file: it needs a \"netcadence\": "
            f"{FORMAT_VERSION} version key at the top"
        )
    version = doc["netcadence"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(f"{path!r}: \"netcadence\": {json.dumps(version)} is not a format version")
    if version > FORMAT_VERSION:
        raise InputError(
            f"{path!r} was written by a newer netcadence (format {version}; this one reads "
            f"up to {FORMAT_VERSION}); upgrade netcadence to import it"
        )
    for key in ("cadences", "tag_defaults", "contacts", "events", "touches", "goals", "vacations"):
        if doc.get(key) is not None and not isinstance(doc[key], list):
            raise InputError(f"{path!r}: \"{key}\" must be a list")
    return doc


def size(doc: dict[str, Any]) -> int:
    return sum(len(doc.get(key) or []) for key in ("contacts", "touches"))


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
    def __init__(self, importer: Importer, doc: dict[str, Any], default_by: str | None,
                 progress: Callable[[int], None] | None = None) -> None:
        self.importer = importer
        self.db: Database = importer.db
        self.today = importer.today
        self.summary = importer.summary
        self.doc = doc
        self.default_by = default_by
        self.progress = progress or (lambda n: None)
        self.file_names: dict[str, set[int]] = {}
        self.choices: dict[str, cadence_store.CadenceChoice] = {}
        self.events: dict[tuple[str, str], int] = {
            (name, held): eid
            for eid, name, held in self.db.rows("SELECT id, name, held_on FROM event")
        }

    def run(self) -> None:
        self._each("cadences", self._cadence)
        self._each("tag_defaults", self._tag_default)
        self._each("contacts", self._contact, progress=True)
        self._each("events", self._event)
        self._touches()
        self._each("goals", self._goal)
        self._each("vacations", self._vacation)
        self.importer.finish(everyone=True)

    def _each(self, key: str, handle: Callable[[dict, str], None], progress: bool = False) -> None:
        for index, item in enumerate(self.doc.get(key) or []):
            path = f"{key}[{index}]"
            try:
                if not isinstance(item, dict):
                    raise _Bad("not an object")
                handle(item, path)
            except _Bad as bad:
                self.summary.skip(path, str(bad))
            if progress:
                self.progress(1)

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

    def _touches(self) -> None:
        items = self.doc.get("touches") or []
        if not items:
            return
        existing: dict[int, tuple] = {}
        keys: set[tuple] = set()
        for tid, *rest in self.db.rows(
            "SELECT id, contact_id, touched_on, channel, direction, note, give, ask, logged_by "
            "FROM touch"
        ):
            key = (rest[0], rest[1], rest[2], rest[3], rest[4] or "", bool(rest[5]),
                   bool(rest[6]), rest[7])
            existing[tid] = key
            keys.add(key)
        with_id: list[tuple] = []
        without_id: list[tuple] = []
        added = already = 0
        today = self.today
        for index, item in enumerate(items):
            try:
                if not isinstance(item, dict):
                    raise _Bad("not an object")
                row = self._touch_row(item, today)
            except _Bad as bad:
                self.summary.skip(f"touches[{index}]", str(bad))
                self.progress(1)
                continue
            tid, key, event_id = row
            if tid is not None and tid in existing:
                if existing[tid] == key or key in keys:
                    already += 1
                    self.progress(1)
                    continue
                tid = None
            elif tid is None and key in keys:
                already += 1
                self.progress(1)
                continue
            keys.add(key)
            if tid is not None:
                existing[tid] = key
                with_id.append((tid, *key, event_id))
            else:
                without_id.append((*key, event_id))
            added += 1
            self.progress(1)
        with_id.sort()
        with self._bulk(len(with_id) + len(without_id)):
            for start in range(0, len(with_id), BATCH):
                self._flush(with_id[start:start + BATCH], [])
            for start in range(0, len(without_id), BATCH):
                self._flush([], without_id[start:start + BATCH])
        if self.db.backend == "postgresql":
            self.db.value("SELECT setval(pg_get_serial_sequence('touch', 'id'), "
                          "(SELECT COALESCE(MAX(id), 1) FROM touch))")
        self.summary.count("touches added", added)
        if already:
            self.summary.count("touches already there", already)

    @contextmanager
    def _bulk(self, count: int) -> Iterator[None]:
        """Many touches into SQLite: its touch indexes are rebuilt once at the end, not per row.

        The indexes are recreated from their own stored definitions, inside the
        import's transaction, so a failure leaves them exactly as they were.
        """
        if self.db.backend != "sqlite" or count < BULK_FROM:
            yield
            return
        indexes = self.db.rows(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'touch' "
            "AND sql IS NOT NULL"
        )
        for name, _ in indexes:
            self.db.run(f'DROP INDEX "{name}"')
        yield
        for _, sql in indexes:
            self.db.run(sql)

    def _flush(self, with_id: list[tuple], without_id: list[tuple]) -> None:
        columns = "contact_id, touched_on, channel, direction, note, give, ask, logged_by, event_id"
        self.db.run_many(f"INSERT INTO touch (id, {columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         with_id)
        self.db.run_many(f"INSERT INTO touch ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         without_id)

    def _touch_row(self, item: dict, today: date) -> tuple[int | None, tuple, int | None]:
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
        return tid, (contact_id, day, channel, direction, note, give, ask, by), event_id

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
