"""Reminders that reach you: `remind`, `remind install`, `remind uninstall`."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.app import remind as use_case
from netcadence.cli.base import command_module, current
from netcadence.errors import InputError

commands = command_module()
ACTIONS = ("install", "uninstall")


@commands.command()
def remind(
    action: Annotated[str | None, typer.Argument(
        metavar="[install|uninstall]", show_default=False,
        help="install: run remind every day (a systemd user timer, a launchd agent, or the "
        "crontab line to add); uninstall: remove what install wrote. "
        "Without: print today's digest.")] = None,
    format_: Annotated[str | None, typer.Option(
        "--format", help="text (default), markdown, html (for mail: inline styles) or json.",
        show_default=False)] = None,
    json: Annotated[bool, typer.Option("--json", help="The same as --format json.")] = False,
    only_if_due: Annotated[bool, typer.Option(
        "--only-if-due", help="Print nothing (exit 0) when nothing is due or overdue.")] = False,
    notify: Annotated[bool, typer.Option(
        "--notify", help="Show a desktop notification instead (notify-send, osascript); "
        "with install: every day.")] = False,
    at: Annotated[str | None, typer.Option(
        "--at", help="With install: the time of day, HH:MM (default 08:00).",
        show_default=False)] = None,
) -> None:
    """Today's agenda as a digest for mail or a chat, or as a desktop notification."""
    wanted = _action(action)
    if wanted is None:
        if at is not None:
            raise InputError("--at goes with 'netcadence remind install'")
        if json and format_ is not None and format_.strip().lower() != "json":
            raise InputError("give either --json or --format, not both")
        use_case.show_remind(current(), format=format_ if not json else "json",
                             only_if_due=only_if_due, notify=notify)
        return
    given = [name for name, value in (("--format", format_), ("--json", json or None),
                                      ("--only-if-due", only_if_due or None)) if value]
    if wanted == "uninstall" and (at is not None or notify):
        given += [name for name, value in (("--at", at), ("--notify", notify or None)) if value]
    if given:
        raise InputError(f"{given[0]} does not go with 'remind {wanted}'")
    if wanted == "install":
        use_case.install(current(), at=at, notify=notify)
    else:
        use_case.uninstall()


def _action(text: str | None) -> str | None:
    if text is None:
        return None
    wanted = text.strip().lower()
    if wanted not in ACTIONS:
        from netcadence.suggest import did_you_mean

        hint = did_you_mean(wanted, ACTIONS) or ";"
        raise InputError(f"{text!r} is not something remind does{hint} use install or "
                         "uninstall, or nothing to print today's digest")
    return wanted
