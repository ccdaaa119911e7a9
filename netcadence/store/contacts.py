"""Contacts: creation with unique slugs, resolution of typed names, details and lists."""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from datetime import date

from netcadence.errors import Ambiguous, InputError, NotFound
from netcadence.store import limits
from netcadence.store.db import Database
from netcadence.store.paused import STATUS_SQL
from netcadence.text import clean_line, clean_note, fold, name_words, normalize_tag, slugify

# An address someone can be written to: local@domain, the domain a name with a dot
# whose last label is not a number. So `ana@localhost` and `ana@127.0.0.1` (one
# machine's own addresses) are no email addresses of a contact, whichever door they
# come through.
EMAIL_RE = re.compile(
    r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.(?![0-9]+$)[^@\s<>()\[\],;:\".]+$")


@dataclass(frozen=True)
class ContactRef:
    id: int
    slug: str
    name: str
    archived: bool = False


@dataclass
class NewContact:
    """A contact to create. `slug`, `created_on` and `archived` are for imports: a file's
    slug is kept when it is one and free, a restored contact keeps its creation date."""

    name: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    tags: list[str] = field(default_factory=list)
    met_on: date | None = None
    how: str | None = None
    linkedin: str | None = None
    note: str | None = None
    vcard_uid: str | None = None
    slug: str | None = None
    created_on: date | None = None
    archived: bool = False


@dataclass
class ContactChanges:
    """What `edit` changes: a field left None stays as it is; the lists add and remove."""

    name: str | None = None
    company: str | None = None
    title: str | None = None
    met_on: date | None = None
    how: str | None = None
    linkedin: str | None = None
    note: str | None = None
    emails: list[str] = field(default_factory=list)
    rm_emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    rm_phones: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    untags: list[str] = field(default_factory=list)


def is_email(text: str) -> bool:
    return bool(EMAIL_RE.match(text.strip()))


def clean_name(name: str | None) -> str:
    """The name as it is kept: on one line, control characters dropped, within the limit."""
    cleaned = clean_line(name)
    if not cleaned:
        raise InputError("a contact needs a name; give a non-empty NAME")
    return limits.text("name", cleaned)


def checked_email(email: str) -> str:
    email = email.strip()
    if not is_email(email):
        raise InputError(f"{email!r} is not an email address")
    return limits.text("email", email)


def checked_phone(phone: str) -> str | None:
    return limits.maybe_text("phone", clean_line(phone))


def checked_tag(tag: str) -> str:
    label = normalize_tag(tag)
    if not label:
        raise InputError("a tag cannot be empty")
    if not label.isascii():  # its folded key, which may be longer, is kept too
        limits.text("tag", fold(label))
    return limits.text("tag", label)


def checked(new: NewContact) -> NewContact:
    """The contact as it is kept, every value cleaned and within the limits of the
    database, whichever door it came through (a command or an import); else InputError."""
    emails: dict[str, str] = {}
    for email in new.emails:
        email = checked_email(email)
        emails.setdefault(email.lower(), email)
    phones = [p for p in dict.fromkeys(checked_phone(p) for p in new.phones) if p]
    tags: dict[str, str] = {}
    for tag in new.tags:
        label = checked_tag(tag)
        tags.setdefault(fold(label), label)
    line = {name: limits.maybe_text(name, clean_line(getattr(new, name)))
            for name in ("company", "title", "how", "linkedin", "vcard_uid")}
    return NewContact(
        name=clean_name(new.name), emails=list(emails.values()), phones=phones,
        tags=list(tags.values()), met_on=new.met_on, note=limits.maybe_text(
            "note", clean_note(new.note)), slug=new.slug, created_on=new.created_on,
        archived=new.archived, **line)


def linkedin_key(url: str | None) -> str | None:
    """A LinkedIn profile URL reduced to what identifies it."""
    if not url or not url.strip():
        return None
    key = url.strip().lower()
    key = re.sub(r"^https?://", "", key)
    key = re.sub(r"^([a-z]{2,3}\.)?(www\.)?", "", key)
    return key.split("?")[0].rstrip("/")


SLUG_BASE = 280  # a slug is at most 300 characters: room for `-2`, `-3`…


def free_slug(name: str, taken: Container[str], wanted: str | None = None) -> str:
    """The slug of a new contact: `wanted` when it is a slug and not taken (an import keeps
    its file's slugs), else the name's, with -2, -3… when that is taken."""
    if wanted and wanted not in taken and len(wanted) <= SLUG_BASE and slugify(wanted) == wanted:
        return wanted
    base = slugify(name)[:SLUG_BASE].rstrip("-") or "contact"
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def unique_slug(db: Database, name: str) -> str:
    base = slugify(name)[:SLUG_BASE].rstrip("-") or "contact"
    taken = {
        slug for (slug,) in db.rows(
            "SELECT slug FROM contact WHERE slug = ? OR slug LIKE ?", (base, base + "-%")
        )
    }
    return free_slug(name, taken)


def create(db: Database, new: NewContact, today: date) -> ContactRef:
    """Insert a contact (no cadence yet: the caller sets one and refreshes the schedule)."""
    new = checked(new)
    contact_id = next_id(db)
    slug = unique_slug(db, new.name)
    insert(db, [row(contact_id, slug, new, today)])
    add_emails(db, contact_id, new.emails)
    add_phones(db, contact_id, new.phones)
    add_tags(db, contact_id, new.tags)
    return ContactRef(contact_id, slug, new.name)


def next_id(db: Database) -> int:
    """The id the next new contact takes (ids are given before the rows are written, so
    that an import can write its contacts and their lists by the thousand)."""
    return int(db.value("SELECT COALESCE(MAX(id), 0) FROM contact")) + 1


def name_key(name: str) -> str:
    """The folded name that exact lookups compare, within its column (folding may make a
    long name longer)."""
    return fold(name)[:limits.LENGTHS["name"]]


def row(contact_id: int, slug: str, new: NewContact, today: date,
        key: str | None = None) -> list:
    """A checked new contact as `insert` takes it (`key`: its name_key, when known); its
    cadence comes from its tags."""
    return [
        contact_id, slug, new.name, key or name_key(new.name), new.company, new.title,
        new.met_on.isoformat() if new.met_on else None, new.how, new.linkedin,
        linkedin_key(new.linkedin), new.vcard_uid, new.note,
        (new.created_on or today).isoformat(), new.archived, "tag", None, None,
    ]


def insert(db: Database, rows: list[list]) -> None:
    """The one writer of new contacts, for `add` and for imports alike: rows made by
    `row` from checked contacts, ids from `next_id`."""
    db.run_many(
        "INSERT INTO contact (id, slug, name, name_key, company, title, met_on, how, "
        "linkedin, linkedin_key, vcard_uid, note, created_on, archived, cadence_mode, "
        "cadence_id, cadence_inline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows)
    if rows and db.backend == "postgresql":
        db.value("SELECT setval(pg_get_serial_sequence('contact', 'id'), "
                 "(SELECT MAX(id) FROM contact))")


def add_emails(db: Database, contact_id: int, emails: list[str]) -> bool:
    """Add the emails the contact does not have yet; whether it gained any."""
    have = {key for (key,) in db.rows(
        "SELECT email_key FROM contact_email WHERE contact_id = ?", (contact_id,)
    )}
    new = []
    for email in map(checked_email, emails):
        if email.lower() not in have:
            have.add(email.lower())
            new.append((contact_id, email))
    insert_lists(db, emails=new)
    return bool(new)


def add_phones(db: Database, contact_id: int, phones: list[str]) -> bool:
    have = {
        p for (p,) in db.rows("SELECT phone FROM contact_phone WHERE contact_id = ?", (contact_id,))
    }
    new = []
    for phone in map(checked_phone, phones):
        if phone and phone not in have:
            have.add(phone)
            new.append((contact_id, phone))
    insert_lists(db, phones=new)
    return bool(new)


def add_tags(db: Database, contact_id: int, tags: list[str]) -> bool:
    have = {key for (key,) in db.rows(
        "SELECT tag_key FROM contact_tag WHERE contact_id = ?", (contact_id,)
    )}
    new = []
    for tag in map(checked_tag, tags):
        if fold(tag) not in have:
            have.add(fold(tag))
            new.append((contact_id, tag))
    insert_lists(db, tags=new)
    return bool(new)


def insert_lists(db: Database, *, emails: Sequence[tuple[int, str]] = (),
                 phones: Sequence[tuple[int, str]] = (),
                 tags: Sequence[tuple[int, str]] = ()) -> None:
    """The one writer of contacts' emails, phones and tags: (contact id, checked value)
    pairs that the contact does not have yet."""
    db.run_many("INSERT INTO contact_email (contact_id, email, email_key) VALUES (?, ?, ?)",
                [(cid, email, email.lower()) for cid, email in emails])
    db.run_many("INSERT INTO contact_phone (contact_id, phone) VALUES (?, ?)", phones)
    db.run_many("INSERT INTO contact_tag (contact_id, tag_key, tag) VALUES (?, ?, ?)",
                [(cid, fold(tag), tag) for cid, tag in tags])


def remove_tags(db: Database, contact_id: int, tags: list[str]) -> bool:
    """Remove tags; naming one the contact does not have is an error."""
    for tag in tags:
        if not db.run(
            "DELETE FROM contact_tag WHERE contact_id = ? AND tag_key = ?",
            (contact_id, fold(normalize_tag(tag))),
        ):
            raise InputError(f"{tag!r} is not one of this contact's tags")
    return bool(tags)


def edit(db: Database, contact_id: int, changes: ContactChanges) -> bool:
    """Apply an edit; returns whether the tags changed (so the cadence may have)."""
    for email in changes.emails:
        checked_email(email)
    fields: dict[str, str | None] = {
        "company": changes.company, "title": changes.title, "how": changes.how,
        "note": changes.note, "linkedin": changes.linkedin,
        "met_on": changes.met_on.isoformat() if changes.met_on else None,
    }
    if changes.name is not None:
        fields["name"] = changes.name
    update_fields(db, contact_id, fields)
    add_emails(db, contact_id, changes.emails)
    remove_values(db, contact_id, "email", changes.rm_emails)
    add_phones(db, contact_id, changes.phones)
    remove_values(db, contact_id, "phone", changes.rm_phones)
    changed = add_tags(db, contact_id, changes.tags)
    return remove_tags(db, contact_id, changes.untags) or changed


# --- resolution of a name typed on the command line -------------------------------


def resolve(db: Database, query: str) -> ContactRef:
    """Exact slug, exact name, email, then word prefixes; else a clear error."""
    found = find_exact(db, query)
    if found:
        return one_of(query, found)
    wanted = name_words(query)
    if not wanted:
        raise NotFound(f"{query!r} does not name a contact; give a name, slug or email")
    # Only names whose folded form holds every word can match: the database picks them
    # out, so that a name nobody has costs no pass over every contact in Python.
    holds = " AND ".join(["name_key LIKE ? ESCAPE '!'"] * len(wanted))
    patterns = ["%" + re.sub(r"([!%_])", r"!\1", word) + "%" for word in wanted]
    matches = [
        ContactRef(cid, slug, name)
        for cid, slug, name in db.rows(
            f"SELECT id, slug, name FROM contact WHERE NOT archived AND {holds}", patterns)
        if words_match(wanted, name_words(name))
    ]
    if matches:
        return one_of(query, matches)
    raise NotFound(unknown_message(db, query))


def find_exact(db: Database, query: str) -> list[ContactRef]:
    """Contacts with exactly this slug, else this name (folded), else this email."""
    text = query.strip()
    for sql, value in (
        ("SELECT id, slug, name, archived FROM contact WHERE slug = ?", text),
        ("SELECT id, slug, name, archived FROM contact WHERE slug = ?", text.lower()),
        ("SELECT id, slug, name, archived FROM contact WHERE name_key = ?", fold(text)),
        (
            "SELECT DISTINCT c.id, c.slug, c.name, c.archived FROM contact c "
            "JOIN contact_email e ON e.contact_id = c.id WHERE e.email_key = ?",
            text.lower(),
        ),
    ):
        rows = db.rows(sql, (value,))
        if rows:
            return [ContactRef(r[0], r[1], r[2], bool(r[3])) for r in rows]
    return []


def one_of(query: str, found: list[ContactRef]) -> ContactRef:
    if len(found) == 1:
        return found[0]
    ordered = sorted(found, key=lambda c: c.slug)
    listed = ", ".join(
        f"{c.name} ({c.slug}{', archived' if c.archived else ''})" for c in ordered[:SHOWN])
    if len(ordered) > SHOWN:
        listed += f" and {len(ordered) - SHOWN} more"
    raise Ambiguous(f"{query.strip()!r} matches {len(ordered)} contacts: {listed}; "
                    "name one by its slug")


SHOWN = 10  # candidates named in an error: the line stays readable


def words_match(wanted: list[str], words: list[str], used: frozenset[int] = frozenset()) -> bool:
    """Every wanted word is the prefix of a different word of the name."""
    if not wanted:
        return True
    first, rest = wanted[0], wanted[1:]
    for index, word in enumerate(words):
        if index not in used and word.startswith(first):
            if words_match(rest, words, used | {index}):
                return True
    return False


def unknown_message(db: Database, query: str) -> str:
    from netcadence.suggest import closest

    suggestions = closest(query, _similar_names(db, query))
    if suggestions:
        slugs = {name: [] for name in suggestions}
        for name, slug in db.rows(
            f"SELECT name, slug FROM contact WHERE name IN ({', '.join('?' * len(slugs))})",
            list(slugs),
        ):
            slugs[name].append(slug)
        hint = "; did you mean " + " or ".join(
            f"{n} ({slug})" for n in suggestions for slug in sorted(slugs[n])) + "?"
    else:
        hint = "; add it with 'netcadence add' (or 'netcadence log NAME --new')"
    return f"no contact matches {query.strip()!r}{hint}"


SIMILAR = 100  # the names a suggestion is chosen from


def _similar_names(db: Database, query: str) -> list[str]:
    """The names that share the most pieces of three letters (or a whole shorter word)
    with the query, most first: the database does the first sifting, so that an unknown
    name costs little however large the network."""
    from netcadence.suggest import key

    pieces = []
    for word in key(query).split():
        pieces += [word] if len(word) <= 3 else [word[i:i + 3] for i in range(len(word) - 2)]
    pieces = list(dict.fromkeys(pieces))[:24]
    if not pieces:
        return []
    hits = " + ".join(["CASE WHEN name_key LIKE ? THEN 1 ELSE 0 END"] * len(pieces))
    return [name for name, _hits in db.rows(
        f"SELECT name, hits FROM (SELECT id, name, {hits} AS hits FROM contact) AS scored "
        f"WHERE hits > 0 ORDER BY hits DESC, id LIMIT {SIMILAR}",
        [f"%{piece}%" for piece in pieces],
    )]


def ref(db: Database, contact_id: int) -> ContactRef:
    row = db.row("SELECT id, slug, name, archived FROM contact WHERE id = ?", (contact_id,))
    if row is None:
        raise NotFound(f"contact {contact_id} does not exist")
    return ContactRef(row[0], row[1], row[2], bool(row[3]))


def status(db: Database, contact_id: int, today: date) -> str:
    return db.value(
        f"SELECT {STATUS_SQL} FROM contact c WHERE c.id = ?", (today.isoformat(), contact_id)
    )


def update_fields(db: Database, contact_id: int, fields: dict[str, str | None]) -> None:
    """Set the given columns, each cleaned and checked as `checked` does; a None value
    leaves that column as it is, an empty one clears it."""
    sets, params = [], []
    for column, value in fields.items():
        if value is None:
            continue
        if column == "name":
            value = clean_name(value)
            sets.append("name_key = ?")
            params.append(name_key(value))
        elif column == "note":
            value = limits.maybe_text("note", clean_note(value))
        elif column != "met_on":
            assert column in ("company", "title", "how", "linkedin", "vcard_uid")
            value = limits.maybe_text(column, clean_line(value))
        if column == "linkedin":
            sets.append("linkedin_key = ?")
            params.append(linkedin_key(value))
        sets.append(f"{column} = ?")
        params.append(value or None)
    if sets:
        db.run(f"UPDATE contact SET {', '.join(sets)} WHERE id = ?", (*params, contact_id))


def remove_values(db: Database, contact_id: int, kind: str, values: list[str]) -> None:
    """Remove emails or phones; naming one the contact does not have is an error."""
    table, column, key = (
        ("contact_email", "email_key", str.lower) if kind == "email"
        else ("contact_phone", "phone", str.strip)
    )
    for value in values:
        if not db.run(
            f"DELETE FROM {table} WHERE contact_id = ? AND {column} = ?",
            (contact_id, key(value.strip())),
        ):
            raise InputError(f"{value!r} is not one of this contact's {kind}s")


def next_due(db: Database, contact_id: int) -> str | None:
    return db.value("SELECT next_due FROM contact WHERE id = ?", (contact_id,))


def archive(db: Database, ref: ContactRef) -> None:
    if ref.archived:
        raise InputError(f"{ref.name} ({ref.slug}) is already archived")
    db.run("UPDATE contact SET archived = ? WHERE id = ?", (True, ref.id))


def touch_count(db: Database, contact_id: int) -> int:
    return int(db.value("SELECT count(*) FROM touch WHERE contact_id = ?", (contact_id,)))


def delete(db: Database, contact_id: int) -> None:
    """A contact and, through the schema's cascades, its touches, emails, phones and tags."""
    db.run("DELETE FROM contact WHERE id = ?", (contact_id,))
