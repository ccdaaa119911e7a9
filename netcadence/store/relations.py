"""Queries behind the relationship commands: the ledger, strength, who works where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netcadence.engine.ledger import Ledger, LedgerTouch
from netcadence.engine.strength import score
from netcadence.store.db import Database
from netcadence.text import fold

# Per contact: you gave, you asked, they gave, they asked, and their asks after your
# last give (engine/ledger.py says what each means; tests hold the two together).
_LEDGER = (
    "SELECT t.contact_id, "
    "SUM(CASE WHEN t.direction = 'out' AND t.give THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN t.direction = 'out' AND t.ask THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN t.direction = 'in' AND t.give THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN t.direction = 'in' AND t.ask THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN t.direction = 'in' AND t.ask "
    "AND (g.last_give IS NULL OR t.touched_on > g.last_give) THEN 1 ELSE 0 END) "
    "FROM touch t LEFT JOIN (SELECT contact_id, MAX(touched_on) AS last_give FROM touch "
    "WHERE direction = 'out' AND give GROUP BY contact_id) g ON g.contact_id = t.contact_id "
    "WHERE (t.give OR t.ask){where} GROUP BY t.contact_id"
)


def _ledger(gave, asked, got, were_asked, owe_answer) -> Ledger:
    gave, asked = int(gave), int(asked)
    return Ledger(gave=gave, asked=asked, got=int(got), were_asked=int(were_asked),
                  owe_answer=int(owe_answer), asked_before_giving=asked if not gave else 0)


def ledgers(db: Database) -> dict[int, Ledger]:
    """Every contact with any give or ask: its ledger."""
    return {int(cid): _ledger(*counts) for cid, *counts in db.rows(_LEDGER.format(where=""))}


def ledger_of(db: Database, contact_id: int) -> Ledger:
    row = db.row(_LEDGER.format(where=" AND t.contact_id = ?"), (contact_id,))
    return _ledger(*row[1:]) if row else Ledger()


def ledger_touch(direction: str, day: str, give: bool, ask: bool) -> LedgerTouch:
    return LedgerTouch(date.fromisoformat(day), direction, bool(give), bool(ask))


def counts_between(db: Database, start: date | None = None, end: date | None = None
                   ) -> dict[str, int]:
    """The four counts over the touches dated start..end (all of them without dates)."""
    where, params = "", ()
    if start is not None and end is not None:
        where, params = " AND touched_on >= ? AND touched_on <= ?", (
            start.isoformat(), end.isoformat())
    counts = {"given": 0, "asked": 0, "got": 0, "were_asked": 0}
    # Grouped over the touches that give or ask only (an index of its own holds them).
    for direction, give, ask, n in db.rows(
        f"SELECT direction, give, ask, COUNT(*) FROM touch WHERE (give OR ask){where} "
        "GROUP BY direction, give, ask", params,
    ):
        mine = direction == "out"
        if give:
            counts["given" if mine else "got"] += int(n)
        if ask:
            counts["asked" if mine else "were_asked"] += int(n)
    return counts


def strength_today(base: float | None, last_touch: str | None, today: date) -> int:
    """The strength score today from the stored base and the last touch (ISO text)."""
    return score(base, date.fromisoformat(last_touch) if last_touch else None, today)


@dataclass(frozen=True)
class Person:
    """A contact as the relationship commands list it."""

    id: int
    slug: str
    name: str
    company: str | None
    title: str | None
    last_touch: str | None
    strength: int

    @property
    def order(self) -> tuple:
        """Strongest first, then by name and slug."""
        return (-self.strength, fold(self.name), self.slug)


def people(db: Database, today: date, ids: list[int] | None = None) -> list[Person]:
    """Contacts that are not archived (or those ids, archived or not)."""
    sql = "SELECT id, slug, name, company, title, last_touch, strength_base FROM contact"
    if ids is None:
        rows = db.rows(sql + " WHERE NOT archived")
    else:
        wanted = set(ids)
        rows = [row for row in db.rows(sql) if row[0] in wanted]
    return [Person(int(cid), slug, name, company, title, last, strength_today(base, last, today))
            for cid, slug, name, company, title, last, base in rows]


def emails(db: Database) -> list[tuple[int, str]]:
    return [(int(cid), email) for cid, email in db.rows(
        "SELECT e.contact_id, e.email FROM contact_email e JOIN contact c "
        "ON c.id = e.contact_id WHERE NOT c.archived")]


def tagged(db: Database, prefixes: tuple[str, ...]) -> dict[int, list[str]]:
    """Tags starting with one of the (folded) prefixes, by contact, not archived."""
    where = " OR ".join(["t.tag_key LIKE ?"] * len(prefixes))
    found: dict[int, list[str]] = {}
    for cid, tag in sorted(db.rows(
        "SELECT t.contact_id, t.tag FROM contact_tag t JOIN contact c ON c.id = t.contact_id "
        f"WHERE NOT c.archived AND ({where})", [prefix + "%" for prefix in prefixes],
    )):
        found.setdefault(int(cid), []).append(tag)
    return found

