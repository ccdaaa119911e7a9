"""`sync mail` and `sync calendar`: read the files, judge every message or occurrence, and
write the touches they give in one transaction (all or nothing; a dry run rolls back).

Synced touches are ordinary touches: they complete series steps, end series on a
reply, count toward give-up-after and goals, and move due dates, because the
schedules of the contacts touched are refreshed in the same transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from netcadence import dates
from netcadence.engine.sync import (
    CALENDAR_REASONS,
    MAIL_REASONS,
    Address,
    Item,
    Message,
    NewTouch,
    Occurrence,
    Rules,
    fingerprint,
    judge_message,
    judge_occurrence,
    plan,
)
from netcadence.errors import InputError
from netcadence.store import schedule
from netcadence.store import settings as network_settings
from netcadence.store import sync as sync_store
from netcadence.store.contacts import is_email
from netcadence.store.db import Database
from netcadence.text import normalize_tag

# A progress bar: given a total and a label, a context yielding `advance(n)`.
Progress = Callable[[int, str], AbstractContextManager[Callable[[int], None]]]
ME_HINT = ("sync needs your own email addresses to tell what you sent from what you received: "
           "run 'netcadence config set me you@example.com' (several: comma-separated) "
           "or give --me EMAIL")


def _no_progress(total: int, label: str) -> AbstractContextManager[Callable[[int], None]]:
    return nullcontext(lambda n: None)


@dataclass(frozen=True)
class SyncOptions:
    me: tuple[str, ...] = ()  # --me (else the personal setting)
    since: str | None = None
    dry_run: bool = False
    new: bool = False
    tags: tuple[str, ...] = ()
    cadence: str | None = None
    by: str | None = None  # who logs the touches
    verbose: bool = False  # keep what was skipped, to name it


@dataclass(frozen=True)
class Skip:
    where: str
    reason: str
    what: str  # the subject or summary


@dataclass(frozen=True)
class Person:
    """A contact the summary names."""

    id: int
    slug: str
    name: str
    email: str = ""


@dataclass
class SyncReport:
    kind: str  # mail | calendar
    dry_run: bool = False
    read: int = 0
    added: int = 0
    contacts: int = 0
    known: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    skips: list[Skip] = field(default_factory=list)
    not_contacts: list[Address] = field(default_factory=list)
    created: list[Person] = field(default_factory=list)  # --new
    matched: list[Person] = field(default_factory=list)  # --new: an address given to a contact
    touches: list[tuple[Person, NewTouch]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files that are neither mail nor calendar

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "read": self.read, "added": self.added, "contacts": self.contacts,
            "known": self.known, "skipped": dict(self.skipped),
            "not_contacts": len(self.not_contacts), "dry_run": self.dry_run,
            "new_contacts": [{"slug": p.slug, "name": p.name, "email": p.email}
                             for p in self.created],
        }
        if self.dry_run:
            data["touches"] = [
                {"contact": person.slug, "date": touch.day.isoformat(),
                 "channel": "email" if self.kind == "mail" else "meeting",
                 "direction": touch.direction, "note": touch.note}
                for person, touch in self.touches
            ]
            data["people_not_contacts"] = [{"email": a.email, "name": a.name or None}
                                           for a in self.not_contacts]
        return data


class _DryRun(Exception):
    """Raised inside the transaction so that a dry run rolls everything back."""


# --- options --------------------------------------------------------------------------


def my_addresses(given: Iterable[str]) -> frozenset[str]:
    """--me (repeatable, or comma-separated), else the personal setting `me`."""
    from netcadence import config

    found = [part.strip().lower() for value in given for part in value.split(",")
             if part.strip()]
    for address in found:
        if not is_email(address):
            raise InputError(f"--me {address!r} is not an email address")
    if not found:
        found = [a for a in config.my_addresses() if is_email(a)]
    if not found:
        raise InputError(ME_HINT)
    return frozenset(found)


def since_day(text: str | None, today: date) -> date | None:
    """--since: a date, or a duration back from today (`6m`: the last six months)."""
    if text is None:
        return None
    if dates.is_duration(text):
        day = dates.parse_duration(text).before(today)
    else:
        day = dates.parse_date(text, today)
    if day > today:
        raise InputError(f"--since {day.isoformat()} is after today; give a past date or a "
                         "duration such as 6m")
    return day


def _tags(options: SyncOptions) -> list[str]:
    if (options.tags or options.cadence is not None) and not options.new:
        raise InputError("--tag and --cadence go with --new (for the people sync creates)")
    tags = []
    for tag in options.tags:
        if not normalize_tag(tag):
            raise InputError("--tag cannot be empty")
        tags.append(normalize_tag(tag))
    return tags


# --- judging what was read -------------------------------------------------------------


class _Collector:
    """Judges each message or occurrence, counts it, and keeps the items that give touches.

    With --new, what names people who are not contacts yet (and what came from
    people unknown so far) waits until they are created, then is judged again.
    """

    def __init__(self, kind: str, rules: Rules, report: SyncReport, new: bool,
                 verbose: bool) -> None:
        self.kind = kind
        self.verbose = verbose
        self.judge = judge_message if kind == "mail" else judge_occurrence
        self.rules = rules
        self.report = report
        self.new = new
        self.items: list[Item] = []
        self.origin: dict[str, int] = {}
        self.involved: list[str] = []
        self.pending: list[Message | Occurrence] = []
        self.strangers: dict[str, Address] = {}
        self.read_from: Counter[int] = Counter()
        self.future: dict[int, date] = {}  # the earliest day after today, by source
        self.skipped: Counter[str] = Counter()

    def add(self, thing: Message | Occurrence) -> None:
        self.report.read += 1
        self.read_from[thing.origin] += 1
        verdict = self.judge(thing, self.rules)  # type: ignore[arg-type]
        for stranger in verdict.strangers:
            if not is_email(stranger.email):
                continue
            known = self.strangers.get(stranger.email)
            if known is None or (not known.name and stranger.name):
                self.strangers[stranger.email] = stranger
        if self.new and (verdict.strangers or verdict.reason == "no_contact"):
            self.pending.append(thing)
            return
        self._count(thing, verdict)

    def again(self, rules: Rules) -> None:
        """Judge what waited, now that the people --new created are contacts."""
        self.rules = rules
        waiting, self.pending = self.pending, []
        for thing in waiting:
            self._count(thing, self.judge(thing, rules))  # type: ignore[arg-type]

    def _count(self, thing: Message | Occurrence, verdict) -> None:
        what = thing.subject if isinstance(thing, Message) else thing.summary
        if verdict.reason:
            self.skipped[verdict.reason] += 1
            if verdict.reason == "future" and thing.day is not None:
                earliest = self.future.get(thing.origin)
                self.future[thing.origin] = min(earliest or thing.day, thing.day)
            if not self.verbose:
                return
            where = thing.where
            if isinstance(thing, Occurrence) and thing.day is not None:
                where += f" on {thing.day.isoformat()}"  # which occurrence
            self.report.skips.append(Skip(where, verdict.reason, thing.unreadable or what))
            return
        assert thing.day is not None
        self.involved.append(thing.key)
        self.origin.setdefault(thing.key, thing.origin)
        for contact_id, direction in verdict.touches:
            self.items.append(Item(thing.key, contact_id, thing.day, direction, what,
                                   thing.stamp))


# --- the sync ------------------------------------------------------------------------


@dataclass
class _Path:
    """One path of the sync, and what its record becomes."""

    record: sync_store.SourceRecord
    shown: str
    full: bool = True
    files: list[str] = field(default_factory=list)
    had: set[str] = field(default_factory=set)
    state: dict = field(default_factory=dict)


def sync_mail(open_db: Callable[[], Database], today: date, paths: list[str],
              options: SyncOptions, progress: Progress = _no_progress) -> SyncReport:
    """Read mail (mbox, Maildir, folders of messages, .eml) and log the touches it shows.
    The database is opened (and, missing, created) only once every option and path is
    checked: a wrong one writes nothing, not even an empty database."""
    from netcadence.io import mail

    me = my_addresses(options.me)
    since = since_day(options.since, today)
    tags = _tags(options)
    sources = _once([mail.open_source(path) for path in paths])  # every path checked first
    report = SyncReport("mail", dry_run=options.dry_run)
    db = open_db()

    def read(collector: _Collector, rules: Rules, stamp: str) -> list[_Path]:
        done = []
        for origin, source in enumerate(sources):
            record = sync_store.source(db, str(source.path), source.kind)
            full = _read_whole(record, stamp, since, today)
            had = sync_store.seen_files(db, record.id)
            reading = mail.MailReading(source, {} if full else record.state, had, full,
                                       origin=origin)
            with progress(reading.total, f"reading {source.shown}") as advance:
                for message in reading.messages(advance):
                    collector.add(message)
            report.ignored.extend(source.ignored)
            done.append(_Path(record, source.shown, full, reading.files_read, had,
                              reading.state))
        return done

    return _sync(db, today, "mail", me, since, tags, options, report, read)


def sync_calendar(open_db: Callable[[], Database], today: date, paths: list[str],
                  options: SyncOptions, progress: Progress = _no_progress) -> SyncReport:
    """Read calendars (.ics files and folders of them) and log the meetings they show.
    Calendars are always read whole. The database is opened once every option and path
    is checked (as sync_mail)."""
    from netcadence.io import calendar

    me = my_addresses(options.me)
    since = since_day(options.since, today)
    tags = _tags(options)
    sources = _once([calendar.open_source(path) for path in paths])
    report = SyncReport("calendar", dry_run=options.dry_run)
    db = open_db()

    def read(collector: _Collector, rules: Rules, stamp: str) -> list[_Path]:
        gathered = calendar.Gathered()
        total = sum(len(source.files) for source in sources)
        with progress(total, "reading calendars") as advance:
            for origin, source in enumerate(sources):
                calendar.gather(source.files, gathered, origin)
                advance(len(source.files))
                report.ignored.extend(source.ignored)
        for occurrence in calendar.occurrences(gathered, today):
            collector.add(occurrence)
        return [_Path(sync_store.source(db, str(source.path), source.kind), source.shown)
                for source in sources]

    return _sync(db, today, "calendar", me, since, tags, options, report, read)


def _once(sources: list) -> list:
    """The sources, each path once (the first time it was given)."""
    unique: dict = {}
    for source in sources:
        unique.setdefault(source.path, source)
    return list(unique.values())


def _read_whole(record: sync_store.SourceRecord, stamp: str, since: date | None,
                today: date) -> bool:
    """Whether a path is read whole: first time, the contacts' addresses (or yours)
    changed, an earlier sync covered less time than this one asks, or a message that
    was dated after today then is due now."""
    if record.id is None or record.addresses != stamp:
        return True
    covered = record.state.get("since")
    if covered is not None and (since is None or since.isoformat() < covered):
        return True
    future = record.state.get("future")
    return future is not None and future <= today.isoformat()


def _covered(path: _Path, since: date | None) -> str | None:
    """The earliest day from which this path's touches are complete (None: all of them)."""
    if path.full:
        return since.isoformat() if since else None
    before = path.record.state.get("since")
    if since is None:
        return before
    return since.isoformat() if before is None else max(before, since.isoformat())


