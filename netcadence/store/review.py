"""Queries behind review, stats, dormant and plan: aggregates over indexed dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from netcadence.engine.schedule import CHANNELS
from netcadence.store import paused
from netcadence.store.agenda import DUE_COLUMNS
from netcadence.store.db import Database
from netcadence.text import fold

# A contact that is neither archived, paused today, nor set aside as unresponsive.
_NOT_PAUSED = paused.NOT_PAUSED
ACTIVE_SQL = f"NOT c.archived AND c.unresponsive_since IS NULL AND {_NOT_PAUSED}"
# What you gave and asked: the flags of outbound touches (on inbound ones, they gave and
# they asked; store/relations.py counts all four).
_GIVEN_ASKED = (
    "COALESCE(SUM(CASE WHEN give AND direction = 'out' THEN 1 ELSE 0 END), 0), "
    "COALESCE(SUM(CASE WHEN ask AND direction = 'out' THEN 1 ELSE 0 END), 0)"
)
# Above this many days, SQLite reads the whole touch table faster than it follows the
# date index to each row (touches are seldom stored in date order). Queries that the
# day-summary index covers never visit the rows, so they need no such hint.
INDEX_SPAN_DAYS = 35


def _iso(day: date) -> str:
    return day.isoformat()


def _range(db: Database, start: date, end: date) -> tuple[str, tuple[str, str]]:
    """A WHERE clause on touch dates for columns the day index lacks (who logged it)."""
    column = "touched_on"
    if db.backend == "sqlite" and (end - start).days > INDEX_SPAN_DAYS:
        column = "+touched_on"
    return f" WHERE {column} >= ? AND {column} <= ?", (_iso(start), _iso(end))


# Touches on one day through one channel: (day as ISO text, channel, touches, given,
# asked). Plain tuples: a year holds thousands of them.
DayMix = tuple[str, str, int, int, int]


def daily_mix(db: Database, start: date, end: date) -> list[DayMix]:
    """Touches per day and channel in start..end, read from the day index in date order."""
    return db.rows(
        f"SELECT touched_on, channel, COUNT(*), {_GIVEN_ASKED} FROM touch "
        "WHERE touched_on >= ? AND touched_on <= ? GROUP BY touched_on, channel",
        (_iso(start), _iso(end)),
    )


def mix_by_channel(mix: list[DayMix]) -> tuple[dict[str, int], int, int]:
    """Touches per channel (in the channels' usual order), given and asked."""
    found: dict[str, int] = {}
    given = asked = 0
    for _day, channel, touches, gave, ask in mix:
        found[channel] = found.get(channel, 0) + int(touches)
        given += int(gave)
        asked += int(ask)
    ordered = {ch: found.pop(ch) for ch in CHANNELS if ch in found}
    ordered.update(sorted(found.items()))
    return ordered, given, asked


def channel_mix(db: Database, start: date, end: date) -> tuple[dict[str, int], int, int]:
    return mix_by_channel(daily_mix(db, start, end))


def touches_by_direction(db: Database, start: date, end: date) -> dict[str, int]:
    found = dict(db.rows(
        "SELECT direction, COUNT(*) FROM touch WHERE touched_on >= ? AND touched_on <= ? "
        "GROUP BY direction", (_iso(start), _iso(end)),
    ))
    return {"out": int(found.get("out", 0)), "in": int(found.get("in", 0))}


def touches_by_person(db: Database, start: date, end: date) -> list[dict]:
    where, params = _range(db, start, end)
    rows = db.rows(
        f"SELECT logged_by, COUNT(*), COUNT(DISTINCT contact_id), {_GIVEN_ASKED} FROM touch"
        + where + " GROUP BY logged_by", params,
    )
    found = [
        {"by": by, "touches": int(n), "contacts": int(people), "given": int(g), "asked": int(a)}
        for by, n, people, g, a in rows
    ]
    return sorted(found, key=lambda r: (-r["touches"], r["by"] is None, r["by"] or ""))


def _people(rows) -> list[dict]:
    found = [{"slug": slug, "name": name, "date": day} for slug, name, day in rows]
    return sorted(found, key=lambda r: (r["date"], fold(r["name"]), r["slug"]))


def created_between(db: Database, start: date, end: date) -> list[dict]:
    return _people(db.rows(
        "SELECT slug, name, created_on FROM contact WHERE created_on >= ? AND created_on <= ?",
        (_iso(start), _iso(end)),
    ))


def series_completed_between(db: Database, start: date, end: date) -> list[dict]:
    return _people(db.rows(
        "SELECT slug, name, series_completed_on FROM contact "
        "WHERE series_completed_on >= ? AND series_completed_on <= ? AND NOT archived",
        (_iso(start), _iso(end)),
    ))


def unresponsive_between(db: Database, start: date, end: date) -> list[dict]:
    return _people(db.rows(
        "SELECT slug, name, unresponsive_since FROM contact "
        "WHERE unresponsive_since >= ? AND unresponsive_since <= ? AND NOT archived",
        (_iso(start), _iso(end)),
    ))


def overdue_at(db: Database, moment: date, today: date) -> int:
    """How many contacts were (or will be) overdue on the morning of `moment`.

    An approximation from the stored schedules: contacts active today, with a
    cadence and created and enrolled before `moment`. Untouched since, their
    stored due date holds; touched since, their due date then is estimated as
    their last touch before `moment` (else their enrollment) plus their
    current interval.
    """
    day = _iso(moment)
    base = (
        f"FROM contact c WHERE {ACTIVE_SQL} AND c.next_due IS NOT NULL "
        "AND c.created_on < ? AND c.enrolled_on < ?"
    )
    params = [_iso(today), day, day]
    untouched = db.value(
        f"SELECT COUNT(*) {base} AND (c.last_touch IS NULL OR c.last_touch < ?) "
        "AND c.next_due < ?", params + [day, day],
    )
    estimated = 0
    for enrolled, interval, before in db.rows(
        f"SELECT c.enrolled_on, c.due_interval, (SELECT MAX(t.touched_on) FROM touch t "
        "WHERE t.contact_id = c.id AND t.touched_on < ?) "
        f"{base} AND c.last_touch >= ?", [day] + params + [day],
    ):
        start = date.fromisoformat(before or enrolled)
        if interval and start + timedelta(days=round(interval)) < moment:
            estimated += 1
    return int(untouched or 0) + estimated


@dataclass(frozen=True)
class Silent:
    slug: str
    name: str
    status: str
    last_touch: str | None
    since: date
    days_silent: int

    def as_json(self) -> dict:
        return {
            "slug": self.slug, "name": self.name, "last_touch": self.last_touch,
            "days_silent": self.days_silent, "since": self.since.isoformat(),
            "status": self.status,
        }


def dormant(db: Database, today: date, cutoff: date) -> list[Silent]:
    """Active and unresponsive contacts silent since `cutoff` or longer, longest first."""
    rows = db.rows(
        "SELECT c.slug, c.name, c.last_touch, COALESCE(c.last_touch, c.met_on, c.created_on), "
        "c.unresponsive_since FROM contact c "
        f"WHERE NOT c.archived AND {_NOT_PAUSED} "
        "AND COALESCE(c.last_touch, c.met_on, c.created_on) <= ?",
        (_iso(today), _iso(cutoff)),
    )
    found = []
    for slug, name, last_touch, since, unresponsive in rows:
        day = date.fromisoformat(since)
        found.append(Silent(slug, name, "unresponsive" if unresponsive else "active",
                            last_touch, day, (today - day).days))
    return sorted(found, key=lambda s: (-s.days_silent, fold(s.name), s.slug))


def scheduled_rows(db: Database, today: date, horizon: date) -> list[tuple]:
    """Active contacts due on or before `horizon`, also while a vacation is in force:
    rows to rank, as store.agenda.due_rows reads them."""
    return db.rows(
        f"SELECT {DUE_COLUMNS} FROM contact c WHERE c.next_due <= ? AND {ACTIVE_SQL}",
        (_iso(horizon), _iso(today)),
    )


def scheduled_rows_as_of(db: Database, day: date, horizon: date, today: date) -> list[tuple]:
    """scheduled_rows as they stood at the end of `day`: today's stored schedules when
    `day` is today, else each contact's schedule computed from what was recorded up to
    then, so that a past week's review says the same whatever day it is read."""
    if day >= today:
        return scheduled_rows(db, today, horizon)
    from netcadence.store import schedule  # only for a past week

    names = {cid: (slug, name) for cid, slug, name in db.rows("SELECT id, slug, name FROM contact")}
    rows = []
    for contact_id, cadence, found, on_hold in schedule.schedules_as_of(db, day):
        if on_hold or found.unresponsive_since or not found.next_due or found.next_due > horizon:
            continue
        slug, name = names[contact_id]
        rows.append((
            slug, name, found.next_due.isoformat(), found.interval_days, cadence.name,
            found.step, found.steps, found.action,
            found.last_touch.isoformat() if found.last_touch else None,
        ))
    return rows


def vacation_days(db: Database, start: date, end: date) -> set[date]:
    """Days in start..end when a vacation stops every cadence."""
    days: set[date] = set()
    for started, until, ended in db.rows(
        "SELECT started_on, until, ended_on FROM pause WHERE contact_id IS NULL"
    ):
        stop = ended or until
        first = max(date.fromisoformat(started), start)
        last = end if stop is None else min(date.fromisoformat(stop) - timedelta(days=1), end)
        while first <= last:
            days.add(first)
            first += timedelta(days=1)
    return days


def schedule_health(db: Database, today: date) -> tuple[int, int]:
    """(contacts with a due date, of which not overdue today), among active contacts."""
    row = db.row(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN c.next_due >= ? THEN 1 ELSE 0 END), 0) "
        f"FROM contact c WHERE c.next_due IS NOT NULL AND {ACTIVE_SQL}",
        (_iso(today), _iso(today)),
    )
    return (int(row[0]), int(row[1])) if row else (0, 0)
