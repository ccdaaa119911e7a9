"""The weekly routine and the wider view: `review`, `stats`, `goal list`, `dormant`, `plan`.

Like app/daily.py, nothing here imports Typer, Rich or the ORM: cli/fast.py runs
the weekly commands before Typer is loaded, and the Typer commands call the same
functions. Each checks what was typed before it prints anything.
"""

from __future__ import annotations

from datetime import date, timedelta

from netcadence import dates
from netcadence.app.session import Session
from netcadence.errors import InputError

# The goals engine, the settings and the report queries load when a report runs: every
# command line reaches this module through cli/hot.py, and most need none of them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from netcadence.engine.goals import Period
    from netcadence.store.db import Database

DORMANT_IN_REVIEW = 5


# --- review -------------------------------------------------------------------------


def show_review(session: Session, *, week: str | None = None, json: bool = False) -> None:
    """The weekly review: touches, goals, new and silent contacts, what is due next week."""
    from netcadence.engine.goals import week_of

    today = session.today()
    period = parse_week(week, today) if week is not None else week_of(today)
    data = weekly_review(session.db(), period, today)
    if json:
        from netcadence.render.output import emit_json

        emit_json(data)
    else:
        from netcadence.render.review import print_review

        print_review(data)


def parse_week(text: str, today: date) -> Period:
    from netcadence.engine.goals import week_of

    try:
        monday = dates.parse_iso_week(text)
    except InputError:
        monday = _date_else(text, today, "is not an ISO week; use e.g. 2026-W47 (weeks 1 to "
                            "52, or 53 in long years) or a date in the week")
    period = week_of(monday)
    if period.start > today:
        raise InputError(f"{period.label} has not started yet; review this week or an earlier one")
    return period


def weekly_review(db: Database, week: Period, today: date) -> dict:
    from netcadence.app.occasions import rows_between
    from netcadence.engine.agenda import OCCASIONS, build_agenda
    from netcadence.store import goals as goal_store
    from netcadence.store import jobs, relations, settings
    from netcadence.store import review as queries

    as_of = min(week.end, today)
    following = week.next()
    dormant_days = settings.load(db).dormant_days
    silent = queries.dormant(db, today, today - timedelta(days=dormant_days))
    channels, _given, _asked = queries.channel_mix(db, week.start, week.end)
    balance = relations.counts_between(db, week.start, week.end)
    ever = relations.counts_between(db)
    end_now = queries.overdue_at(db, following.start, today)
    end_before = queries.overdue_at(db, week.start, today)
    upcoming = [
        item for item in build_agenda(
            queries.scheduled_rows_as_of(db, as_of, following.end, today), as_of)
        if item.due >= following.start
    ]
    # Birthdays and anniversaries of the week ahead, each first among the rows of its day.
    occasions = rows_between(db, following.start, following.end, today, as_of=as_of)
    if occasions:
        order = {id(item): n for n, item in enumerate(upcoming)}
        upcoming = sorted(upcoming + occasions, key=lambda item: (
            item.due, item.kind not in OCCASIONS, order.get(id(item), 0)))
    return {
        "week": week.label,
        "start": week.start.isoformat(),
        "end": week.end.isoformat(),
        "touches": {"total": sum(channels.values()),
                    **queries.touches_by_direction(db, week.start, week.end)},
        "touches_by_channel": channels,
        "goals": [p.as_json() for p in goal_store.all_progress(db, as_of)],
        "new_contacts": queries.created_between(db, week.start, week.end),
        "series_completed": queries.series_completed_between(db, week.start, week.end),
        "unresponsive": queries.unresponsive_between(db, week.start, week.end),
        "give_ask": {**balance, **{f"{key}_all_time": count for key, count in ever.items()}},
        "overdue": {"end_of_week": end_now, "end_of_last_week": end_before,
                    "change": end_now - end_before},
        "job_changes": [change.as_json() for change in jobs.between(db, week.start, week.end)],
        "dormant": [s.as_json() for s in silent[:DORMANT_IN_REVIEW]],
        "dormant_total": len(silent),
        "dormant_days": dormant_days,
        "next_week": following.label,
        "due_next_week": [item.as_json() for item in upcoming],
    }


def _date_else(text: str, today: date, what_else: str) -> date:
    """A date, or an error that says what else the option takes; an impossible date
    (2026-02-30) says so itself."""
    try:
        return dates.parse_date(text, today)
    except dates.NotOnCalendar:
        raise
    except InputError:
        raise InputError(f"{text.strip()!r} {what_else}") from None


# --- stats --------------------------------------------------------------------------


def show_stats(session: Session, *, since: str = "1y", by: bool = False,
               json: bool = False) -> None:
    """Touches per week as a chart, channel mix, give/ask ratio, share on schedule."""
    today = session.today()
    start = since_week(since, today)
    data = collect_stats(session.db(), start, today, by=by)
    if json:
        from netcadence.render.output import emit_json

        emit_json(data)
    else:
        from netcadence.render.review import print_stats

        print_stats(data, by=by)


