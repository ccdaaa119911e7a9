"""Google Contacts' CSV export: the current layout (Labels, `E-mail N - Value`) and the legacy."""

from __future__ import annotations

import re

from netcadence.io.records import Record, split_tags
from netcadence.io.table import Table

_NUMBERED = re.compile(r"^(e-mail|phone|website|organization) (\d+) - (value|name|title)$")
DROPPED_LABELS = {"my contacts", "starred in android"}


def is_header(cells: list[str]) -> bool:
    names = {c.strip().lower() for c in cells}
    numbered = any(_NUMBERED.match(name) for name in names)
    return numbered and ("labels" in names or "group membership" in names
                         or "given name" in names or "first name" in names)


def labels_to_tags(text: str | None) -> list[str]:
    """Labels joined with ` ::: `; system labels (`* myContacts`, any `* …`) are dropped."""
    kept = []
    for label in (text or "").split(":::"):
        label = label.strip()
        if not label or label.startswith("*") or label.lower() in DROPPED_LABELS:
            continue
        kept.append(label)
    return [t for t in split_tags(kept) if t not in DROPPED_LABELS]


def _values(text: str | None) -> list[str]:
    return [v.strip() for v in (text or "").split(":::") if v.strip()]


def records(table: Table) -> list[Record]:
    found = []
    for line, row in table.rows():
        emails, phones, websites, companies, titles = [], [], [], [], []
        for key in sorted(row, key=_number):
            match = _NUMBERED.match(key)
            if not match:
                continue
            kind, _, part = match.groups()
            values = _values(row[key])
            if kind == "e-mail" and part == "value":
                emails += values
            elif kind == "phone" and part == "value":
                phones += values
            elif kind == "website" and part == "value":
                websites += values
            elif kind == "organization" and part == "name":
                companies += values
            elif kind == "organization" and part == "title":
                titles += values
        name = row.get("name") or " ".join(
            x for x in (row.get("first name") or row.get("given name"),
                        row.get("middle name") or row.get("additional name"),
                        row.get("last name") or row.get("family name")) if x
        ) or row.get("nickname") or row.get("file as")
        linkedin = next((w for w in websites if "linkedin.com/" in w.lower()), None)
        found.append(Record(
            where=f"line {line}", name=name, emails=emails, phones=phones,
            company=row.get("organization name") or (companies[0] if companies else None),
            title=row.get("organization title") or (titles[0] if titles else None),
            note=row.get("notes"), linkedin=linkedin,
            tags=labels_to_tags(row.get("labels") or row.get("group membership")),
            birthday=row.get("birthday"),  # 1990-04-12, or ` --04-12` without the year
        ))
    return found


def _number(key: str) -> tuple[int, str]:
    match = _NUMBERED.match(key)
    return (int(match.group(2)), key) if match else (0, key)
