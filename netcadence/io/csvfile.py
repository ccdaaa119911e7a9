"""CSV imports: LinkedIn, Google and Outlook exports known by their header; others by --map."""

from __future__ import annotations

from netcadence.errors import InputError
from netcadence.io import google, linkedin
from netcadence.io.records import Record, split_tags
from netcadence.io.table import Table

FIELDS = {
    "name": "the full name", "first_name": "the first name", "last_name": "the last name",
    "email": "an email", "phone": "a phone", "company": "the company", "title": "the job title",
    "note": "a note", "how": "how you met", "tags": "tags (split at commas and semicolons)",
    "met": "when you met", "linkedin": "a LinkedIn URL", "uid": "a unique id",
    "birthday": "a birthday", "anniversary": "an anniversary",
}
ALIASES = {"first": "first_name", "last": "last_name", "org": "company", "organization": "company",
           "position": "title", "notes": "note", "tag": "tags", "emails": "email",
           "phones": "phone", "url": "linkedin", "met_on": "met"}
OUTLOOK_EMAILS = ("e-mail address", "e-mail 2 address", "e-mail 3 address")
OUTLOOK_PHONES = ("mobile phone", "primary phone", "business phone", "business phone 2",
                  "home phone", "home phone 2", "company main phone", "other phone", "car phone")


def is_outlook_header(cells: list[str]) -> bool:
    names = {c.strip().lower() for c in cells}
    return "e-mail address" in names and bool({"first name", "last name"} & names)


def layout(table: Table) -> str | None:
    """Which known export the file is, found by its header row (below any preamble)."""
    for kind, accept in (("linkedin", linkedin.is_header), ("google", google.is_header),
                         ("outlook", is_outlook_header)):
        if table.find_header(accept):
            return kind
    return None


def outlook_records(table: Table) -> list[Record]:
    found = []
    for line, row in table.rows():
        name = " ".join(x for x in (row.get("first name"), row.get("middle name"),
                                    row.get("last name")) if x)
        web = row.get("web page") or ""
        found.append(Record(
            where=f"line {line}", name=name or row.get("e-mail display name"),
            emails=[row[k] for k in OUTLOOK_EMAILS if row.get(k)],
            phones=[row[k] for k in OUTLOOK_PHONES if row.get(k)],
            company=row.get("company"), title=row.get("job title"), note=row.get("notes"),
            linkedin=web if "linkedin.com/" in web.lower() else None,
            tags=split_tags(row.get("categories"), ",;"),
        ))
    return found


def parse_map(specs: list[str]) -> list[tuple[str, str]]:
    """`name=Full Name,email=E-mail` (repeatable; a field may take several columns)."""
    pairs = []
    for spec in specs:
        for part in spec.split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise InputError(f"--map: {part.strip()!r} is not FIELD=COLUMN; "
                                 'e.g. --map "name=Full Name,email=E-mail"')
            key, column = (x.strip() for x in part.split("=", 1))
            key = ALIASES.get(key.lower(), key.lower())
            if key not in FIELDS:
                raise InputError(f"--map: {key!r} is not a field; fields: {', '.join(FIELDS)}")
            if not column:
                raise InputError(f"--map: no column given for {key}")
            pairs.append((key, column))
    if not any(key in ("name", "first_name", "last_name", "email") for key, _ in pairs):
        raise InputError("--map needs at least name=COLUMN (or first_name/last_name, or email)")
    return pairs


def mapped_records(table: Table, pairs: list[tuple[str, str]]) -> list[Record]:
    wanted = {column.lower() for _, column in pairs}
    if not table.find_header(lambda cells: wanted <= {c.strip().lower() for c in cells}):
        table.first_row_as_header()
        have = {c.lower() for c in table.columns}
        missing = [column for _, column in pairs if column.lower() not in have]
        raise InputError(
            f"--map: no column {missing[0]!r} in {table.name!r}; "
            f"columns found: {table.found_columns()}"
        )
    found = []
    for line, row in table.rows():
        values: dict[str, list[str]] = {}
        for key, column in pairs:
            if row.get(column.lower()):
                values.setdefault(key, []).append(row[column.lower()])
        one = {key: found[0] for key, found in values.items()}.get
        name = one("name") or " ".join(values.get("first_name", []) + values.get("last_name", []))
        record = Record(
            where=f"line {line}", name=name, emails=_split(values.get("email")),
            phones=_split(values.get("phone")), company=one("company"), title=one("title"),
            note="\n".join(values.get("note", [])) or None, how=one("how"),
            linkedin=one("linkedin"), vcard_uid=one("uid"),
            tags=split_tags(values.get("tags"), ",;"),
            birthday=one("birthday"), anniversary=one("anniversary"),
        )
        met = one("met")
        if met:
            record.met_on = linkedin.connected_on(met)
            if record.met_on is None:
                table.warn(line, f"{met!r} is not a date; met date left empty")
        found.append(record)
    return found


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.replace(";", ",").split(",")
            if part.strip()]


def records(table: Table, mapping: list[str] | None) -> list[Record]:
    if mapping:
        return mapped_records(table, parse_map(mapping))
    kind = layout(table)
    if kind == "linkedin":
        return linkedin.records(table)
    if kind == "google":
        return google.records(table)
    if kind == "outlook":
        return outlook_records(table)
    table.first_row_as_header()
    raise InputError(
        f"{table.name!r} is not a LinkedIn, Google or Outlook export (columns found: "
        f"{table.found_columns()}); say which column is which with "
        "--map \"name=COLUMN,email=COLUMN\""
    )
