"""The weekly routine and the wider view: review, stats, dormant, plan."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import typer

from netcadence import config, dates
from netcadence.cli import reports
from netcadence.cli.base import app, today
from netcadence.cli.session import current
from netcadence.engine.agenda import build_agenda
from netcadence.engine.plan import lay_out
from netcadence.errors import InputError
from netcadence.render import review as view
from netcadence.render.output import emit_json, say
from netcadence.store import review as queries

Json = Annotated[bool, typer.Option("--json", help="Print JSON only.")]


# --- review -------------------------------------------------------------------------


@app.command()
def review(
    week: Annotated[str | None, typer.Option(
        help="An ISO week such as 2026-W47, or a date in it (default: this week).")] = None,
    json: Json = False,
) -> None:
    """The weekly review: touches, goals, new and silent contacts, what is due next week."""
    reports.show_review(current(), week=week, json=json)


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
    reports.show_stats(current(), since=since, by=by, json=json)


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
    if cleaned.isdecimal() and int(cleaned[:12]) >= 1:
        if len(cleaned) > 9:
            raise InputError(dates.OUT_OF_RANGE)
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
