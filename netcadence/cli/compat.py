"""Everything netcadence takes from Typer beyond its public API, in one place.

Typer 0.28 carries its own copy of Click (`typer._click`) and builds Click
commands in `typer.main`; a Typer upgrade that moves these names breaks only
this module.
"""

from __future__ import annotations

from typer._click.exceptions import ClickException, NoArgsIsHelpError, NoSuchOption
from typer._click.globals import get_current_context
from typer._click.shell_completion import CompletionItem
from typer._click.utils import PacifyFlushWrapper
from typer.core import TyperGroup
from typer.main import get_command, get_group

__all__ = [
    "ClickException", "CompletionItem", "NoArgsIsHelpError", "NoSuchOption",
    "PacifyFlushWrapper", "TyperGroup",
    "commands_of", "get_command", "get_current_context", "get_group",
]


def commands_of(command) -> dict:
    """A group's commands by name (all of them loaded); {} for a command."""
    if not isinstance(command, TyperGroup):
        return {}
    return {name: command.get_command(None, name) for name in command.list_commands(None)}
