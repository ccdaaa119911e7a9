"""The weekly routine and the wider view: review, stats, dormant, plan."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.app import reports
from netcadence.cli.base import JSON_HELP, command_module, current

commands = command_module()
Json = Annotated[bool, typer.Option("--json", help=JSON_HELP)]


@commands.command()
def review(
    week: Annotated[str | None, typer.Option(
        help="An ISO week such as 2026-W47, or a date in it (default: this week).")] = None,
    json: Json = False,
) -> None:
    """The weekly review: touches, goals, new and silent contacts, what is due next week."""
    reports.show_review(current(), week=week, json=json)


@commands.command()
def stats(
    since: Annotated[str, typer.Option(
        help="How far back: a duration (1y, 6m, 12w) or a date.")] = "1y",
    by: Annotated[bool, typer.Option(
        "--by", help="Also break touches down by who logged them.")] = False,
    json: Json = False,
) -> None:
    """Touches per week as a chart, channel mix, give/ask ratio, share on schedule."""
    reports.show_stats(current(), since=since, by=by, json=json)


@commands.command()
def dormant(
    days: Annotated[str | None, typer.Option(
        help="Silent for at least this long: days (180) or a duration (6m); "
        "default: the dormant_days setting.")] = None,
    json: Json = False,
) -> None:
    """Contacts you have not heard from in a long time, longest silence first."""
    reports.show_dormant(current(), days=days, json=json)


@commands.command()
def plan(
    days: Annotated[int, typer.Option(help="How many days to plan, from today.")] = 14,
    json: Json = False,
) -> None:
    """Lay the backlog over the coming days, never above the daily capacity."""
    reports.show_plan(current(), days=days, json=json)
