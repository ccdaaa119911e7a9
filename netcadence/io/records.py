"""The shape every importer produces, and how an imported record meets the contacts already there.

Matching, so that importing the same file twice creates nothing new: slug (JSON
only), LinkedIn URL, any email, vCard UID, then the folded name when exactly one
contact has it and nothing conflicts. A match fills empty fields and adds
emails, phones and tags; it never overwrites what the user entered.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from netcadence.store import cadences as cadence_store
from netcadence.store import contacts as contact_store
from netcadence.store import schedule
from netcadence.store.contacts import is_email
from netcadence.store.db import Database
from netcadence.text import fold, normalize_tag, slugify

linkedin_key = lru_cache(maxsize=1024)(contact_store.linkedin_key)
FILLABLE = ("company", "title", "note", "how", "linkedin", "vcard_uid", "met_on")
FLUSH_FROM = 1000

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
class Record:
    """One contact as read from a file; `where` says where (`line 12`, `contacts[3]`)."""

    where: str
    name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    note: str | None = None
    how: str | None = None
    linkedin: str | None = None
    vcard_uid: str | None = None
    tags: list[str] = field(default_factory=list)
    met_on: date | None = None
    slug: str | None = None
    created_on: date | None = None
    archived: bool = False


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    extra: dict[str, int] = field(default_factory=dict)

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


def clean_text(text: str | None) -> str | None:
    """Trimmed, control characters dropped (newlines kept for notes), or None when empty."""
    if text is None:
        return None
    text = str(text)
    if text.isprintable():
        return text.strip() or None
    kept = "".join(
        ch for ch in str(text) if ch in "\n\t" or unicodedata.category(ch) != "Cc"
    ).strip()
    return kept or None


def clean_name(text: str | None) -> str | None:
    if text is None or not text:
        return None
    cleaned = clean_text(text)
    return " ".join(cleaned.split()) if cleaned else None


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
        # New contacts and list entries wait here and go in by the thousand (flush()).
        self._new_contacts: dict[int, list] = {}
        self._new_lists: dict[str, list[tuple]] = {"email": [], "phone": [], "tag": []}
        self._next_id: int | None = None
        self._uids_read: dict[str, tuple[str, str]] = {}  # vCard UID: where first, and name
        self._load()

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
            name = clean_name(record.name) or ""
            first = self._uids_read.setdefault(uid, (record.where, name))
            if fold(first[1]) != fold(name):
                self.summary.warn(record.where, f"{_shown(name)} has the same UID as "
                                                f"{_shown(first[1])} ({first[0]}); imported "
                                                "as another person, without the UID")
                record.vcard_uid = None
        return self.add(record)

    def add(self, record: Record) -> int | None:
        """Create or merge one record; returns the contact's id, or None when skipped."""
        unique: dict[str, str] = {}  # by lower-cased address: each one once, in file order
        for value in record.emails:
            email = clean_email(value)
            if email is not None:
                unique.setdefault(email.lower(), email)
            elif value and value.strip():
                self.summary.warn(record.where, f"{_shown(value.strip())} is not an email "
                                                "address; not stored as one")
        emails = record.emails = list(unique.values())
        record.phones = [p for p in dict.fromkeys(clean_name(p) for p in record.phones) if p]
        record.name = clean_name(record.name) or (emails[0] if emails else None)
        if not record.name:
            self.summary.skip(record.where, NO_NAME)
            return None
        if record.met_on and record.met_on > self.today:
            self.summary.warn(
                record.where, f"met date {record.met_on.isoformat()} is after today; dropped"
            )
            record.met_on = None
        record.tags = [t for t in (normalize_tag(t) for t in [*record.tags, *self.extra_tags]) if t]
        for name in FILLABLE[:-1]:
            value = getattr(record, name)
            if value is not None:
                setattr(record, name, clean_name(value) if name != "note" else clean_text(value))
        match = self.match(record)
        if match is None:
            cid = self._create(record)
            self.summary.created += 1
        else:
            cid = match
            if self._merge(self.known[cid], record):
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1
        self.touched.add(cid)
        return cid

    def match(self, record: Record) -> int | None:
        if record.slug and record.slug in self.by_slug:
            return self.by_slug[record.slug]
        key = linkedin_key(record.linkedin)
        if key and key in self.by_linkedin:
            return self.by_linkedin[key]
        for email in record.emails:
            if email.lower() in self.by_email:
                return self.by_email[email.lower()]
        if record.vcard_uid and record.vcard_uid in self.by_uid:
            return self.by_uid[record.vcard_uid]
        same_name = self.by_name.get(fold(record.name or ""), [])
        if len(same_name) != 1:
            return None
        known = self.known[same_name[0]]
        theirs = linkedin_key(known.fields["linkedin"])
        if key and theirs and key != theirs:
            return None
        mine = {e.lower() for e in record.emails}
        if mine and known.emails and mine != known.emails:
            return None
        return known.id

    def _create(self, record: Record) -> int:
        assert record.name is not None
        slug = self._slug(record)
        key = linkedin_key(record.linkedin) if record.linkedin else None
        if key and key in self.by_linkedin:
            record.linkedin, key = None, None
        if record.vcard_uid and record.vcard_uid in self.by_uid:
            record.vcard_uid = None
        fields = {
            "company": record.company, "title": record.title, "note": record.note,
            "how": record.how, "linkedin": record.linkedin, "vcard_uid": record.vcard_uid,
            "met_on": record.met_on.isoformat() if record.met_on else None,
        }
        created = (record.created_on or self.today).isoformat()
        if self._next_id is None:
            self._next_id = int(self.db.value("SELECT COALESCE(MAX(id), 0) FROM contact")) + 1
        cid = self._next_id
        self._next_id += 1
        name_key = fold(record.name)
        self._new_contacts[cid] = [
            cid, slug, record.name, name_key, fields["company"], fields["title"],
            fields["met_on"], fields["how"], fields["linkedin"], key, fields["vcard_uid"],
            fields["note"], created, record.archived, "tag", None, None]
        if len(self._new_contacts) >= FLUSH_FROM:
            self.flush()
        known = Known(cid, slug, name_key, fields, set(), set(), set(), "tag", None)
        self._remember(known)
        self._add_lists(known, record)
        if self.cadence is not None:
            self.give_cadence(known, self.cadence)
        return cid

    def _slug(self, record: Record) -> str:
        wanted = (record.slug or "").strip()
        if wanted and slugify(wanted) == wanted and wanted not in self.by_slug:
            return wanted
        base = slugify(record.name or "")
        if base not in self.by_slug:
            return base
        number = 2
        while f"{base}-{number}" in self.by_slug:
            number += 1
        return f"{base}-{number}"

    def _merge(self, known: Known, record: Record) -> bool:
        sets: dict[str, str | None] = {}
        for name in FILLABLE:
            value = getattr(record, name)
            if name == "met_on" and value is not None:
                value = value.isoformat()
            if not value or known.fields.get(name):
                continue
            if name == "linkedin":
                key = linkedin_key(value)
                if key in self.by_linkedin:
                    continue
                sets["linkedin_key"] = key
                self.by_linkedin[key] = known.id
            if name == "vcard_uid":
                if value in self.by_uid:
                    continue
                self.by_uid[value] = known.id
            sets[name] = value
            known.fields[name] = value
        if sets:
            self.flush()
            assignments = ", ".join(f"{column} = ?" for column in sets)
            self.db.run(f"UPDATE contact SET {assignments} WHERE id = ?",
                        (*sets.values(), known.id))
        changed = bool(sets) | self._add_lists(known, record)
        if self.cadence is not None and known.cadence_mode == "tag" and not known.cadence_label:
            changed |= self.give_cadence(known, self.cadence)
        return changed

    def _add_lists(self, known: Known, record: Record) -> bool:
        emails = []
        for email in record.emails:
            key = email.lower()
            if key in known.emails or self.by_email.get(key, known.id) != known.id:
                continue
            known.emails.add(key)
            self.by_email[key] = known.id
            emails.append((known.id, email, key))
        phones = []
        for phone in record.phones:
            if phone not in known.phones:
                known.phones.add(phone)
                phones.append((known.id, phone))
        tags = []
        for tag in record.tags:
            key = fold(tag)
            if key not in known.tags:
                known.tags.add(key)
                tags.append((known.id, key, tag))
        self._new_lists["email"] += emails
        self._new_lists["phone"] += phones
        self._new_lists["tag"] += tags
        return bool(emails or phones or tags)

    def flush(self) -> None:
        """Write the new contacts and list entries waiting to go in (ids given in advance)."""
        if self._new_contacts:
            self.db.run_many(
                "INSERT INTO contact (id, slug, name, name_key, company, title, met_on, how, "
                "linkedin, linkedin_key, vcard_uid, note, created_on, archived, cadence_mode, "
                "cadence_id, cadence_inline) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                list(self._new_contacts.values()))
            self._new_contacts = {}
            if self.db.backend == "postgresql":
                self.db.value("SELECT setval(pg_get_serial_sequence('contact', 'id'), "
                              "(SELECT MAX(id) FROM contact))")
        lists = self._new_lists
        self.db.run_many(
            "INSERT INTO contact_email (contact_id, email, email_key) VALUES (?, ?, ?)",
            lists["email"])
        self.db.run_many("INSERT INTO contact_phone (contact_id, phone) VALUES (?, ?)",
                         lists["phone"])
        self.db.run_many(
            "INSERT INTO contact_tag (contact_id, tag_key, tag) VALUES (?, ?, ?)", lists["tag"])
        self._new_lists = {"email": [], "phone": [], "tag": []}

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
        schedule.refresh(self.db, self.today, None if everyone else sorted(self.touched),
                         enroll=self.enroll)
        return self.summary
