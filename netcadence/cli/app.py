"""The netcadence application: its global options, and where each command is defined.

Each command's module is imported only when that command is called, as Click's
documentation does "lazily loaded subcommands": `netcadence info` does not pay
for building forty commands. `--help` and shell completion list them all.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import Annotated

import typer

from netcadence import __version__
from netcadence.app.session import Session
from netcadence.cli import compat, words

# Every command and group, in the order --help lists them, and the module of
# netcadence.cli that defines it (in that module's `commands`). A new command or
# group is one line here.
COMMANDS = {
    "due": "agenda",
    "log": "touches",
    "add": "contacts",
    "list": "contacts",
    "show": "contacts",
    "edit": "contacts",
    "find": "contacts",
    "pause": "contacts",
    "resume": "contacts",
    "archive": "contacts",
    "rm": "contacts",
    "snooze": "touches",
    "intro": "relations",
    "event": "touches",
    "touch": "touches",
    "cadence": "cadences",
    "goal": "goals",
    "review": "review",
    "stats": "review",
    "dormant": "review",
    "plan": "review",
    "ledger": "relations",
    "at": "relations",
    "brief": "relations",
    "remind": "remind",
    "sync": "sync",
    "import": "io",
    "export": "io",
    "backup": "io",
    "config": "settings",
    "info": "tools",
    "demo": "tools",
}


class _Commands(Mapping):
    """Command name → its Click command, its module imported and built on first use."""

    def __init__(self, where: dict[str, str]) -> None:
        self._where = where
        self._built: dict[str, compat.TyperGroup] = {}

    def __getitem__(self, name: str):
        module = self._where[name]
        if module not in self._built:
            defined = import_module(f"netcadence.cli.{module}").commands
            self._built[module] = compat.get_group(defined)
        return self._built[module].commands[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


class LazyGroup(compat.TyperGroup):
    """The root command: its subcommands come from COMMANDS, loaded as they are called."""

    def __init__(self, **attrs) -> None:
        super().__init__(**attrs)
        self.commands = _Commands(COMMANDS)  # type: ignore[assignment]

    def list_commands(self, ctx) -> list[str]:
        return list(self.commands)

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        if ctx.params.get("json") and command is not None and not ctx.resilient_parsing:
            ctx.default_map = _json_defaults(name, command, rest)
        return name, command, rest


def _json_defaults(name: str, command, rest: list[str]) -> dict:
    """`netcadence --json CMD` (cli/words.py) as Click's defaults for CMD's own --json."""
    path = [name]
    while compat.commands_of(command):
        # A group (cadence, goal, touch…) takes no options of its own: its command is
        # the next word. Without one, the group's own error (or help) comes next.
        subcommands = command.commands
        if not rest or rest[0] not in subcommands:
            return {}
        path.append(rest[0])
        command, rest = subcommands[rest[0]], rest[1:]
    takes_json = any(param.name == "json" for param in command.params)
    try:
        defaults: dict = words.json_before(" ".join(path), takes_json)
    except words.JsonRefused as refused:
        raise typer.BadParameter(str(refused), param_hint="'--json'") from None
    for word in reversed(path):
        defaults = {word: defaults}
    return defaults


app = typer.Typer(
    name="netcadence",
    cls=LazyGroup,
    help="Who you owe a touch to, every morning: contacts, touches, cadences, goals.",
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    session = Session(db_option=db)
    ctx.obj = session
    ctx.call_on_close(session.close)
    if ctx.invoked_subcommand is None:
        from netcadence.app.daily import show_due

        show_due(session, json=json)
