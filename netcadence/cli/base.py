"""The Typer application and the helpers every command module shares."""

from __future__ import annotations

import sys
from datetime import date

import typer

from netcadence import dates
from netcadence.cli.session import current
from netcadence.errors import Refused

app = typer.Typer(
    name="netcadence",
    help="Who you owe a touch to, every morning: contacts, touches, cadences, goals.",
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
touch_app = typer.Typer(help="Fix a logged touch: edit or remove it.", no_args_is_help=True)
cadence_app = typer.Typer(help="Define cadences and give them to contacts and tags.",
                          no_args_is_help=True)
app.add_typer(touch_app, name="touch")
app.add_typer(cadence_app, name="cadence")

JSON_HELP = "Print JSON only."

# For commands whose positional values may be negative numbers: `config set
# capacity -1` is a wrong value (exit 1), not an unknown option. `not_options`
# then hands a real unknown option back to the parser (exit 2).
NEGATIVE_VALUES = {"ignore_unknown_options": True}


def not_options(*values: str | None) -> None:
    """Refuse, as the parser would, a value that is an option netcadence does not know."""
    from typer._click.exceptions import NoSuchOption
    from typer._click.globals import get_current_context

    for value in values:
        if value and len(value) > 1 and value[0] == "-" and not value[1].isdigit():
            raise NoSuchOption(value, ctx=get_current_context(silent=True))


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


def channel(text: str | None) -> str:
    from netcadence.cli.daily import parse_channel

    return parse_channel(text)


def confirm(question: str, yes: bool) -> None:
    """Ask on a terminal; without one, refuse unless --yes was given."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise Refused(f"{question} — not confirmed; add --yes to do it without asking")
    if not typer.confirm(question, default=False):
        raise Refused("nothing changed")
