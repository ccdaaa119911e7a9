"""Import of netcadence's versioned JSON: full exports and hand-written files alike.

Only contacts[].name, touches[].contact and touches[].date are required; the
rest takes the defaults of `add` and `log`. A bad entry is skipped and reported
by its path (`touches[3]: date after today`); everything else goes in. Every
entry is checked and written by the same store functions the commands use.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from netcadence.dates import parse_duration
from netcadence.engine.schedule import CHANNELS, Cadence, Step, parse_channel
from netcadence.errors import InputError
from netcadence.io import files, jsonstream
from netcadence.io.export import FORMAT_VERSION
from netcadence.io.records import Importer, Record, clean_email
from netcadence.store import cadences as cadence_store
from netcadence.store import limits, pauses
from netcadence.store import touches as touch_store
from netcadence.store.db import Database
from netcadence.text import fold

BATCH = 5000
BULK_FROM = 20000
_MISSING = object()
_CHANNELS = frozenset(CHANNELS)
_NOTE_MOST = limits.LENGTHS["note"]


class _Bad(Exception):
    """An entry that cannot be imported; the message says why."""


SECTIONS = ("cadences", "tag_defaults", "contacts", "events", "touches", "goals", "vacations",
            "intros", "job_changes", "settings")
# What a section needs imported before it: cadences are named by contacts, tag
# defaults and the default_cadence setting, and touches, introductions and job
# changes name contacts. A section waits (the file is read again) until what it
# needs is imported or known to be absent from the file.
NEEDS = {"tag_defaults": ("cadences",), "contacts": ("cadences",), "touches": ("contacts",),
         "settings": ("cadences",), "intros": ("contacts",), "job_changes": ("contacts",)}
OBJECTS = ("settings",)  # sections that are one object; the others are lists


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


def _channel(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return parse_channel(value)
    raise _Bad("channel must be text")


def _duration(value: Any, what: str):
    if not isinstance(value, str):
        raise _Bad(f"{what} must be a duration such as 2w")
    return parse_duration(value)


def _window(pause: Any, what: str) -> tuple:
    """A pause or a vacation, checked as `pause` checks one."""
    if not isinstance(pause, dict):
        raise _Bad(f"{what} must be an object with start, until and ended")
    return pauses.checked_window(_day(pause.get("start"), f"{what} start"),
                                 _maybe_day(pause, "until"), _maybe_day(pause, "ended"))


# --- the import -----------------------------------------------------------------------


class JsonImport:
    def __init__(self, importer: Importer, source: JsonFile, default_by: str | None,
                 progress: Callable[[int], None] | None = None) -> None:
        self.importer = importer
        self.db: Database = importer.db
        self.today = importer.today
        self.summary = importer.summary
        self.source = source
        self.default_by = touch_store.checked_by(default_by)
        self.progress = progress
        self.file_names: dict[str, set[int]] = {}
        self.choices: dict[str, cadence_store.CadenceChoice] = {}
        self.events = touch_store.events(self.db)
        self.version: Any = _MISSING
        self.present: set[str] | None = None  # the sections in the file, once read through
        self.done: set[str] = set()
        self.handlers: dict[str, Callable[[dict, str], None]] = {
            "cadences": self._cadence, "tag_defaults": self._tag_default,
            "contacts": self._contact, "events": self._event, "goals": self._goal,
            "vacations": self._vacation, "intros": self._intro, "job_changes": self._job_change,
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
                    if key in OBJECTS:
                        fits = isinstance(value, dict)
                        kind = "an object"
                    else:
                        fits = isinstance(value, Iterator)
                        kind = "a list"
                    if not fits and value is not None:
                        wrong.setdefault(key, InputError(
                            f"{self.source.path!r}: \"{key}\" must be {kind}"))
                    if fits and not wrong and self._ready(key):
                        self.done.add(key)
                        if key == "touches":
                            self._touches(value)
                        elif key == "settings":
                            self._settings(value)
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
            except (_Bad, InputError) as bad:
                self.summary.skip(path, str(bad))

    def _cadence(self, item: dict, path: str) -> None:
        steps = []
        raw_steps = item.get("steps") or []
        if not isinstance(raw_steps, list):
            raise _Bad("steps must be a list")
        for number, step in enumerate(raw_steps, start=1):
            if not isinstance(step, dict):
                raise _Bad(f"step {number} must be an object with an offset")
            channel = step.get("channel")
            steps.append(Step(_duration(step.get("offset"), f"step {number} offset"),
                              _channel(channel) if channel is not None else None,
                              _text(step, "label")))
        every = item.get("every")
        cadence = cadence_store.checked(Cadence(
            _text(item, "name") or "", tuple(steps),
            _duration(every, "every") if every is not None else None,
            _flag(item, "stop_on_reply"), item.get("give_up_after")))
        existing = next((c for c in cadence_store.load_cadences(self.db).values()
                         if c.name == cadence.name), None)
        if existing is None:
            cadence_store.define(self.db, cadence, replace=False)
            self.summary.count("cadences added")
        elif existing != cadence:
            raise _Bad(f"a different cadence named {cadence.name!r} exists; kept it")

    def _cadence_choice(self, text: str) -> cadence_store.CadenceChoice:
        """A cadence by name or duration, looked up once per text (cadences come first)."""
        if text not in self.choices:
            try:
                self.choices[text] = cadence_store.choose(self.db, text)
            except InputError as error:
                raise _Bad(str(error).split(";")[0]) from None
        return self.choices[text]

    def _tag_default(self, item: dict, path: str) -> None:
        tag, wanted = _text(item, "tag"), _text(item, "cadence")
        if not tag or not tag.strip() or not wanted:
            raise _Bad("a tag default needs a tag and a cadence")
        choice = self._cadence_choice(wanted)
        existing = cadence_store.tag_default(self.db, tag)
        if existing is None:
            cadence_store.set_tag_default(self.db, tag, choice)
        elif existing != (choice.cadence_id, choice.inline):
            raise _Bad(f"tag {tag.strip()!r} already has a default cadence; kept it")

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
        windows = self._pauses(item.get("pauses"), path)
        enrolled = _maybe_day(item, "enrolled")
        record = Record(
            where=path, name=name, emails=emails, phones=_texts(item, "phones"),
            company=_text(item, "company"), title=_text(item, "title"), note=_text(item, "note"),
            how=_text(item, "how"), linkedin=_text(item, "linkedin"),
            vcard_uid=_text(item, "vcard_uid"), tags=_texts(item, "tags"),
            met_on=_maybe_day(item, "met"), slug=_text(item, "slug"),
            created_on=_maybe_day(item, "created"), archived=status == "archived",
            birthday=_text(item, "birthday"), anniversary=_text(item, "anniversary"),
        )
        before = self.summary.created
        cid = self.importer.add(record)
        if cid is None:
            return
        created = self.summary.created > before
        if snooze_until is not None or windows or (wanted_cadence is not None and choice is None):
            self.importer.flush()  # written below by the contact's id
        known = self.importer.known[cid]
        self.file_names.setdefault(known.name_key, set()).add(cid)
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
        if snooze_until is not None and (created or not pauses.snoozed_until(self.db, cid)):
            pauses.set_snooze(self.db, cid, snooze_until, snoozed_on or self.today)
            changed = True
        changed |= self._add_pauses(cid, windows)
        if changed and not created:
            self._count_as_updated()

    def _pauses(self, value: Any, path: str) -> list[tuple]:
        """A contact's pauses; one that cannot be taken is dropped with a warning (the
        contact itself goes in)."""
        if value is None:
            return []
        if not isinstance(value, list):
            raise _Bad("pauses must be a list")
        windows = []
        for index, pause in enumerate(value):
            try:
                windows.append(_window(pause, "a pause"))
            except (_Bad, InputError) as bad:
                self.summary.warn(f"{path}.pauses[{index}]", f"{bad}; dropped")
        return windows

    def _count_as_updated(self) -> None:
        """A matched contact that only gained a snooze or a pause counts as updated."""
        if self.summary.unchanged:
            self.summary.unchanged -= 1
            self.summary.updated += 1

    def _add_pauses(self, contact_id: int | None, windows: list[tuple]) -> bool:
        if not windows:
            return False
        have = pauses.stored_windows(self.db, contact_id)
        new = [window for window in dict.fromkeys(windows) if window not in have]
        pauses.insert(self.db, contact_id, new)
        return bool(new)

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
        if held is None:
            raise _Bad("an event needs a name and a date")
        key = (touch_store.checked_event_name(name), held.isoformat())
        if key not in self.events:
            self.events[key] = touch_store.event_id(self.db, key[0], held)
            self.summary.count("events added")
        return self.events[key]

    # --- touches, in batches ----------------------------------------------------------

    def _touches(self, items: Iterator[Any]) -> None:
        """Touches a batch at a time: memory holds one batch, however many the file has."""
        self.importer.flush()  # touches name their contacts by id
        # The slugs a touch may name at once: those of the file, else of the database.
        self.slugs = {**self.importer.by_slug, **self.importer.file_slugs}
        self.by: dict[str, str | None] = {}  # each `by` of the file, checked once
        self.indexes = touch_store.Indexes(self.db)
        batch: list[Any] = []
        first = -1
        self.added = self.already = self.new_ids = 0
        # A touch whose id is absent or taken takes one after the highest id of the
        # database and the file, as if inserted last: `base` + its number while no
        # later touch claims an id above `base` (None: undecided); once one does, those
        # touches move below zero and are numbered after the highest id at the end.
        self.base: int | None = None
        self.set_aside = False
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
        if self.set_aside:
            touch_store.number_set_aside(self.db)
        self.indexes.restore()
        touch_store.follow_ids(self.db)
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
            except (_Bad, InputError) as bad:
                self.summary.skip(f"touches[{first + offset}]", str(bad))
        claimed = max((tid for tid, _, _ in rows if tid is not None), default=0)
        if self.base is not None and not self.set_aside and (
                claimed > self.base or self.base + self.new_ids + len(rows) > limits.MOST_ID):
            touch_store.set_aside_above(self.db, self.base)  # keep `base`'s promise
            self.set_aside = True
        stored = touch_store.keys_by_id(self.db, [tid for tid, _, _ in rows if tid is not None])
        twice = {tid for tid, times in Counter(tid for tid, _, _ in rows).items()
                 if tid is not None and times > 1}
        checked = [key for tid, key, _ in rows if tid is None or tid in stored or tid in twice]
        if not checked:  # new touches with ids of their own, as in a full export
            self._insert([(tid, *key, *extra) for tid, key, extra in rows], first, items)
            return
        self.indexes.restore(lookups=True)
        keys = touch_store.keys_on_days(self.db, checked)
        new: list[tuple] = []
        base = None if self.set_aside else self.base  # new ids follow it (the common case)
        for tid, key, extra in rows:
            if tid is not None and tid in stored:
                if stored[tid] == key or key in keys:
                    self.already += 1
                    continue
                tid = None  # taken by another touch
            elif tid is None and key in keys:
                self.already += 1
                continue
            keys.add(key)
            if tid is None:
                if base is not None:
                    self.new_ids += 1
                    tid = base + self.new_ids
                else:
                    tid = self._new_id(claimed, len(rows))
                    base = None if self.set_aside else self.base
            else:
                stored[tid] = key
            new.append((tid, *key, *extra))
        self._insert(new, first, items)

    def _new_id(self, claimed: int, batch: int) -> int:
        """The next id for a touch without one of its own (see _touches)."""
        self.new_ids += 1
        if self.base is None and not self.set_aside:
            self.base = max(claimed, touch_store.top_id(self.db))
            self.set_aside = self.base + batch > limits.MOST_ID  # no room after `base`
        return -self.new_ids if self.set_aside else self.base + self.new_ids

    def _insert(self, new: list[tuple], first: int, items: list[Any]) -> None:
        self.added += len(new)
        if first + len(items) >= BULK_FROM:
            self.indexes.drop()
        touch_store.insert_many(self.db, new)

    def _touch_row(self, item: dict, today: date) -> tuple[int | None, tuple, tuple]:
        """One touch checked and given the defaults of `log`; written for speed (many of them):
        the usual values pass quick tests, the others the store's own checks."""
        get = item.get
        tid = get("id")
        if tid is not None and (type(tid) is not int or not 0 < tid <= limits.MOST_ID):
            limits.whole("id", tid)
        who = get("contact")
        contact_id = self.slugs.get(who) if type(who) is str else None
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
            channel = _channel(channel)
        direction = get("direction")
        if direction != "out" and direction != "in":
            wanted = direction.strip().lower() if isinstance(direction, str) else direction
            if wanted not in ("out", "in", None):
                raise _Bad(f"direction {direction!r} is not out or in")
            direction = wanted or "out"
        note = get("note")
        if type(note) is not str:
            if note is not None:
                raise _Bad("note must be text")
            note = ""
        elif note and (len(note) > _NOTE_MOST or not note.isprintable()):
            note = touch_store.checked_note(note)
        by = get("by", _MISSING)
        if by is _MISSING:
            by = self.default_by
        elif by is not None:
            if type(by) is not str:
                raise _Bad("by must be text or null")
            checked = self.by.get(by, _MISSING)
            if checked is _MISSING:
                checked = self.by[by] = touch_store.checked_by(by)
            by = checked
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
        found = importer.file_slugs.get(text) or importer.by_slug.get(text)
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

    # --- goals, vacations and settings ------------------------------------------------

    def _goal(self, item: dict, path: str) -> None:
        from netcadence.engine.goals import make_goal
        from netcadence.store import goals as goal_store

        period = _text(item, "period")
        if period is None:
            raise _Bad("a goal needs a period: week, month or quarter")
        tag = _text(item, "tag")
        goal = make_goal(
            _text(item, "name") or "", period=period, target=item.get("target"),
            tag=tag if tag and tag.strip() else None, channel=_text(item, "channel"),
            direction=_text(item, "direction") or "out",
            count_by=_text(item, "count_by") or "contacts")
        existing = goal_store.same_name(self.db, goal.name)
        if existing is not None:
            if existing != goal:
                raise _Bad(f"a different goal named {existing.name!r} exists; kept it")
            return
        goal_store.add(self.db, goal)
        self.summary.count("goals added")

    def _vacation(self, item: dict, path: str) -> None:
        if self._add_pauses(None, [_window(item, "a vacation")]):
            self.summary.count("vacations added")

    def _settings(self, values: dict) -> None:
        """Network settings: one the database does not have is set; a different value
        already set is kept and reported, as cadences and goals are."""
        from netcadence.store import settings as settings_store

        have = settings_store.stored(self.db)
        for given, value in values.items():
            key = given.strip().lower().replace("-", "_")
            if value is None:  # as `config show --json` writes an unset key
                continue
            try:
                if key not in settings_store.KEYS:
                    raise _Bad(f"{given!r} is not a network setting; they are "
                               f"{', '.join(settings_store.KEYS)}")
                text = settings_store.check(key, value)
                if key == "default_cadence":
                    self._cadence_choice(text)
                if key not in have:
                    settings_store.put(self.db, key, text)
                    have[key] = text
                    self.summary.count("settings set")
                elif have[key] != text:
                    raise _Bad(f"{key} is {have[key]} in this database; kept it")
            except (_Bad, InputError) as bad:
                self.summary.skip(f"settings.{given}", str(bad))

    # --- introductions and job changes ------------------------------------------------

    def _intro(self, item: dict, path: str) -> None:
        from netcadence.engine.intros import Intro
        from netcadence.store import intros

        self.importer.flush()  # named by their contacts' ids
        a, b = (self._person(item, side) for side in ("a", "b"))
        if a == b:
            raise _Bad("an introduction needs two different people")
        proposed = _day(item.get("proposed"), "proposed", self.today)
        days = {key: _maybe_day(item, key) for key in ("a_agreed", "b_agreed", "made", "dropped")}
        if any(day is not None and day > self.today for day in days.values()):
            raise _Bad("a date after today")
        if any(day is not None and day < proposed for day in days.values()):
            raise _Bad("a date before the proposal")
        intro_id = item.get("id")
        if intro_id is not None and (type(intro_id) is not int or intro_id < 1):
            raise _Bad("id must be a whole number ≥ 1")
        if self.db.value(
            "SELECT 1 FROM intro WHERE proposed_on = ? AND ((a_id = ? AND b_id = ?) OR "
            "(a_id = ? AND b_id = ?))", (proposed.isoformat(), a, b, b, a),
        ):
            self.summary.count("introductions already there")
            return
        free = intro_id is not None and not self.db.value(
            "SELECT 1 FROM intro WHERE id = ?", (intro_id,))
        intros.add(self.db, Intro(intro_id if free else 0, a, b, proposed, days["a_agreed"],
                                  days["b_agreed"], days["made"], days["dropped"],
                                  _text(item, "note"), _text(item, "outcome")), keep_id=free)
        self.summary.count("introductions added")

    def _job_change(self, item: dict, path: str) -> None:
        from netcadence.engine.jobs import JobChange
        from netcadence.store import jobs

        self.importer.flush()
        contact_id = self._person(item, "contact")
        day = _day(item.get("date"), "date", self.today)
        change = JobChange(*(_text(item, key) for key in (
            "old_company", "new_company", "old_title", "new_title")))
        if not change.any:
            raise _Bad("neither the company nor the title changed")
        if self.db.value(
            "SELECT 1 FROM job_change WHERE contact_id = ? AND changed_on = ? AND "
            "COALESCE(old_company, '') = ? AND COALESCE(new_company, '') = ? AND "
            "COALESCE(old_title, '') = ? AND COALESCE(new_title, '') = ?",
            (contact_id, day.isoformat(), change.old_company or "", change.new_company or "",
             change.old_title or "", change.new_title or ""),
        ):
            self.summary.count("job changes already there")
            return
        jobs.add(self.db, contact_id, day, change)
        self.summary.count("job changes added")

    def _person(self, item: dict, key: str) -> int:
        who = item.get(key)
        if not isinstance(who, str) or not who.strip():
            raise _Bad(f"no {key} (a slug or a name)")
        return self._contact_id(who.strip())
