"""Exports: everything a user can see as versioned JSON, and one CSV row per contact.

The JSON is deterministic (sorted, no export timestamp) so that export, import
into an empty database, and export again give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import Any

from netcadence.store.db import Database
from netcadence.store.paused import STATUS_SQL

FORMAT_VERSION = 1
CSV_COLUMNS = ("slug", "name", "status", "company", "title", "emails", "phones", "tags",
               "cadence", "next_due", "last_touch")
# Lists whose items print one per line; the others are indented in full.
_ONE_LINE = {"tag_defaults", "events", "touches", "goals", "vacations", "intros", "job_changes"}
PAGE = 5000  # touches read and written at a time


def _pauses(rows: list[tuple]) -> list[dict[str, Any]]:
    return [{"start": s, "until": u, "ended": e} for s, u, e in rows]


def document(db: Database, today: date) -> dict[str, Any]:
    """Everything a user can see, as plain data in the versioned JSON shape."""
    from netcadence.store import cadences as cadence_store
    from netcadence.store import jobs

    names = {cid: name for cid, name in db.rows("SELECT id, name FROM cadence")}
    cadences = [
        {"name": c.name,
         "steps": [{"offset": str(s.offset), "channel": s.channel, "label": s.label}
                   for s in c.steps],
         "every": str(c.every) if c.every else None,
         "stop_on_reply": c.stop_on_reply, "give_up_after": c.give_up_after}
        for c in sorted(cadence_store.load_cadences(db).values(), key=lambda c: c.name)
    ]
    tag_defaults = sorted(
        ({"tag": tag, "cadence": names[cid] if cid is not None else inline}
         for tag, cid, inline in db.rows(
             "SELECT tag, cadence_id, cadence_inline FROM tag_default")),
        key=lambda t: t["tag"],
    )
    lists = _contact_lists(db)
    pauses: dict[int, list[tuple]] = {}
    vacations = []
    for cid, started, until, ended in db.rows(
        "SELECT contact_id, started_on, until, ended_on FROM pause ORDER BY started_on, id"
    ):
        if cid is None:
            vacations.append((started, until, ended))
        else:
            pauses.setdefault(cid, []).append((started, until, ended))
    slugs: dict[int, str] = {}
    contacts = []
    for row in db.rows(
        f"SELECT c.id, c.slug, c.name, {STATUS_SQL}, c.company, c.title, c.met_on, c.how, "
        "c.linkedin, c.note, c.vcard_uid, c.created_on, c.cadence_mode, c.cadence_id, "
        "c.cadence_inline, c.enrolled_on, c.next_due, c.last_touch, c.snooze_until, "
        "c.snoozed_on, c.birthday, c.anniversary FROM contact c", (today.isoformat(),)
    ):
        (cid, slug, name, status, company, title, met, how, linkedin, note, uid, created, mode,
         cadence_id, inline, enrolled, next_due, last_touch, snooze_until, snoozed_on,
         birthday, anniversary) = row
        slugs[cid] = slug
        cadence = None
        if mode == "own":
            cadence = names.get(cadence_id) if cadence_id is not None else inline
        elif mode == "none":
            cadence = "none"
        contacts.append({
            "slug": slug, "name": name, "status": status,
            "emails": lists["emails"].get(cid, []), "phones": lists["phones"].get(cid, []),
            "company": company, "title": title, "tags": lists["tags"].get(cid, []),
            "met": met, "birthday": birthday, "anniversary": anniversary,
            "how": how, "linkedin": linkedin, "note": note, "vcard_uid": uid,
            "created": created, "cadence": cadence, "enrolled": enrolled,
            "next_due": next_due if status in ("active", "paused") else None,
            "last_touch": last_touch,
            "snooze": {"until": snooze_until, "set_on": snoozed_on} if snooze_until else None,
            "pauses": _pauses(pauses.get(cid, [])),
        })
    contacts.sort(key=lambda c: c["slug"])
    events = {
        eid: (name, held) for eid, name, held in db.rows("SELECT id, name, held_on FROM event")
    }
    goals = sorted(
        ({"name": name, "period": period, "target": target, "tag": tag, "channel": channel,
          "direction": direction, "count_by": count_by}
         for name, period, target, tag, channel, direction, count_by in db.rows(
             "SELECT name, period, target, tag, channel, direction, count_by FROM goal")),
        key=lambda g: g["name"],
    )
    return {
        "netcadence": FORMAT_VERSION,
        "cadences": cadences,
        "tag_defaults": tag_defaults,
        "contacts": contacts,
        "events": sorted(({"name": n, "date": d} for n, d in events.values()),
                         key=lambda e: (e["date"], e["name"])),
        "touches": _touches(db, slugs, events),
        "goals": goals,
        "vacations": _pauses(vacations),
        "intros": _intros(db, slugs),
        "job_changes": [
            {"contact": slug, "date": day, "old_company": change.old_company,
             "new_company": change.new_company, "old_title": change.old_title,
             "new_title": change.new_title}
            for slug, day, change in jobs.all_changes(db)],
        "settings": settings(db),
    }


def _intros(db: Database, slugs: dict[int, str]) -> list[dict[str, Any]]:
    """Introductions by id, their people by slug."""
    from netcadence.store import intros

    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    return [{"id": intro.id, "a": slugs[intro.a], "b": slugs[intro.b],
             "proposed": intro.proposed_on.isoformat(), "a_agreed": iso(intro.a_agreed_on),
             "b_agreed": iso(intro.b_agreed_on), "made": iso(intro.made_on),
             "dropped": iso(intro.dropped_on), "note": intro.note, "outcome": intro.outcome}
            for intro in intros.all_intros(db)]


def settings(db: Database) -> dict[str, Any]:
    """The network settings set in this database, by key: whole numbers as numbers."""
    from netcadence.store import settings as settings_store

    return {key: int(value) if key in settings_store.WHOLE_NUMBERS else value
            for key, value in sorted(settings_store.stored(db).items())}


def _touches(db: Database, slugs: dict[int, str],
             events: dict[int, tuple[str, str]]) -> Iterator[dict[str, Any]]:
    """The touches by date then id, read a page at a time so that memory holds one page."""
    after: tuple[str, int] = ("", 0)
    while True:
        rows = db.rows(
            "SELECT id, contact_id, touched_on, channel, direction, note, give, ask, logged_by, "
            "event_id, source FROM touch WHERE (touched_on, id) > (?, ?) ORDER BY touched_on, id "
            "LIMIT ?", (*after, PAGE))
        for tid, cid, day, channel, direction, note, give, ask, by, eid, source in rows:
            touch = {"id": tid, "contact": slugs[cid], "date": day, "channel": channel,
                     "direction": direction, "note": note or "", "give": bool(give),
                     "ask": bool(ask), "by": by,
                     "event": {"name": events[eid][0], "date": events[eid][1]}
                     if eid in events else None}
            if source:  # logged by sync (mail or calendar)
                touch["source"] = source
            yield touch
        if len(rows) < PAGE:
            return
        after = (rows[-1][2], rows[-1][0])


def json_chunks(doc: dict[str, Any]) -> Iterator[str]:
    """Indented JSON, small records one per line (fast to write and easy to diff), in pieces.

    A list may be any iterable: it is written as it is read, never held whole.
    """
    yield f'{{\n  "netcadence": {json.dumps(doc["netcadence"])}'
    for key, values in doc.items():
        if key == "netcadence":
            continue
        if isinstance(values, dict):  # a small object, on one line
            yield f",\n  {json.dumps(key)}: {json.dumps(values, ensure_ascii=False)}"
            continue
        items = iter(values)
        first = next(items, None)
        if first is None:
            yield f",\n  {json.dumps(key)}: []"
            continue
        if key in _ONE_LINE:
            def text(item: Any) -> str:
                return "    " + json.dumps(item, ensure_ascii=False)
        else:
            def text(item: Any) -> str:
                return textwrap.indent(json.dumps(item, ensure_ascii=False, indent=2), "    ")
        yield f",\n  {json.dumps(key)}: [\n" + text(first)
        while page := list(islice(items, PAGE)):
            yield "".join([",\n" + text(item) for item in page])
        yield "\n  ]"
    yield "\n}\n"


def safe_cell(value: str) -> str:
    """A cell no spreadsheet will run as a formula."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value


