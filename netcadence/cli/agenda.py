"""The agenda: `netcadence due` (and bare `netcadence`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Optional

import typer

from netcadence import config
from netcadence.cli.base import app, future_date
from netcadence.cli.completion import complete_tag
from netcadence.cli.session import current
from netcadence.dates import parse_duration
from netcadence.engine.agenda import build_agenda
from netcadence.errors import InputError
from netcadence.render.agenda import print_agenda
from netcadence.render.output import emit_json
from netcadence.store import agenda


@app.command()
def due(
    within: Annotated[Optional[str], typer.Option(help="Also show who is due within this duration.")] = None,
    on: Annotated[Optional[str], typer.Option(help="The agenda as it will be on this date.")] = None,
    tag: Annotated[Optional[str], typer.Option(help="Only contacts with this tag.", autocompletion=complete_tag)] = None,
    limit: Annotated[Optional[int], typer.Option(help="At most N rows.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Show every row, past the daily capacity.")] = False,
    json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
) -> None:
    """Who you owe a touch to: overdue and due today, most urgent first."""
    show_due(within=within, on=on, tag=tag, limit=limit, show_all=all_, json=json)


def show_due(
    *, within: str | None = None, on: str | None = None, tag: str | None = None,
    limit: int | None = None, show_all: bool = False, json: bool = False,
) -> None:
    session = current()
    if on is not None:
        session.today_override = future_date(on)
    today = session.today()
    span = parse_duration(within) if within is not None else None
    if limit is not None and limit < 1:
        raise InputError("--limit needs a whole number ≥ 1")
    settings = config.load()
    db = session.db()
    horizon: date = span.after(today) if span else today
    items = build_agenda(agenda.due_rows(db, today, horizon, tag), today)
    if limit is not None:
        items = items[:limit]
    if json:
        emit_json([item.as_json() for item in items])
        return
    capacity = None if show_all else settings.capacity
    print_agenda(
        items, today=today, capacity=capacity,
        vacation=agenda.vacation_until(db, today),
        next_up=None if items else agenda.next_up(db, today),
        header=agenda_header(db, today),
    )


def agenda_header(db, today: date) -> list[str]:
    """Lines shown above the table (this period's goals)."""
    try:
        from netcadence.cli.goals import goal_lines
    except ImportError:
        return []
    return goal_lines(db, today)
