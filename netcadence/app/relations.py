"""Relationships beyond reminders: the give and ask ledger, who you know at a company, a
brief before you call, and job changes in the agenda."""

from __future__ import annotations

from datetime import date

from netcadence.app.session import Session
from netcadence.errors import InputError
from netcadence.text import fold

TYPE_CHECKING = False
if TYPE_CHECKING:
    from netcadence.engine.agenda import AgendaItem
    from netcadence.store.db import Database

NOTES_IN_BRIEF = 3


# --- ledger -------------------------------------------------------------------------


def ledger_rows(db: Database) -> list[dict]:
    """Contacts (not archived) with any give or ask: what is open first, then by name."""
    from netcadence.store import relations

    found = relations.ledgers(db)
    if not found:
        return []
    rows = []
    for cid, slug, name in db.rows("SELECT id, slug, name FROM contact WHERE NOT archived"):
        balance = found.get(cid)
        if balance is not None:
            rows.append({"slug": slug, "name": name, **balance.as_json()})
    rows.sort(key=lambda r: (not (r["owe_answer"] or r["asked_before_giving"]), fold(r["name"]),
                             r["slug"]))
    return rows


def show_ledger(session: Session, *, json: bool = False) -> None:
    rows = ledger_rows(session.db())
    if json:
        from netcadence.render.output import emit_json

        emit_json(rows)
        return
    from netcadence.render.relations import ledger_table

    ledger_table(rows)


# --- at ---------------------------------------------------------------------------


def people_at(db: Database, company: str, today: date) -> list[dict]:
    """Contacts (not archived) whose company or an email's domain matches, strongest first."""
    from netcadence.engine.companies import Matcher
    from netcadence.store import relations

    matcher = Matcher(company)
    if matcher.empty:
        raise InputError(f"{company!r} names no company; e.g. netcadence at \"Acme Corp\"")
    everyone = relations.people(db, today)
    by_company: dict[str, bool] = {}  # many contacts share a company: each is compared once
    matched: dict[int, str] = {}
    for person in everyone:
        if person.company:
            if person.company not in by_company:
                by_company[person.company] = matcher.company(person.company)
            if by_company[person.company]:
                matched[person.id] = "company"
    for contact_id, email in relations.emails(db):
        if contact_id not in matched and matcher.email(email):
            matched[contact_id] = "email"
    found = sorted((p for p in everyone if p.id in matched), key=lambda p: p.order)
    return [{"slug": p.slug, "name": p.name, "company": p.company, "title": p.title,
             "last_touch": p.last_touch, "strength": p.strength, "matched": matched[p.id]}
            for p in found]


def show_at(session: Session, company: str, *, json: bool = False) -> None:
    if not company.strip():
        raise InputError("name a company, e.g. netcadence at \"Acme Corp\"")
    rows = people_at(session.db(), company, session.today())
    if json:
        from netcadence.render.output import emit_json

        emit_json(rows)
        return
    from netcadence.render.relations import at_table

    at_table(rows, company)


# --- brief ------------------------------------------------------------------------


def brief(db: Database, contact_id: int, today: date) -> dict:
    """One contact on one screen: who they are, where you stand, what is open."""
    from netcadence.dates import parse_duration
    from netcadence.engine.ledger import LedgerTouch, open_asks
    from netcadence.engine.occasions import KINDS, next_occasion, stored_day
    from netcadence.store.details import contact_details

    data = contact_details(db, contact_id, today)
    since = parse_duration("1y").before(today).isoformat()
    recent = [t for t in data["touches"] if t["date"] > since]
    coming = next_occasion({kind: stored_day(data[kind]) for kind in KINDS}, today)
    asks = open_asks((LedgerTouch(date.fromisoformat(t["date"]), t["direction"], t["give"],
                                  t["ask"]), t["note"]) for t in data["touches"])
    return {
        "slug": data["slug"], "name": data["name"], "company": data["company"],
        "title": data["title"], "tags": data["tags"], "met": data["met"], "how": data["how"],
        "cadence": data["cadence"], "step": data["step"], "next_due": data["next_due"],
        "last_touch": data["last_touch"],
        "touches_12m": {"in": sum(1 for t in recent if t["direction"] == "in"),
                        "out": sum(1 for t in recent if t["direction"] == "out")},
        "gave": data["given"], "asked": data["asked"], "got": data["got"],
        "were_asked": data["were_asked"], "strength": data["strength"],
        "next_occasion": {"kind": coming[0], "date": coming[1].isoformat()} if coming else None,
        "notes": {
            "contact": data["note"],
            "touches": [{"date": t["date"], "channel": t["channel"], "direction": t["direction"],
                         "note": t["note"]} for t in data["touches"] if t["note"].strip()
                        ][:NOTES_IN_BRIEF],
        },
        "open_asks": asks,
    }


def show_brief(session: Session, contact: str, *, json: bool = False) -> None:
    from netcadence.store import contacts as contact_store

    db = session.db()
    ref = contact_store.resolve(db, contact)
    data = brief(db, ref.id, session.today())
    if json:
        from netcadence.render.output import emit_json

        emit_json(data)
        return
    from netcadence.render.relations import brief_card

    brief_card(data)


# --- news in the agenda -------------------------------------------------------------


def news_rows(db: Database, today: date, tag: str | None) -> list[AgendaItem]:
    """A row for each contact whose job change is at most NEWS_DAYS old and who has had
    no touch since, due on the day it was noticed."""
    from netcadence.engine.agenda import NEWS_DAYS, other_row
    from netcadence.store import jobs
    from netcadence.store.agenda import shown_for_news

    where, params = shown_for_news(db, today, tag)
    return [other_row("news", c.slug, c.name, date.fromisoformat(c.day), today, c.change.what,
                      c.last_touch, interval_days=float(NEWS_DAYS))
            for c in jobs.in_the_news(db, today, where, params)]
