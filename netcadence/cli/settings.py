"""Settings commands: config show, set, unset."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence import config
from netcadence.cli.base import NEGATIVE_VALUES, app, not_options
from netcadence.render.output import emit_json, say

config_app = typer.Typer(help="Show and change settings (capacity, default_cadence, dormant_days).",
                         no_args_is_help=True)
app.add_typer(config_app, name="config")


@config_app.command("show")
def show(json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False) -> None:
    """Show every setting and its value."""
    settings = config.load()
    values = {key: getattr(settings, key) for key in config.KEYS}
    if json:
        emit_json(values)
        return
    say(f"# {config.config_path()}")
    for key, value in values.items():
        say(f"{key} = {'(unset)' if value is None else value}")


@config_app.command("set", context_settings=NEGATIVE_VALUES)
def set_(
    key: Annotated[str, typer.Argument(help="capacity, default_cadence or dormant_days.")],
    value: Annotated[str, typer.Argument(help="The new value.")],
) -> None:
    """Change a setting."""
    not_options(key, value)
    name = config.normalize_key(key)
    checked = config.validate(name, value)
    if name == "default_cadence":
        _check_cadence(str(checked))
    raw = config.read_raw(strict=False)
    raw[name] = checked
    config.save(raw)
    say(f"{name} = {checked}")


def _check_cadence(text: str) -> None:
    from netcadence.cli.session import current
    from netcadence.store import cadences

    cadences.choose(current().db(), text)


@config_app.command("unset")
def unset(key: Annotated[str, typer.Argument(help="The setting to reset.")]) -> None:
    """Reset a setting to its default."""
    raw = config.read_raw(strict=False)
    stray = key.strip().lower().replace("-", "_")
    if stray in raw and stray not in config.KEYS:  # a line the settings file should not have
        raw.pop(stray)
        config.save(raw)
        say(f"{stray} removed from {config.config_path()}")
        return
    name = config.normalize_key(key)
    raw.pop(name, None)
    config.save(raw)
    default = config.DEFAULTS[name]
    say(f"{name} reset to {default if default is not None else '(unset)'}")
