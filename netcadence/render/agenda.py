"""The agenda as a table: status, who, when, what to do."""

from __future__ import annotations

from datetime import date

from netcadence.engine.agenda import AgendaItem
from netcadence.render import output
from netcadence.render.output import say, styled, table_columns
from netcadence.text import printable

STYLES = {"overdue": "red", "due": "yellow", "upcoming": "dim"}


def when_text(item: AgendaItem) -> str:
    if item.days_overdue > 0:
        return f"{item.days_overdue}d late"
    if item.days_overdue == 0:
        return "today"
    return f"in {-item.days_overdue}d"


def print_agenda(
    items: list[AgendaItem], *, today: date, capacity: int | None, vacation: str | None,
    next_up: tuple[str, str, str] | None, header: list[str], limit: int | None = None,
    first_time: bool = False,
) -> None:
    """The table of the first rows (at most `capacity`, at most `limit`), then the counts
    of the whole agenda and a line on the rows left out."""
    for line in header:
        say(line)
    if header:
        say("")
    if vacation is not None:
        say(f"On vacation{' until ' + vacation if vacation else ''}: nothing is due.")
        return
    if not items:
        text = f"Nothing due on {today.isoformat()}."
        if next_up:
            text += f" Next: {printable(next_up[0])} ({next_up[1]}) on {next_up[2]}."
        say(text)
        if first_time:  # an empty database: say how to begin
            say("No contacts yet: add one with 'netcadence add \"Ana Ruiz\" --cadence 2w', "
                "or log a first touch with 'netcadence log \"Ana Ruiz\" --new'; "
                "'netcadence demo' shows a sample network.")
        return
    by_limit = limit is not None and (not capacity or limit <= capacity)
    shown = items[:limit] if by_limit else items[:capacity] if capacity else items
    # Built a column at a time; a long agenda has few distinct dates and days late,
    # so each is written once.
    dates: dict[date, str] = {}
    whens: dict[int, str] = {}
    table_columns(
        ["", "name", "slug", "due", "when", "what", "last touch"],
        [
            [item.status for item in shown],
            [item.name for item in shown],
            [item.slug for item in shown],
            [dates.get(item.due) or dates.setdefault(item.due, item.due.isoformat())
             for item in shown],
            [whens.get(item.days_overdue) or whens.setdefault(item.days_overdue, when_text(item))
             for item in shown],
            [item.what for item in shown],
            [item.last_touch or "never" for item in shown],
        ],
        row_styles=[STYLES[item.status] for item in shown] if output.on_terminal() else None,
    )
    statuses = [item.status for item in items]
    overdue = statuses.count("overdue")
    due_today = statuses.count("due")
    upcoming = len(items) - overdue - due_today
    summary = f"{overdue} overdue, {due_today} due today"
    if upcoming:
        summary += f", {upcoming} upcoming"
    say(summary)
    if len(shown) < len(items) and by_limit:
        styled(f"{len(items) - len(shown)} more not shown (--limit {limit})", "dim")
    elif len(shown) < len(items):
        styled(f"{len(items) - len(shown)} more wait beyond today's capacity of {capacity}; "
               "'netcadence due --all' shows them, 'netcadence plan' spreads them out", "dim")

