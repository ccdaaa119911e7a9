"""The shape every importer produces, and how an imported record meets the contacts already there.

Matching, so that importing the same file twice creates nothing new: slug (JSON
only), LinkedIn URL, any email, vCard UID, then the folded name when exactly one
contact already in the database has it (of several, the one the record repeats in
everything it holds) and nothing conflicts. A match fills empty fields and adds
emails, phones and tags; it never overwrites what the user entered.

Two records of one file are never merged by their name alone, and two that the
file gives different slugs are never merged at all: they are different people.
Every contact is written through the store's writers, which clean and check its
values as they do for `add`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from netcadence.errors import InputError
from netcadence.store import cadences as cadence_store
from netcadence.store import contacts as contact_store
from netcadence.store import schedule
from netcadence.store.contacts import NewContact, is_email
from netcadence.store.db import Database
from netcadence.text import clean_line, fold, normalize_tag

TYPE_CHECKING = False
if TYPE_CHECKING:
    from netcadence.store.jobs import LinkedinSeen

linkedin_key = lru_cache(maxsize=1024)(contact_store.linkedin_key)
FILLABLE = ("company", "title", "note", "how", "linkedin", "vcard_uid", "met_on")
FLUSH_FROM = 1000
NAME_ONLY = "matched by name only"

# What one record read from another program's file may hold: longer values are cut
# (and the summary says so), and a record brings at most MOST_VALUES emails, phones
# and tags. The numbers stay within the database's columns on every backend.
LONGEST = {"name": 200, "company": 200, "title": 200, "how": 500, "linkedin": 500,
           "vcard_uid": 500, "note": 100_000, "tag": 100}
LONGEST_EMAIL = 254  # RFC 5321: no address is longer
LONGEST_PHONE = 100
MOST_VALUES = 100
# Values that exports hold for "nothing": read as empty.
PLACEHOLDERS = frozenset({"-", "--", "---", "\u2013", "\u2014", ".", "..", "...", "?", "n/a",
                          "n.a.", "none", "null", "nil", "(none)", "(blank)"})


@dataclass
class Record(NewContact):
    """One contact as read from a file; `where` says where (`line 12`, `contacts[3]`)."""

    name: str | None = None  # type: ignore[assignment]  # named after its email when absent
    where: str = ""
    from_linkedin: bool = False  # its company and title are what LinkedIn says now
    # As the file writes them (`1990-04-12`, `--04-12`…): the importer reads them.
    birthday: str | None = None
    anniversary: str | None = None


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)
    job_changes: list[str] = field(default_factory=list)  # "Ana Ruiz: Acme → Globex"

    def skip(self, where: str, reason: str) -> None:
        self.skipped.append((where, reason))

    def warn(self, where: str, reason: str) -> None:
        self.warnings.append((where, reason))

    def count(self, key: str, by: int = 1) -> None:
        self.extra[key] = self.extra.get(key, 0) + by

    def skipped_lines(self, *, verbose: bool = False, unit: str = "rows") -> list[str]:
        """What was skipped, in the order of the file. Records with no name and no email
        (LinkedIn keeps a row for every deactivated profile) make one line, unless
        `verbose` asks for each."""
        lines, nameless = [], []
        for where, reason in sorted(self.skipped, key=_file_order):
            if reason == NO_NAME and not verbose:
                nameless.append(where)
            else:
                lines.append(f"skipped {where}: {reason}")
        if nameless:
            count = len(nameless)
            places = nameless[:NAMELESS_SHOWN]
            if all(where.startswith("line ") for where in places):
                places = ["lines " if count > 1 else "line "] + [
                    ", ".join(where.removeprefix("line ") for where in places)]
            else:
                places = [", ".join(places)]
            more = ", … (--verbose lists them all)" if count > NAMELESS_SHOWN else ""
            noun = unit if count > 1 else unit.removesuffix("s")
            lines.insert(0, f"{count} {noun} with {NO_NAME} skipped ({''.join(places)}{more})")
        return lines


NO_NAME = "no name and no email"
NAMELESS_SHOWN = 5


def _file_order(skip: tuple[str, str]) -> tuple[int, int]:
    """Skipped lines in the order of the file; JSON paths keep the order they were met in."""
    where = skip[0]
    return (0, int(where[5:])) if where.startswith("line ") and where[5:].isdigit() else (1, 0)


@dataclass
class Known:
    """What matching and merging need to know about a contact already stored."""

    id: int
    slug: str
    name_key: str
    fields: dict[str, str | None]
    emails: set[str]
    phones: set[str]
    tags: set[str]
    cadence_mode: str
    cadence_label: str | None


def clean_email(text: str) -> str | None:
    value = (text or "").strip()
    if value.lower().startswith("mailto:"):
        value = value[7:].strip()
    return value if value and len(value) <= LONGEST_EMAIL and is_email(value) else None


def is_placeholder(text: str) -> bool:
    """Whether a value only stands for "nothing" ("-", "n/a", "none", "." …)."""
    return len(text) <= _PLACEHOLDER_LONGEST and text.strip().lower() in PLACEHOLDERS


_PLACEHOLDER_LONGEST = max(len(text) for text in PLACEHOLDERS) + 4  # spaces around
_CUT_FIELDS = tuple((name, longest) for name, longest in LONGEST.items() if name != "tag")


def tidy(record: Record, summary: Summary) -> None:
    """A record read from another program's export, made fit to keep: placeholders
    emptied, values longer than netcadence keeps cut, at most MOST_VALUES emails, phones
    and tags. Each cut is said in the summary ("line 12: note cut to 100,000
    characters")."""
    where = record.where
    for name, longest in _CUT_FIELDS:
        value = getattr(record, name)
        if value is None:
            continue
        if is_placeholder(value):
            setattr(record, name, None)
        elif len(value) > longest:
            setattr(record, name, value[:longest])
            summary.warn(where, f"{name.replace('_', ' ')} cut to {longest:,} characters")
    for kind in ("emails", "phones", "tags"):
        values = [v for v in getattr(record, kind) if v and not is_placeholder(v)]
        if len(values) > MOST_VALUES:
            summary.warn(where, f"only the first {MOST_VALUES} {kind} kept")
            values = values[:MOST_VALUES]
        setattr(record, kind, values)
    phones = []
    for phone in record.phones:
        if len(phone.strip()) > LONGEST_PHONE:
            summary.warn(where, f"{_shown(phone)} is not a phone number "
                                f"(more than {LONGEST_PHONE} characters); not stored")
        else:
            phones.append(phone)
    record.phones = phones
    longest = LONGEST["tag"]
    if any(len(tag) > longest for tag in record.tags):
        summary.warn(where, f"tag cut to {longest:,} characters")
        record.tags = [tag[:longest] for tag in record.tags]


def _shown(value: str) -> str:
    """A value quoted in a message, shortened when it is long."""
    return repr(value if len(value) <= 60 else value[:57] + "...")


def split_tags(values: list[str] | str | None, separators: str = ",") -> list[str]:
    """Tags from categories or labels: split at the separators, trimmed, empty ones dropped."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    found: list[str] = []
    for value in values:
        parts = [value]
        for sep in separators:
            parts = [piece for part in parts for piece in part.split(sep)]
        for part in parts:
            tag = normalize_tag(part)
            if tag:
                found.append(tag)
    return found


_UNCLAIMED = object()


class Importer:
    """Adds records to the database inside the caller's transaction, remembering what it did."""

    def __init__(self, db: Database, today: date, *, tags: list[str] | None = None,
                 cadence: cadence_store.CadenceChoice | None = None) -> None:
        self.db = db
        self.today = today
        self.extra_tags = [normalize_tag(t) for t in tags or [] if normalize_tag(t)]
        self.cadence = cadence
        self.summary = Summary()
        self.touched: set[int] = set()
        self.enroll: dict[int, date] = {}
        self.known: dict[int, Known] = {}
        self.by_slug: dict[str, int] = {}
        self.by_linkedin: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_uid: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}
        # What this file did: the contact each slug it gave went into, and for each contact
        # a record went into, that record's slug (None for a record without one).
        self.file_slugs: dict[str, int] = {}
        self.claimed: dict[int, str | None] = {}
        # New contacts and list entries wait here and go in by the thousand (flush()).
        self._new_contacts: dict[int, list] = {}
        self._new_lists: dict[str, list[tuple[int, str]]] = {"emails": [], "phones": [],
                                                             "tags": []}
        self._next_id: int | None = None
        self._uids_read: dict[str, tuple[str, str]] = {}  # vCard UID: where first, and name
        self._days: dict[int, tuple[str | None, str | None]] | None = None  # see _fill_days
        self._new_days: dict[int, tuple[str | None, str | None]] = {}
        self._load()
        self.last_before = max(self.known, default=0)  # contacts up to it were there before
        self._linkedin: LinkedinSeen | None = None

    def _load(self) -> None:
        db = self.db
        for (cid, slug, name_key, company, title, note, how, linkedin, uid, met_on, mode,
             label) in db.rows(
            "SELECT id, slug, name_key, company, title, note, how, linkedin, vcard_uid, met_on, "
            "cadence_mode, cadence_label FROM contact"
        ):
            fields = {"company": company, "title": title, "note": note, "how": how,
                      "linkedin": linkedin, "vcard_uid": uid, "met_on": met_on}
            self._remember(Known(cid, slug, name_key, fields, set(), set(), set(), mode, label))
        for cid, key in db.rows("SELECT contact_id, email_key FROM contact_email"):
            self.known[cid].emails.add(key)
            self.by_email.setdefault(key, cid)
        for cid, phone in db.rows("SELECT contact_id, phone FROM contact_phone"):
            self.known[cid].phones.add(phone)
        for cid, key in db.rows("SELECT contact_id, tag_key FROM contact_tag"):
            self.known[cid].tags.add(key)

    def _remember(self, known: Known) -> None:
        self.known[known.id] = known
        self.by_slug[known.slug] = known.id
        self.by_name.setdefault(known.name_key, []).append(known.id)
        key = linkedin_key(known.fields["linkedin"])
        if key:
            self.by_linkedin.setdefault(key, known.id)
        if known.fields["vcard_uid"]:
            self.by_uid.setdefault(known.fields["vcard_uid"], known.id)

    # --- one record -------------------------------------------------------------------

    def add_read(self, record: Record) -> int | None:
        """Add a record read from another program's export (CSV, vCard), tidied first.

        Two cards of one file that share a UID but name different people are two
        people: the later one comes in without the UID, and the summary says so.
        """
        tidy(record, self.summary)
        uid = record.vcard_uid
        if uid:
            name = clean_line(record.name) or ""
            first = self._uids_read.setdefault(uid, (record.where, name))
            if fold(first[1]) != fold(name):
                self.summary.warn(record.where, f"{_shown(name)} has the same UID as "
                                                f"{_shown(first[1])} ({first[0]}); imported "
                                                "as another person, without the UID")
                record.vcard_uid = None
        return self.add(record)

    def add(self, record: Record) -> int | None:
        """Create or merge one record; returns the contact's id, or None when skipped."""
        emails: dict[str, str] = {}  # by lower-cased address: each one once, in file order
        for value in record.emails:
            email = clean_email(value)
            if email is not None:
                emails.setdefault(email.lower(), email)
            elif value and value.strip():
                self.summary.warn(record.where, f"{_shown(value.strip())} is not an email "
                                                "address; not stored as one")
        name = clean_line(record.name) or next(iter(emails.values()), None)
        if not name:
            self.summary.skip(record.where, NO_NAME)
            return None
        met_on = record.met_on
        if met_on and met_on > self.today:
            self.summary.warn(
                record.where, f"met date {met_on.isoformat()} is after today; dropped")
            met_on = None
        record.name, record.emails, record.met_on = name, list(emails.values()), met_on
        record.tags = [*record.tags, *self.extra_tags]
        try:
            new = contact_store.checked(record)
        except InputError as error:
            self.summary.skip(record.where, str(error))
            return None
        key = contact_store.name_key(new.name)
        cid, by_name_only = self.match(new, key)
        if cid is None:
            cid = self._create(new, key)
            self._fill_days(cid, record)
            self.summary.created += 1
            if record.from_linkedin:
                self._job_change(self.known[cid], new)
        # A job change first (all run): a company it updates is no empty field to fill.
        elif ((record.from_linkedin and self._job_change(self.known[cid], new))
              | self._merge(self.known[cid], new) | self._fill_days(cid, record)):
            self.summary.updated += 1
            if by_name_only:
                self.summary.warn(record.where, f"{name} was merged into "
                                  f"{self.known[cid].slug}: {NAME_ONLY}")
        else:
            self.summary.unchanged += 1
        if by_name_only:
            self.summary.count(NAME_ONLY)
        if self.claimed.get(cid) is None:
            self.claimed[cid] = new.slug
        if new.slug:
            self.file_slugs.setdefault(new.slug, cid)
        self.touched.add(cid)
        return cid

    def _job_change(self, known: Known, new: NewContact) -> bool:
        """Note what LinkedIn says of the contact's job now: a change since the last
        LinkedIn import is listed in the summary, and the company and title the user
        has not edited since follow it. Returns whether the contact changed."""
        if self._linkedin is None:
            from netcadence.store.jobs import LinkedinSeen

            self._linkedin = LinkedinSeen(self.db, self.today)
        found = self._linkedin.observe(known.id, known.fields, new.company, new.title)
        if found is None:
            return False
        line = found.change.line(self._name(known.id))
        if found.kept:
            line += "; kept your " + " and ".join(
                f"{column} {value!r}" for column, value in found.kept.items())
        self.summary.job_changes.append(line)
        if found.updates:
            self.flush()
            contact_store.update_fields(self.db, known.id, found.updates)
            known.fields.update(found.updates)
        return bool(found.updates)

    def _name(self, contact_id: int) -> str:
        waiting = self._new_contacts.get(contact_id)
        if waiting is not None:
            return waiting[2]
        return self.db.value("SELECT name FROM contact WHERE id = ?", (contact_id,)) or ""

    def match(self, new: NewContact, name_key: str) -> tuple[int | None, bool]:
        """The contact this record is, if any, and whether only its name said so."""
        slug = new.slug
        if slug:
            found = self.file_slugs.get(slug)
            if found is None:
                found = self.by_slug.get(slug)
            if found is not None and self._may_be(found, slug):
                return found, False
        key = linkedin_key(new.linkedin)
        for found in (
            self.by_linkedin.get(key) if key else None,
            *(self.by_email.get(email.lower()) for email in new.emails),
            self.by_uid.get(new.vcard_uid) if new.vcard_uid else None,
        ):
            if found is not None and self._may_be(found, slug):
                return found, False
        found = self._by_name(new, name_key, key)
        return found, found is not None

    def _may_be(self, contact_id: int, slug: str | None) -> bool:
        """Whether a record with this slug may go into the contact: not when a record
        of this file with another slug already went there."""
        owner = self.claimed.get(contact_id, _UNCLAIMED)
        return owner is _UNCLAIMED or owner is None or slug is None or owner == slug

    def _by_name(self, new: NewContact, name_key: str, key: str | None) -> int | None:
        """The one contact of the database with this name that no record of this file
        went into yet (of several, the one the record repeats), if nothing conflicts."""
        same = [cid for cid in self.by_name.get(name_key, [])
                if cid <= self.last_before and cid not in self.claimed]
        if len(same) > 1:
            same = [cid for cid in same if self._repeats(self.known[cid], new)]
        if len(same) != 1:
            return None
        known = self.known[same[0]]
        theirs = linkedin_key(known.fields["linkedin"])
        if key and theirs and key != theirs:
            return None
        mine = {e.lower() for e in new.emails}
        if mine and known.emails and mine != known.emails:
            return None
        return known.id

    @staticmethod
    def _repeats(known: Known, new: NewContact) -> bool:
        """Whether the record has something besides its name and the contact has all of it
        already: the same file imported again (two people called Manu, told apart by
        their phone numbers)."""
        given = False
        for name in FILLABLE:
            value = getattr(new, name)
            if value is None:
                continue
            if known.fields.get(name) != (value.isoformat() if name == "met_on" else value):
                return False
            given = True
        for values, have in ((set(new.phones), known.phones),
                             ({email.lower() for email in new.emails}, known.emails)):
            if values and not values <= have:
                return False
            given = given or bool(values)
        return given

    def _create(self, new: NewContact, name_key: str) -> int:
        slug = contact_store.free_slug(new.name, self.by_slug, new.slug)
        if self._next_id is None:
            self._next_id = contact_store.next_id(self.db)
        cid = self._next_id
        self._next_id += 1
        row = contact_store.row(cid, slug, new, self.today, name_key)
        self._new_contacts[cid] = row
        if len(self._new_contacts) >= FLUSH_FROM:
            self.flush()
        fields = {"company": new.company, "title": new.title, "note": new.note, "how": new.how,
                  "linkedin": new.linkedin, "vcard_uid": new.vcard_uid, "met_on": row[6]}
        known = Known(cid, slug, row[3], fields, set(), set(), set(), "tag", None)
        self._remember(known)
        self._add_lists(known, new)
        if self.cadence is not None:
            self.give_cadence(known, self.cadence)
        return cid

    def _merge(self, known: Known, new: NewContact) -> bool:
        sets: dict[str, str | None] = {}
        for name in FILLABLE:
            value = getattr(new, name)
            if name == "met_on" and value is not None:
                value = value.isoformat()
            if not value or known.fields.get(name):
                continue
            if name == "linkedin":
                key = linkedin_key(value)
                if key in self.by_linkedin:
                    continue
                self.by_linkedin[key] = known.id
            if name == "vcard_uid":
                if value in self.by_uid:
                    continue
                self.by_uid[value] = known.id
            sets[name] = value
            known.fields[name] = value
        if sets:
            self.flush()
            contact_store.update_fields(self.db, known.id, sets)
        changed = bool(sets) | self._add_lists(known, new)
        if self.cadence is not None and known.cadence_mode == "tag" and not known.cadence_label:
            changed |= self.give_cadence(known, self.cadence)
        return changed

    def _add_lists(self, known: Known, new: NewContact) -> bool:
        """Queue the emails, phones and tags the contact does not have yet (checked values)."""
        lists = self._new_lists
        before = sum(map(len, lists.values()))
        for email in new.emails:
            key = email.lower()
            if key not in known.emails:
                known.emails.add(key)
                self.by_email.setdefault(key, known.id)
                lists["emails"].append((known.id, email))
        for phone in new.phones:
            if phone not in known.phones:
                known.phones.add(phone)
                lists["phones"].append((known.id, phone))
        for tag in new.tags:
            key = fold(tag)
            if key not in known.tags:
                known.tags.add(key)
                lists["tags"].append((known.id, tag))
        return sum(map(len, lists.values())) > before

    def flush(self) -> None:
        """Write the new contacts and list entries waiting to go in (ids given in advance)."""
        contact_store.insert(self.db, list(self._new_contacts.values()))
        self._new_contacts = {}
        contact_store.insert_lists(self.db, **self._new_lists)
        self._new_lists = {"emails": [], "phones": [], "tags": []}
        if self._new_days:
            from netcadence.store.occasions import fill_days

            fill_days(self.db, [(*days, cid) for cid, days in self._new_days.items()])
            self._new_days = {}

    def _fill_days(self, contact_id: int, record: Record) -> bool:
        """The record's birthday and anniversary fill the contact's empty ones, never
        overwrite them; whether one was filled. A value that is no date is dropped with
        a warning, as is a full date after today."""
        from netcadence.engine.occasions import parse_day

        if record.birthday is None and record.anniversary is None:
            return False
        if self._days is None:  # what the contacts already have, read once
            from netcadence.store.occasions import all_days

            self._days = all_days(self.db)
        had = self._days.get(contact_id, (None, None))
        days = list(had)
        for index, (kind, text) in enumerate((("birthday", record.birthday),
                                              ("anniversary", record.anniversary))):
            if text is None or not text.strip() or is_placeholder(text) or had[index]:
                continue
            try:
                days[index] = str(parse_day(text, self.today))
            except InputError as error:
                self.summary.warn(record.where, f"{kind}: {error}; left empty")
        if tuple(days) == had:
            return False
        self._days[contact_id] = self._new_days[contact_id] = (days[0], days[1])
        return True

    def give_cadence(self, known: Known, choice: cadence_store.CadenceChoice,
                     enrolled: date | None = None) -> bool:
        """The contact's own cadence, enrolled today unless a date is given."""
        waiting = self._new_contacts.get(known.id)
        if waiting is not None:
            waiting[-3:] = ["own", choice.cadence_id, choice.inline]
        else:
            cadence_store.assign(self.db, known.id, choice)
        known.cadence_mode = "own"
        known.cadence_label = choice.cadence.name
        self.enroll[known.id] = enrolled or self.today
        return True

    def finish(self, *, everyone: bool = False) -> Summary:
        """Recompute the schedules of the contacts this import touched (or of everyone)."""
        self.flush()
        if self._linkedin is not None:
            self._linkedin.write()
        schedule.refresh(self.db, self.today, None if everyone else sorted(self.touched),
                         enroll=self.enroll)
        return self.summary
