"""Goals: stored definitions, and their counts per period aggregated in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from netcadence.engine.goals import Goal, GoalProgress, Period, period_of, streak
from netcadence.errors import InputError, NotFound
from netcadence.store import limits
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
        f"no goal named {wanted!r}{did_you_mean(wanted, names(db)) or ';'} "
        "'netcadence goal list' shows them"
    )


def same_name(db: Database, name: str) -> Goal | None:
    """The goal whose name is this one, whatever the case and accents."""
    return next((goal for goal in load_goals(db) if fold(goal.name) == fold(name)), None)


def add(db: Database, goal: Goal) -> None:
    """Store a goal made by engine.goals.make_goal (every door: goal add, import, demo)."""
    limits.text("a goal's name", goal.name, "goal")
    limits.maybe_text("a goal's tag", goal.tag, "tag")
    if same_name(db, goal.name) is not None:
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


# What a period reaches its target on: one value per counted thing, so that the
# first `target` distinct values found prove the period met. An event recorded with
# `event` is its event's id; a lone event touch is its own (negated) touch id.
_COUNTED = {
    "contacts": "t.contact_id",
    "touches": "t.id",
    "events": "CASE WHEN t.event_id IS NULL THEN -t.id ELSE t.event_id END",
}


def _where(goal: Goal, period: Period, last: date) -> tuple[str, list]:
    clauses, params = _filters(goal)
    sql = "FROM touch t WHERE t.touched_on >= ? AND t.touched_on <= ?" + "".join(
        " AND " + c for c in clauses
    )
    return sql, [period.start.isoformat(), last.isoformat(), *params]


def count(db: Database, goal: Goal, period: Period, last: date | None = None) -> int:
    """The goal's count for touches in the period (up to `last`, if given)."""
    sql, params = _where(goal, period, last or period.end)
    return int(db.value(f"SELECT {_COUNT[goal.count_by]} {sql}", params) or 0)


def met(db: Database, goal: Goal, period: Period) -> bool:
    """Whether the whole period reached the target: reads only until it has."""
    sql, params = _where(goal, period, period.end)
    found = db.value(
        f"SELECT COUNT(*) FROM (SELECT DISTINCT {_COUNTED[goal.count_by]} {sql} LIMIT ?) found",
        [*params, goal.target],
    )
    return int(found or 0) >= goal.target


def _past_met(db: Database, goal: Goal, current: Period) -> Iterator[bool]:
    """Whether each complete period reached the target, from the last one backwards.

    Periods that ended before the first touch never did.
    """
    first = db.value("SELECT MIN(touched_on) FROM touch")
    period = current.previous()
    while first is not None and period.end.isoformat() >= first:
        yield met(db, goal, period)
        period = period.previous()
    yield False


def progress(db: Database, goal: Goal, as_of: date) -> GoalProgress:
    """This period's count (up to `as_of`) and the streak.

    The streak reads back one period at a time, each only until its target is
    reached, and stops at the first period that missed (at the latest the one
    before the first touch): its cost follows the streak and the targets, not the
    number of touches.
    """
    current = period_of(goal.period, as_of)
    done = count(db, goal, current, as_of)
    return GoalProgress(goal, current, done,
                        streak(done >= goal.target, _past_met(db, goal, current)))


def all_progress(db: Database, as_of: date) -> list[GoalProgress]:
    return [progress(db, goal, as_of) for goal in load_goals(db)]