def since_week(text: str, today: date) -> date:
    """The Monday of the week that `--since` (a duration back, or a date) falls in."""
    from netcadence.engine.goals import week_of

    if dates.is_duration(text):
        first = dates.parse_duration(text).before(today)
    else:
        first = _date_else(text, today, "is neither a duration nor a date; use e.g. 1y, 6m, "
                           "12w or 2026-01-01")
    if first > today:
        raise InputError(f"--since {first.isoformat()} is after today")
    return week_of(first).start


def collect_stats(db: Database, start: date, today: date, *, by: bool = False) -> dict:
    from netcadence.engine.goals import week_of
    from netcadence.store import review as queries

    mix = queries.daily_mix(db, start, today)
    per_day: dict[str, int] = {}
    for day, _channel, touches, _given, _asked in mix:
        per_day[day] = per_day.get(day, 0) + int(touches)
    per_week: dict[date, int] = {}
    for day, touches in per_day.items():
        monday = week_of(date.fromisoformat(day)).start
        per_week[monday] = per_week.get(monday, 0) + touches
    weeks = []
    week = week_of(start)
    while week.start <= today:
        weeks.append({"week": week.label, "start": week.start.isoformat(),
                      "touches": per_week.get(week.start, 0)})
        week = week.next()
    channels, given, asked = queries.mix_by_channel(mix)
    cadenced, on_time = queries.schedule_health(db, today)
    return {
        "since": start.isoformat(),
        "until": today.isoformat(),
        "touches": sum(per_week.values()),
        "weeks": weeks,
        "channels": channels,
        "give_ask": {"given": given, "asked": asked,
                     "ratio": round(given / asked, 2) if asked else None},
        "on_schedule": {"cadenced": cadenced, "on_schedule": on_time,
                        "share": round(on_time / cadenced, 4) if cadenced else None},
        "by": queries.touches_by_person(db, start, today) if by else None,
    }


# --- goal list ----------------------------------------------------------------------


def show_goals(session: Session, *, json: bool = False) -> None:
    """Each goal's progress this period, and its streak."""
    from netcadence.store import goals as goal_store

    found = goal_store.all_progress(session.db(), session.today())
    if json:
        from netcadence.render.output import emit_json

        emit_json([p.as_json() for p in found])
        return
    from netcadence.render.output import say
    from netcadence.render.review import goal_table

    if not found:
        say("No goals yet; add one with: netcadence goal add \"client calls\" --count 5 --per week")
        return
    goal_table(found)


# --- dormant ------------------------------------------------------------------------


def show_dormant(session: Session, *, days: str | None = None, json: bool = False) -> None:
    """Contacts you have not heard from in a long time, longest silence first."""
    from netcadence.store import review as queries
    from netcadence.store import settings

    today = session.today()
    cutoff = dormant_cutoff(days, today) if days is not None else None
    db = session.db()
    if cutoff is None:
        cutoff = today - timedelta(days=settings.load(db).dormant_days)
    rows = [s.as_json() for s in queries.dormant(db, today, cutoff)]
    if json:
        from netcadence.render.output import emit_json

        emit_json(rows)
        return
    from netcadence.render.review import print_dormant

    print_dormant(rows, (today - cutoff).days)


def dormant_cutoff(text: str, today: date) -> date:
    """The latest silence start that counts as dormant: --days N, or a duration back."""
    cleaned = text.strip()
    if cleaned.isdecimal() and int(cleaned[:12]) >= 1:
        if len(cleaned) > 9:
            raise InputError(dates.OUT_OF_RANGE)
        return today - timedelta(days=int(cleaned))
    if dates.is_duration(cleaned):
        return dates.parse_duration(cleaned).before(today)
    raise InputError(f"--days {text!r} is not a number of days ≥ 1 or a duration such as 6m")


# --- plan ---------------------------------------------------------------------------


def show_plan(session: Session, *, days: int = 14, json: bool = False) -> None:
    """Lay the backlog over the coming days, never above the daily capacity."""
    from netcadence.app.occasions import rows_between
    from netcadence.engine.agenda import build_agenda
    from netcadence.engine.plan import lay_out
    from netcadence.store import review as queries
    from netcadence.store import settings

    if days < 1:
        raise InputError(f"--days must be a whole number ≥ 1 (got {days})")
    today = session.today()
    db = session.db()
    last = today + timedelta(days=days - 1)
    capacity = settings.load(db).capacity
    items = build_agenda(queries.scheduled_rows(db, today, last), today)
    vacation = queries.vacation_days(db, today, last)
    # Birthdays and anniversaries on their own days; none on a vacation's days.
    items += [row for row in rows_between(db, today, last, today) if row.due not in vacation]
    planned = lay_out(items, today, days, capacity, vacation)
    if json:
        from netcadence.render.output import emit_json

        emit_json([p.as_json() for p in planned])
        return
    from netcadence.render.output import say
    from netcadence.render.review import print_plan

    if vacation:
        say(f"On vacation {min(vacation).isoformat()} to {max(vacation).isoformat()}: "
            "nothing is planned on those days.")
    print_plan(planned, capacity=capacity, days=days)