def _sync(db: Database, today: date, kind: str, me: frozenset[str], since: date | None,
          tags: list[str], options: SyncOptions, report: SyncReport, read) -> SyncReport:
    try:
        with db.write():
            choice = None
            if options.cadence is not None:  # checked before anything is read
                from netcadence.store import cadences

                choice = cadences.choose(db, options.cadence)
            cap = network_settings.load(db).sync_max_recipients
            book = sync_store.address_book(db)
            rules = Rules(me, book, cap, today, since)
            collector = _Collector(kind, rules, report, options.new, options.verbose)
            paths = read(collector, rules, fingerprint(book, me, cap))
            enroll: dict[int, date] = {}
            if options.new:
                book, enroll = _create(db, today, collector, report, tags, choice)
                rules = replace(rules, book=book)
                collector.again(rules)
            else:
                report.not_contacts = sorted(collector.strangers.values(),
                                             key=lambda a: a.email)
            stamp = fingerprint(book, me, cap)
            _write(db, today, kind, collector, report, options, enroll)
            reasons = MAIL_REASONS if kind == "mail" else CALENDAR_REASONS
            report.skipped = {reason: collector.skipped[reason] for reason in reasons}
            added_by = Counter(collector.origin.get(t.keys[0], 0) for _, t in report.touches)
            for origin, path in enumerate(paths):
                record = path.record
                record.last_run = today.isoformat()
                record.seen = collector.read_from[origin] + (0 if path.full else record.seen)
                record.added += added_by[origin]
                record.addresses = stamp
                state = dict(path.state)
                state["since"] = _covered(path, since)
                future = collector.future.get(origin)
                state["future"] = future.isoformat() if future else None
                record.state = state
                sync_store.save_source(db, record, path.files, path.had)
            if options.dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _create(db: Database, today: date, collector: _Collector, report: SyncReport,
            tags: list[str], choice) -> tuple[dict, dict[int, date]]:
    """--new: the people you wrote to who are not contacts become contacts (named from
    the header, else the address), with --tag and --cadence as on imports."""
    from netcadence.io.records import Importer, Record

    importer = Importer(db, today, tags=tags, cadence=choice)
    book = dict(collector.rules.book)
    for email, address in sorted(collector.strangers.items()):
        name = address.name if address.name and "@" not in address.name else email
        before = importer.summary.created
        contact_id = importer.add(Record(where=email, name=name, emails=[email]))
        if contact_id is None:
            continue
        known = importer.known[contact_id]
        person = Person(contact_id, known.slug, name if importer.summary.created > before
                        else _name(db, importer, contact_id), email)
        (report.created if importer.summary.created > before else report.matched).append(
            person)
        book[email] = (contact_id,)
    importer.flush()
    return book, dict(importer.enroll)


