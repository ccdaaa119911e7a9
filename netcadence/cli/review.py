"""The weekly routine and the wider view: review, stats, dormant, plan."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

import typer

from netcadence import config, dates
from netcadence.cli.base import app, today
from netcadence.cli.session import current
from netcadence.engine.agenda import build_agenda
from netcadence.engine.goals import Period, week_of
from netcadence.engine.plan import lay_out
from netcadence.errors import InputError
from netcadence.render import review as view
from netcadence.render.output import emit_json, say
from netcadence.store import goals as goal_store
from netcadence.store import review as queries
from netcadence.store.db import Database

Json = Annotated[bool, typer.Option("--json", help="Print JSON only.")]
DORMANT_IN_REVIEW = 5


# --- review -------------------------------------------------------------------------


@app.command()
def review(
    week: Annotated[str | None, typer.Option(
        help="An ISO week such as 2026-W47, or a date in it (default: this week).")] = None,
    json: Json = False,
) -> None:
    """The weekly review: touches, goals, new and silent contacts, what is due next week."""
    period = parse_week(week, today()) if week is not None else week_of(today())
    data = weekly_review(current().db(), period, today())
    if json:
        emit_json(data)
    else:
        view.print_review(data)


def show_review() -> None:
    """The review of the current week, printed (used by the demo)."""
    view.print_review(weekly_review(current().db(), week_of(today()), today()))


def parse_week(text: str, today: date) -> Period:
    try:
        monday = dates.parse_iso_week(text)
    except InputError:
        try:
            monday = dates.parse_date(text, today)
        except InputError:
            raise InputError(
                f"{text.strip()!r} is not an ISO week; use e.g. 2026-W47 (weeks 1 to 52, "
                "or 53 in long years) or a date in the week"
            ) from None
    period = week_of(monday)
    if period.start > today:
        raise InputError(f"{period.label} has not started yet; review this week or an earlier one")
    return period


def weekly_review(db: Database, week: Period, today: date) -> dict[str, Any]:
    settings = config.load()
    as_of = min(week.end, today)
    following = week.next()
    dormant_days = settings.dormant_days
    silent = queries.dormant(db, today, today - timedelta(days=dormant_days))
    channels, given, asked = queries.channel_mix(db, week.start, week.end)
    given_all, asked_all = queries.given_asked_all_time(db)
    end_now = queries.overdue_at(db, following.start, today)
    end_before = queries.overdue_at(db, week.start, today)
    upcoming = [
        item for item in build_agenda(queries.scheduled_rows(db, today, following.end), today)
        if item.due >= following.start
    ]
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
        "give_ask": {"given": given, "asked": asked,
                     "given_all_time": given_all, "asked_all_time": asked_all},
        "overdue": {"end_of_week": end_now, "end_of_last_week": end_before,
                    "change": end_now - end_before},
        "dormant": [s.as_json() for s in silent[:DORMANT_IN_REVIEW]],
        "dormant_total": len(silent),
        "dormant_days": dormant_days,
        "next_week": following.label,
        "due_next_week": [item.as_json() for item in upcoming],
    }


# --- stats --------------------------------------------------------------------------


@app.command()
def stats(
    since: Annotated[str, typer.Option(
        help="How far back: a duration (1y, 6m, 12w) or a date.")] = "1y",
    by: Annotated[bool, typer.Option(
        "--by", help="Also break touches down by who logged them.")] = False,
    json: Json = False,
) -> None:
    """Touches per week as a chart, channel mix, give/ask ratio, share on schedule."""
    start = _since(since, today())
    data = collect_stats(current().db(), start, today(), by=by)
    if json:
        emit_json(data)
    else:
        view.print_stats(data, by=by)


def _since(text: str, today: date) -> date:
    if dates.is_duration(text):
        first = dates.parse_duration(text).before(today)
    else:
        try:
            first = dates.parse_date(text, today)
        except InputError:
            raise InputError(
                f"{text.strip()!r} is neither a duration nor a date; use e.g. 1y, 6m, 12w "
                "or 2026-01-01"
            ) from None
    if first > today:
        raise InputError(f"--since {first.isoformat()} is after today")
    return week_of(first).start


def collect_stats(db: Database, start: date, today: date, *, by: bool = False) -> dict[str, Any]:
    per_day = queries.touches_per_day(db, start, today)
    per_week: dict[date, int] = {}
    for day, count in per_day.items():
        monday = week_of(day).start
        per_week[monday] = per_week.get(monday, 0) + count
    weeks = []
    week = week_of(start)
    while week.start <= today:
        weeks.append({"week": week.label, "start": week.start.isoformat(),
                      "touches": per_week.get(week.start, 0)})
        week = week.next()
    channels, given, asked = queries.channel_mix(db, start, today)
    cadenced, on_time = queries.schedule_health(db, today)
    return {
        "since": start.isoformat(),
        "until": today.isoformat(),
        "touches": sum(per_day.values()),
        "weeks": weeks,
        "channels": channels,
        "give_ask": {"given": given, "asked": asked,
                     "ratio": round(given / asked, 2) if asked else None},
        "on_schedule": {"cadenced": cadenced, "on_schedule": on_time,
                        "share": round(on_time / cadenced, 4) if cadenced else None},
        "by": queries.touches_by_person(db, start, today) if by else None,
    }


# --- dormant ------------------------------------------------------------------------


@app.command()
def dormant(
    days: Annotated[str | None, typer.Option(
        help="Silent for at least this long: days (180) or a duration (6m); "
        "default: the dormant_days setting.")] = None,
    json: Json = False,
) -> None:
    """Contacts you have not heard from in a long time, longest silence first."""
    cutoff = _cutoff(days, today())
    threshold = (today() - cutoff).days
    rows = [s.as_json() for s in queries.dormant(current().db(), today(), cutoff)]
    if json:
        emit_json(rows)
    else:
        view.print_dormant(rows, threshold)


def _cutoff(text: str | None, today: date) -> date:
    """The latest silence start that counts as dormant."""
    if text is None:
        return today - timedelta(days=config.load().dormant_days)
    cleaned = text.strip()
    if cleaned.isdigit() and int(cleaned) >= 1:
        return today - timedelta(days=int(cleaned))
    if dates.is_duration(cleaned):
        return dates.parse_duration(cleaned).before(today)
    raise InputError(f"--days {text!r} is not a number of days ≥ 1 or a duration such as 6m")


# --- plan ---------------------------------------------------------------------------


@app.command()
def plan(
    days: Annotated[int, typer.Option(help="How many days to plan, from today.")] = 14,
    json: Json = False,
) -> None:
    """Lay the backlog over the coming days, never above the daily capacity."""
    if days < 1:
        raise InputError(f"--days must be a whole number ≥ 1 (got {days})")
    db = current().db()
    day = today()
    last = day + timedelta(days=days - 1)
    capacity = config.load().capacity
    items = build_agenda(queries.scheduled_rows(db, day, last), day)
    planned = lay_out(items, day, days, capacity, queries.vacation_days(db, day, last))
    if json:
        emit_json([p.as_json() for p in planned])
        return
    vacation = queries.vacation_days(db, day, last)
    if vacation:
        say(f"On vacation {min(vacation).isoformat()} to {max(vacation).isoformat()}: "
            "nothing is planned on those days.")
    view.print_plan(planned, capacity=capacity, days=days)
