"""The quick path's tables are the Typer app's commands, read off the app itself.

cli/fast.py runs the hot commands before Typer loads, from the table in
cli/hot.py; shell completion answers the daily commands from two tables in
cli/completion.py; cli/app.py lists every command's module. Each table is held
here against the parameters of the real Typer commands, so a change to one side
only fails. For instance, add an option to `due` in cli/agenda.py alone:

    urgent: Annotated[bool, typer.Option("--urgent", help="Only the most urgent.")] = False,

and test_every_hot_entry_is_its_typer_command[due] fails with

    AssertionError: netcadence due: the hot table (cli/hot.py) and the Typer command disagree
    assert ['--urgent is...he hot entry'] == []
      Left contains one more item: '--urgent is an option of the Typer command, not of
      the hot entry'

until `"--urgent": "urgent"` joins due's flags in cli/hot.py and app/daily.py's
show_due takes `urgent` (the quick path would otherwise hand `due --urgent` to
Typer as an unknown option, and the two doors would drift apart).
"""

from __future__ import annotations

import inspect
import typing
from importlib import import_module

import pytest

from netcadence.cli import app as app_module
from netcadence.cli import compat, completion, words
from netcadence.cli.hot import HOT, Hot

TYPES = {"str": str, "int": int}


@pytest.fixture(scope="module")
def root():
    return compat.get_command(app_module.app)


def command_at(root, path: tuple[str, ...]):
    command = root
    for word in path:
        command = compat.commands_of(command)[word]
    return command


def options_of(command) -> dict[str, object]:
    """Option word → Click parameter, for every option but --help."""
    return {opt: param for param in command.params if param.param_type_name == "option"
            for opt in (*param.opts, *param.secondary_opts)}


def differences(hot: Hot, command) -> list[str]:
    """What the hot entry says otherwise than the Typer command; [] when they agree."""
    found = []
    options = options_of(command)
    listed = {**{opt: key for opt, (key, _kind) in hot.values.items()}, **hot.flags}
    for opt in sorted(set(options) - set(listed)):
        found.append(f"{opt} is an option of the Typer command, not of the hot entry")
    for opt in sorted(set(listed) - set(options)):
        found.append(f"{opt} is in the hot entry, not an option of the Typer command")
    signature = inspect.signature(hot.run).parameters
    for opt in sorted(set(options) & set(listed)):
        param = options[opt]
        if param.name != listed[opt]:
            found.append(f"{opt} is {param.name!r} in Typer, {listed[opt]!r} in the hot entry")
        if param.multiple or param.nargs != 1 or param.secondary_opts or param.count:
            found.append(f"{opt} takes repeated values, counts or a --x/--no-x pair: "
                         "the quick path reads neither")
        if opt in hot.flags and not param.is_flag:
            found.append(f"{opt} takes a value in Typer, is a flag in the hot entry")
        if opt in hot.values:
            if param.is_flag:
                found.append(f"{opt} is a flag in Typer, takes a value in the hot entry")
            elif TYPES.get(param.type.name) is not hot.values[opt][1]:
                found.append(f"{opt} is {param.type.name} in Typer, "
                             f"{hot.values[opt][1].__name__} in the hot entry")
        if listed[opt] not in signature:
            found.append(f"{hot.run.__name__} takes no {listed[opt]!r} (for {opt})")
        elif signature[listed[opt]].default != param.default:
            found.append(f"{opt} defaults to {param.default!r} in Typer, "
                         f"{signature[listed[opt]].default!r} in {hot.run.__name__}")
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    if tuple(p.name for p in arguments) != hot.arguments:
        found.append(f"arguments {[p.name for p in arguments]} in Typer, "
                     f"{list(hot.arguments)} in the hot entry")
    for param in arguments:
        if not param.required or param.nargs != 1:
            found.append(f"argument {param.name} is optional or takes several values")
    positional = [name for name, p in signature.items() if p.kind is p.POSITIONAL_OR_KEYWORD]
    if positional[1:] != list(hot.arguments):  # after the session
        found.append(f"{hot.run.__name__} takes {positional[1:]} before its options")
    if command.ignore_unknown_options or not command.allow_interspersed_args:
        found.append("the Typer command reads its options by other rules than Click's default")
    return found


@pytest.mark.parametrize("hot", HOT, ids=lambda hot: " ".join(hot.words))
def test_every_hot_entry_is_its_typer_command(root, hot):
    command = command_at(root, hot.words)
    found = differences(hot, command)
    assert found == [], (
        f"netcadence {' '.join(hot.words)}: the hot table (cli/hot.py) and the Typer command "
        "disagree")


def test_the_check_is_not_blind(root):
    """An option the hot entry forgets, or types otherwise, is reported."""
    due = next(hot for hot in HOT if hot.words == ("due",))
    values = dict(due.values)
    values.pop("--within")
    values["--limit"] = ("limit", str)
    forgetful = Hot(due.words, due.run, values=values, flags={**due.flags, "--urgent": "urgent"})
    assert differences(forgetful, command_at(root, ("due",))) == [
        "--within is an option of the Typer command, not of the hot entry",
        "--urgent is in the hot entry, not an option of the Typer command",
        "--limit is int in Typer, str in the hot entry",
    ]


def test_the_global_options_are_the_root_s(root):
    options = options_of(root)
    for opt, (key, kind) in words.GLOBAL_VALUES.items():
        param = options[opt]
        assert (param.name, param.is_flag, TYPES.get(param.type.name)) == (key, False, kind)
    for opt, key in words.GLOBAL_FLAGS.items():
        assert (options[opt].name, options[opt].is_flag) == (key, True)
    rest = set(options) - set(words.GLOBAL_VALUES) - set(words.GLOBAL_FLAGS)
    # The others act by themselves (--version, completion installs): Typer's to run.
    assert rest and all(options[opt].callback is not None for opt in rest), rest


def test_every_command_is_listed_with_its_module():
    """A command defined in a module but missing from cli/app.py would be unreachable."""
    for module in sorted(set(app_module.COMMANDS.values())):
        defined = compat.get_group(import_module(f"netcadence.cli.{module}").commands)
        listed = {name for name, where in app_module.COMMANDS.items() if where == module}
        assert set(defined.commands) == listed, module


# --- completion's tables --------------------------------------------------------------

KINDS = {completion.complete_contact: "contact", completion.complete_tag: "tag",
         completion.complete_cadence: "cadence", completion.complete_channel: "channel"}


def completions_of(command) -> dict[str, object]:
    """Parameter name → the completion function Typer calls for it."""
    hints = typing.get_type_hints(command.callback.__wrapped__, include_extras=True)
    found = {}
    for name, hint in hints.items():
        for info in getattr(hint, "__metadata__", ()):
            if getattr(info, "autocompletion", None) is not None:
                found[name] = info.autocompletion
    return found


def test_completion_s_tables_are_the_commands_parameters(root):
    contact_commands = set()
    option_values: dict[str, dict[str, str]] = {}
    for name, command in compat.commands_of(root).items():
        if compat.commands_of(command):
            continue  # a group: its commands complete through Typer
        completes = completions_of(command)
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        if arguments and completes.get(arguments[0].name) is completion.complete_contact:
            contact_commands.add(name)
        for param in command.params:
            if param.param_type_name == "option" and param.name in completes:
                function = completes[param.name]
                assert function in KINDS, f"{name} {param.opts}: what does {function} complete?"
                for opt in param.opts:
                    option_values.setdefault(name, {})[opt] = KINDS[function]
    assert set(completion.CONTACT_COMMANDS) == contact_commands
    assert completion.OPTION_VALUES == option_values