def csv_text(db: Database, today: date) -> str:
    doc_rows = db.rows(
        f"SELECT c.id, c.slug, c.name, {STATUS_SQL}, c.company, c.title, c.cadence_label, "
        "c.next_due, c.last_touch FROM contact c", (today.isoformat(),)
    )
    lists = _contact_lists(db)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for cid, slug, name, status, company, title, label, next_due, last_touch in sorted(
        doc_rows, key=lambda r: r[1]
    ):
        cells = [
            slug, name, status, company or "", title or "",
            "; ".join(lists["emails"].get(cid, [])), "; ".join(lists["phones"].get(cid, [])),
            "; ".join(lists["tags"].get(cid, [])), label or "",
            (next_due or "") if status in ("active", "paused") else "", last_touch or "",
        ]
        writer.writerow([safe_cell(cell) for cell in cells])
    return buffer.getvalue()


def _contact_lists(db: Database) -> dict[str, dict[int, list[str]]]:
    """Every contact's emails, phones and tags, by contact id, in a stable order."""
    lists: dict[str, dict[int, list[str]]] = {"emails": {}, "phones": {}, "tags": {}}
    for sql, key in (
        ("SELECT contact_id, email FROM contact_email ORDER BY id", "emails"),
        ("SELECT contact_id, phone FROM contact_phone ORDER BY id", "phones"),
        ("SELECT contact_id, tag FROM contact_tag ORDER BY tag", "tags"),
    ):
        for cid, value in db.rows(sql):
            lists[key].setdefault(cid, []).append(value)
    return lists
