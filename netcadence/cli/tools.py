"""Around the core: info and demo."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.cli.base import JSON_HELP, command_module, current

commands = command_module()


@commands.command()
def info(json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
    """Where the database is, its backend, schema revision and counts."""
    from netcadence.app.info import show_info

    show_info(current(), json=json)


@commands.command()
def demo(
    keep: Annotated[bool, typer.Option(
        "--keep", help="Keep the demo database and print its path.")] = False,
    json: Annotated[bool, typer.Option(
        "--json", help="Print JSON only: {today, database, due, review}.")] = False,
) -> None:
    """The agenda and a weekly review on a sample network, in a throwaway database."""
    from netcadence.app.demo import run_demo

    run_demo(current().today(), keep=keep, json=json)
