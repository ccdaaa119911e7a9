"""The agenda: `netcadence due` (and bare `netcadence`)."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.app import daily
from netcadence.cli.base import JSON_HELP, command_module, current
from netcadence.cli.completion import complete_tag

commands = command_module()


@commands.command()
def due(
    within: Annotated[str | None, typer.Option(
        help="Also show who is due within this duration.")] = None,
    on: Annotated[str | None, typer.Option(help="The agenda as it will be on this date.")] = None,
    tag: Annotated[str | None, typer.Option(
        help="Only contacts with this tag.", autocompletion=complete_tag)] = None,
    limit: Annotated[int | None, typer.Option(help="At most N rows.")] = None,
    show_all: Annotated[bool, typer.Option(
        "--all", help="Show every row, past the daily capacity.")] = False,
    json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Who you owe a touch to: overdue and due today, most urgent first."""
    daily.show_due(current(), within=within, on=on, tag=tag, limit=limit, show_all=show_all,
                   json=json)
