"""LinkedIn's Connections export: a "Notes:" preamble, then First Name, Last Name, URL, …"""

from __future__ import annotations

import re
from datetime import date

from netcadence.io.records import Record
from netcadence.io.table import Table

MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -](\d{4})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\b")


def is_header(cells: list[str]) -> bool:
    names = {c.strip().lower() for c in cells}
    return {"first name", "last name"} <= names and (
        "connected on" in names or {"company", "position"} <= names
    )


def connected_on(text: str) -> date | None:
    """`09 Oct 2024` (current export), `1/8/18, 6:14 PM` (older, US order), or ISO."""
    value = text.strip()
    if not value:
        return None
    try:
        match = _DAY_MONTH_YEAR.match(value)
        if match and match.group(2).lower() in MONTHS:
            return date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
        match = _US_DATE.match(value)
        if match:
            year = int(match.group(3))
            year += 2000 if year < 100 else 0
            return date(year, int(match.group(1)), int(match.group(2)))
        match = _ISO_DATE.match(value)
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    return None


def records(table: Table) -> list[Record]:
    found = []
    for line, row in table.rows():
        name = " ".join(x for x in (row.get("first name"), row.get("last name")) if x)
        record = Record(
            where=f"line {line}", name=name,
            emails=[row.get("email address") or row.get("e-mail address") or ""],
            company=row.get("company"), title=row.get("position"),
            linkedin=row.get("url") or row.get("profile url"), how="LinkedIn",
            from_linkedin=True,
        )
        when = row.get("connected on") or ""
        record.met_on = connected_on(when)
        if when and record.met_on is None:
            table.warn(line, f"{when!r} is not a date; met date left empty")
        found.append(record)
    return found
