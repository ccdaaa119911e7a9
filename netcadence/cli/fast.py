"""The hot command lines without Typer: bare `netcadence`, the commands of cli/hot.py, and
shell completion of contacts and option values.

Loading Typer costs more than the whole agenda, so these lines are read here
first, by Click's rules for the options the hot table lists. A line the parser
would refuse (an unknown option, a missing value or argument, text where a number
is needed) and --help go to the Typer app before anything runs, and Typer words
the parser's error or prints the help. Once a command runs here, it runs to its end:
netcadence's own errors are reported by the single exit point (cli/main.py) with
the same line and exit status as on the Typer path, and nothing runs twice.
"""

from __future__ import annotations

import os

from netcadence.cli import words


class ToTyper(Exception):
    """This command line is for the Typer app (its parser words any error)."""


def run(args: list[str]) -> int | None:
    """Run the command line and return its exit status, or None to leave it to Typer."""
    if "_NETCADENCE_COMPLETE" in os.environ:
        from netcadence.cli.completion import complete_fast

        return complete_fast()
    try:
        planned = read(args)
    except ToTyper:
        return None
    work, db_option, arguments, options = planned
    from netcadence.app.session import Session

    session = Session(db_option=db_option)
    try:
        work(session, *arguments, **options)
    finally:
        session.close()
    return 0


def read(args: list[str]):
    """(function, --db, arguments, options) for a line the quick path runs, or ToTyper."""
    from netcadence.app.daily import show_due

    found, rest = _parse(args, words.GLOBAL_VALUES, words.GLOBAL_FLAGS, stop_at_command=True)
    db_option = found.pop("db", None)
    as_json = found.get("json", False)
    if not rest:
        return show_due, db_option, (), {"json": as_json}
    from netcadence.cli.hot import HOT

    for hot in HOT:
        if tuple(rest[:len(hot.words)]) == hot.words:
            break
    else:
        raise ToTyper
    options, arguments = _parse(rest[len(hot.words):], hot.values, hot.flags)
    if len(arguments) != len(hot.arguments):
        raise ToTyper  # a missing or an extra argument: the parser's error
    if as_json:
        try:
            options.update(words.json_before(" ".join(hot.words), hot.takes_json))
        except words.JsonRefused:
            raise ToTyper from None
    return hot.run, db_option, tuple(arguments), options


def _parse(
    args: list[str], values: dict[str, tuple[str, type]], flags: dict[str, str], *,
    stop_at_command: bool = False,
) -> tuple[dict, list[str]]:
    """Options and arguments as Click reads them: an option's value is the next word
    whatever it looks like, `--opt=value` is the same, so is `-cvalue` (and `-c=x` is
    the value `=x`), the last of a repeated option wins, `-` alone is an argument and
    every word after `--` is one. Anything else (an unknown option, --help) is ToTyper."""
    found: dict = {}
    arguments: list[str] = []
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if len(token) < 2 or token[0] != "-":
            if stop_at_command:
                return found, args[index - 1:]
            arguments.append(token)
            continue
        if token == "--":
            if stop_at_command:
                raise ToTyper
            arguments.extend(args[index:])
            break
        if token[1] != "-" and len(token) > 2 and token[:2] in values:
            name, equals, value = token[:2], "=", token[2:]  # a short option and its value
        else:
            name, equals, value = token.partition("=")
        if name in flags and not equals:
            found[flags[name]] = True
            continue
        if name not in values:
            raise ToTyper  # an unknown option, --help, or a value given to a flag
        if not equals:
            if index >= len(args):
                raise ToTyper  # no value: the parser's error
            value = args[index]
            index += 1
        key, kind = values[name]
        found[key] = _converted(value, kind)
    return found, arguments


def _converted(value: str, kind: type):
    """The value as Click's type converts it (int(), str), or ToTyper for its error."""
    if kind is str:
        return value
    try:
        return kind(value)
    except ValueError:
        raise ToTyper from None
