"""What every command module shares: how it declares its commands, this command's session,
and the helpers that read dates, channels and confirmations."""

from __future__ import annotations

import sys
from datetime import date

import typer

from netcadence import dates
from netcadence.app.session import Session
from netcadence.cli import compat
from netcadence.errors import Refused

JSON_HELP = "Print JSON only."

# For commands whose positional values may be negative numbers: `config set
# capacity -1` is a wrong value (exit 1), not an unknown option. `not_options`
# then hands a real unknown option back to the parser (exit 2).
NEGATIVE_VALUES = {"ignore_unknown_options": True}


def command_module() -> typer.Typer:
    """The commands one module defines. cli/app.py names the module of each command and
    imports it only when one of them is called (or listed, by --help and completion)."""
    return typer.Typer(add_completion=False, rich_markup_mode=None,
                       pretty_exceptions_enable=False)


def group(help: str) -> typer.Typer:
    """A command group (`cadence`, `goal`, …), added to its module's commands."""
    return typer.Typer(help=help, no_args_is_help=True)


def current() -> Session:
    """This command's session: opened by the root callback (cli/app.py), carried by the
    command line's context."""
    return compat.get_current_context().find_root().obj


def not_options(*values: str | None) -> None:
    """Refuse, as the parser would, a value that is an option netcadence does not know."""
    for value in values:
        if value and len(value) > 1 and value[0] == "-" and not value[1].isdigit():
            raise compat.NoSuchOption(value, ctx=compat.get_current_context(silent=True))


def today() -> date:
    return current().today()


def past_date(text: str | None, default: date | None = None) -> date | None:
    """A date in an option about the past (--when, --met, --from)."""
    if text is None:
        return default
    return dates.parse_date(text, today())


def future_date(text: str) -> date:
    """A date in an option about the future (--until, --on)."""
    return dates.parse_date(text, today(), future=True)


def channel_named(text: str | None) -> str:
    from netcadence.app.daily import parse_channel

    return parse_channel(text)


def confirm(question: str, yes: bool) -> None:
    """Ask on a terminal; without one, refuse unless --yes was given."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise Refused(f"{question} — not confirmed; add --yes to do it without asking")
    if not typer.confirm(question, default=False):
        raise Refused("nothing changed")
