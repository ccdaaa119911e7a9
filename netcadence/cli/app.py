"""The netcadence application: global options and every command group."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence import __version__
from netcadence.cli import (  # noqa: F401
    agenda,
    cadences,
    contacts,
    daily,
    goals,
    io,
    review,
    settings,
    sync,
    tools,
    touches,
)
from netcadence.cli.base import app
from netcadence.cli.session import start


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netcadence {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option(
        "--db", help="Database: a SQLite file, or a URL (sqlite:///x.db, postgresql+psycopg://…). "
        "Default: NETCADENCE_DB, else the user data folder.", show_default=False)] = None,
    json: Annotated[bool, typer.Option(
        "--json", help="The agenda as JSON; before a command, the same as the command's --json.",
    )] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version.")] = False,
) -> None:
    """Who you owe a touch to, every morning. With no command: the agenda (as `due`)."""
    session = start(db)
    ctx.call_on_close(session.close)
    if ctx.invoked_subcommand is None:
        daily.show_due(session, json=json)
    elif json:
        ctx.default_map = _json_defaults(ctx, ctx.invoked_subcommand)


def _json_defaults(ctx: typer.Context, name: str) -> dict:
    """`netcadence --json CMD` is `netcadence CMD --json`: --json becomes the default of
    CMD's own option. A command that prints no JSON refuses it, as the parser refuses
    an option it does not know."""
    command = ctx.command.get_command(ctx, name)  # type: ignore[attr-defined]
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        _refuse_json_unless_printed(command, name)
        return {name: {"json": True}}
    # A group (cadence, goal, touch…): the command is the first word after its name,
    # which is the first word that is neither a global option nor --db's value.
    words = iter((ctx.obj or {}).get("argv", []))
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            break
    leaf = next((word for word in words if not word.startswith("-")), None)
    if leaf not in subcommands:
        return {}  # the group's own error (no command, an unknown one) comes next
    _refuse_json_unless_printed(subcommands[leaf], f"{name} {leaf}")
    return {name: {leaf: {"json": True}}}


def _refuse_json_unless_printed(command, name: str) -> None:
    if not any(param.name == "json" for param in command.params):
        raise typer.BadParameter(f"'{name}' prints no JSON", param_hint="'--json'")
