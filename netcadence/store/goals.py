"""Goals: stored definitions, and their counts per period aggregated in SQL."""

from __future__ import annotations

from datetime import date, timedelta

from netcadence.engine.goals import Goal, GoalProgress, period_of, streak
from netcadence.errors import InputError, NotFound
from netcadence.store.db import Database
from netcadence.suggest import did_you_mean
from netcadence.text import fold, normalize_tag

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


# Above this many days, SQLite reads the whole touch table faster than it follows
# the date index row by row (touches are seldom stored in date order).
INDEX_SPAN_DAYS = 35


def _bucket(db: Database, kind: str) -> str:
    """SQL for a touch's period number: weeks since an anchor Monday, or months/quarters."""
    months = (
        "(CAST(substr(t.touched_on, 1, 4) AS INTEGER) * 12 "
        "+ CAST(substr(t.touched_on, 6, 2) AS INTEGER) - 1)"
    )
    if kind == "month":
        return months
    if kind == "quarter":
        return f"({months} / 3)"
    if db.backend == "postgresql":
        return "((CAST(t.touched_on AS date) - CAST(? AS date)) / 7)"
    return "CAST((julianday(t.touched_on) - julianday(?)) / 7 AS INTEGER)"


def _period_start(kind: str, number: int, anchor: date) -> date:
    if kind == "week":
        return anchor + timedelta(weeks=number)
    if kind == "quarter":
        return date(number // 4, number % 4 * 3 + 1, 1)
    return date(number // 12, number % 12 + 1, 1)


def grouped(db: Database, goal: Goal, first: date, last: date) -> dict[date, int]:
    """The goal's count per period (keyed by the period's first day) for touches in first..last.

    `first` must be the first day of a period.
    """
    clauses, params = _filters(goal)
    column = "t.touched_on"
    if db.backend == "sqlite" and (last - first).days > INDEX_SPAN_DAYS:
        column = "+t.touched_on"
    bucket_params = [first.isoformat()] if goal.period == "week" else []
    sql = (
        f"SELECT {_bucket(db, goal.period)} AS bucket, {_COUNT[goal.count_by]} FROM touch t "
        f"WHERE {column} >= ? AND {column} <= ?"
        + "".join(" AND " + c for c in clauses)
        + " GROUP BY 1"
    )
    rows = db.rows(sql, bucket_params + [first.isoformat(), last.isoformat()] + params)
    return {_period_start(goal.period, int(n), first): int(count or 0) for n, count in rows}


def earliest_touch(db: Database) -> date | None:
    first = db.value("SELECT MIN(touched_on) FROM touch")
    return date.fromisoformat(first) if first else None


_UNKNOWN = date.min


def progress(
    db: Database, goal: Goal, as_of: date, earliest: date | None = _UNKNOWN
) -> GoalProgress:
    """This period's count (up to `as_of`) and the streak.

    One small query reads this period and the one before; only when that one was
    met does a second query read the older history, in one pass.
    """
    current = period_of(goal.period, as_of)
    previous = current.previous()
    first = earliest_touch(db) if earliest is _UNKNOWN else earliest
    near = grouped(db, goal, previous.start, as_of)
    done = near.get(current.start, 0)
    met_past = [near.get(previous.start, 0) >= goal.target]
    if met_past[0] and first is not None and first < previous.start:
        older = grouped(db, goal, period_of(goal.period, first).start,
                        previous.start - timedelta(days=1))
        period = previous.previous()
        while older.get(period.start, 0) >= goal.target:
            met_past.append(True)
            period = period.previous()
    return GoalProgress(goal, current, done, streak(done >= goal.target, met_past))


def all_progress(db: Database, as_of: date) -> list[GoalProgress]:
    goals = load_goals(db)
    if not goals:
        return []
    first = earliest_touch(db)
    return [progress(db, goal, as_of, first) for goal in goals]
