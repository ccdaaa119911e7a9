"""Goals: stored definitions, and their counts per period aggregated in SQL."""

from __future__ import annotations

from datetime import date

from netcadence.engine.goals import Goal, GoalProgress, Period, period_of, periods_back, streak
from netcadence.errors import InputError, NotFound
from netcadence.store.db import Database
from netcadence.suggest import did_you_mean
from netcadence.text import fold, normalize_tag

# Periods fetched per query while walking a streak back in time.
CHUNK = 16

_COUNT = {
    "contacts": "COUNT(DISTINCT t.contact_id)",
    "touches": "COUNT(*)",
    # An event recorded with `event` once, however many people; a lone event touch once.
    "events": "COUNT(DISTINCT t.event_id) + SUM(CASE WHEN t.event_id IS NULL THEN 1 ELSE 0 END)",
}


def load_goals(db: Database) -> list[Goal]:
    rows = db.rows(
        "SELECT name, period, target, tag, channel, direction, count_by FROM goal"
    )
    goals = [Goal(*row) for row in rows]
    return sorted(goals, key=lambda g: (fold(g.name), g.name))


def names(db: Database) -> list[str]:
    return [name for (name,) in db.rows("SELECT name FROM goal")]


def find(db: Database, name: str) -> Goal:
    wanted = " ".join(name.split())
    for goal in load_goals(db):
        if goal.name == wanted:
            return goal
    for goal in load_goals(db):
        if fold(goal.name) == fold(wanted):
            return goal
    raise NotFound(
        f"no goal named {wanted!r}{did_you_mean(wanted, names(db))}; "
        "'netcadence goal list' shows them"
    )


def add(db: Database, goal: Goal) -> None:
    if any(fold(existing) == fold(goal.name) for existing in names(db)):
        raise InputError(
            f"a goal named {goal.name!r} exists already; remove it first with "
            f"'netcadence goal rm' or choose another name"
        )
    db.insert(
        "INSERT INTO goal (name, period, target, tag, channel, direction, count_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (goal.name, goal.period, goal.target, goal.tag, goal.channel, goal.direction,
         goal.count_by),
    )


def remove(db: Database, goal: Goal) -> None:
    db.run("DELETE FROM goal WHERE name = ?", (goal.name,))


def _filters(goal: Goal) -> tuple[list[str], list]:
    clauses: list[str] = []
    params: list = []
    if goal.direction != "any":
        clauses.append("t.direction = ?")
        params.append(goal.direction)
    if goal.channel:
        clauses.append("t.channel = ?")
        params.append(goal.channel)
    if goal.tag:
        clauses.append("t.contact_id IN (SELECT contact_id FROM contact_tag WHERE tag_key = ?)")
        params.append(fold(normalize_tag(goal.tag)))
    if goal.count_by == "events":
        clauses.append("(t.event_id IS NOT NULL OR t.channel = 'event')")
    return clauses, params


def counts(db: Database, goal: Goal, periods: list[Period], until: date | None = None) -> list[int]:
    """The goal's count in each period (newest first, contiguous), one grouped query."""
    if not periods:
        return []
    newest, oldest = periods[0], periods[-1]
    last = min(newest.end, until) if until else newest.end
    cases = " ".join(f"WHEN t.touched_on >= ? THEN {i}" for i in range(len(periods)))
    clauses, params = _filters(goal)
    sql = (
        f"SELECT CASE {cases} END AS bucket, {_COUNT[goal.count_by]} FROM touch t "
        "WHERE t.touched_on >= ? AND t.touched_on <= ?"
        + "".join(" AND " + c for c in clauses)
        + " GROUP BY 1"
    )
    found = {
        bucket: int(count or 0)
        for bucket, count in db.rows(
            sql,
            [p.start.isoformat() for p in periods]
            + [oldest.start.isoformat(), last.isoformat()] + params,
        )
    }
    return [found.get(i, 0) for i in range(len(periods))]


def earliest_touch(db: Database) -> date | None:
    first = db.value("SELECT MIN(touched_on) FROM touch")
    return date.fromisoformat(first) if first else None


def progress(db: Database, goal: Goal, as_of: date, earliest: date | None = None) -> GoalProgress:
    """This period's count (up to `as_of`) and the streak, walking back a chunk at a time."""
    current = period_of(goal.period, as_of)
    first = earliest_touch(db) if earliest is None else earliest
    chunk = [current] + _reachable(periods_back(current, CHUNK - 1), first)
    found = counts(db, goal, chunk, until=as_of)
    done, past = found[0], found[1:]
    met_past: list[bool] = []
    while True:
        unbroken = all(count >= goal.target for count in past)
        met_past.extend(count >= goal.target for count in past)
        if not unbroken or not past:
            break
        chunk = _reachable(periods_back(chunk[-1], CHUNK), first)
        past = counts(db, goal, chunk)
    return GoalProgress(goal, current, done, streak(done >= goal.target, met_past))


def _reachable(periods: list[Period], first: date | None) -> list[Period]:
    """Periods that end on or after the earliest touch: before it nothing can be met."""
    if first is None:
        return []
    return [p for p in periods if p.end >= first]


def all_progress(db: Database, as_of: date) -> list[GoalProgress]:
    goals = load_goals(db)
    if not goals:
        return []
    first = earliest_touch(db)
    return [progress(db, goal, as_of, first) for goal in goals]
