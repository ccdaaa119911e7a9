"""Settings commands: config show, set, unset."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.app import settings
from netcadence.cli.base import (
    JSON_HELP,
    NEGATIVE_VALUES,
    command_module,
    current,
    group,
    not_options,
)

commands = command_module()
config_app = group("Show and change settings: this network's (capacity, default_cadence, "
                   "dormant_days, occasion_lead, sync_max_recipients) and yours (me).")
commands.add_typer(config_app, name="config")
KEY_HELP = ", ".join(settings.KEYS) + " (- and _ are the same)."


@config_app.command("show")
def show(json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
    """Show every setting, its value, and where it lives."""
    settings.show(current(), json=json)


@config_app.command("set", context_settings=NEGATIVE_VALUES)
def set_(
    key: Annotated[str, typer.Argument(help=KEY_HELP)],
    value: Annotated[str, typer.Argument(
        help="The new value (me: email addresses separated by commas).")],
) -> None:
    """Change a setting."""
    not_options(key, value)
    settings.set_value(current(), key, value)


@config_app.command("unset")
def unset(key: Annotated[str, typer.Argument(help="The setting to reset.")]) -> None:
    """Reset a setting to its default."""
    settings.unset(current(), key)