def _name(db: Database, importer, contact_id: int) -> str:
    value = db.value("SELECT name FROM contact WHERE id = ?", (contact_id,))
    return str(value or importer.known[contact_id].slug)


def _write(db: Database, today: date, kind: str, collector: _Collector, report: SyncReport,
           options: SyncOptions, enroll: dict[int, date]) -> None:
    """Turn the items into touches (leaving out what earlier syncs recorded), write them
    with their sync items, and refresh the schedules of the contacts touched."""
    items = collector.items
    known = sync_store.known_items(db, kind, (item.key for item in items))
    joinable = sync_store.joinable_touches(db, kind, ((i.contact_id, i.day) for i in items))
    result = plan(items, known, joinable, per_day=kind == "mail")
    sync_store.record(db, kind, result, by=options.by)
    added_keys = result.item_keys_added()
    counted: set[str] = set()
    for key in collector.involved:
        if key not in added_keys or key in counted:
            report.known += 1
        counted.add(key)
    report.added = len(result.touches)
    touched = {touch.contact_id for touch in result.touches}
    report.contacts = len(touched)
    people = _people(db, touched)
    report.touches = [(people[touch.contact_id], touch) for touch in result.touches]
    refresh = touched | set(enroll) | {p.id for p in report.created + report.matched}
    if refresh:
        schedule.refresh(db, today, sorted(refresh), enroll=enroll)


def _people(db: Database, ids: set[int]) -> dict[int, Person]:
    found: dict[int, Person] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), 500):
        part = ordered[start:start + 500]
        for cid, slug, name in db.rows(
                f"SELECT id, slug, name FROM contact WHERE id IN ({', '.join('?' * len(part))})",
                part):
            found[int(cid)] = Person(int(cid), slug, name)
    return found


def status(db: Database) -> list[dict]:
    """`sync status`: each path synced, its kind, last run, items seen and touches added."""
    return sync_store.status(db)
