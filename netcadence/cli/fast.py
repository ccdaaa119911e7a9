"""The hottest command lines without Typer: `due`, bare `netcadence`, `log`, completion,
and the weekly `review`, `stats` and `goal list`.

Loading Typer costs more than the whole agenda, so these lines are read here
first. Only the documented options are understood; anything else (--help, an
unknown or repeated option, a value that is not plainly valid, --new) returns
None and the full Typer app runs instead. Errors in what the user typed also go
back to the Typer app, before anything is written, so that every message and
exit status comes from one place.
"""

from __future__ import annotations

import os
import re

from netcadence.errors import NetcadenceError, StoreError

GLOBAL_OPTIONS = {"--db": "db"}
GLOBAL_FLAGS = {"--json": "json"}
DUE_OPTIONS = {"--within": "within", "--on": "on", "--tag": "tag", "--limit": "limit"}
DUE_FLAGS = {"--all": "show_all", "--json": "json"}
LOG_OPTIONS = {"--channel": "channel", "-c": "channel", "--when": "when", "--note": "note",
               "--by": "by"}
LOG_FLAGS = {"--in": "inbound", "--give": "give", "--ask": "ask"}
JSON_FLAG = {"--json": "json"}
# The weekly commands: (option words, flag words, the function in cli/reports.py).
REPORTS = {
    ("review",): ({"--week": "week"}, JSON_FLAG, "show_review"),
    ("stats",): ({"--since": "since"}, {"--by": "by", **JSON_FLAG}, "show_stats"),
    ("goal", "list"): ({}, JSON_FLAG, "show_goals"),
}
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")


class _TyperNeeded(Exception):
    """This command line is for the full Typer app."""


def run(args: list[str]) -> int | None:
    """Run the command line and return its exit status, or None to leave it to Typer."""
    if "_NETCADENCE_COMPLETE" in os.environ:
        from netcadence.cli.completion import complete_fast

        return complete_fast()
    try:
        found, rest = _options(args, GLOBAL_OPTIONS, GLOBAL_FLAGS, stop_at_positional=True)
        if not rest:
            return _due(found.get("db"), {"json": found.get("json", False)})
        command, rest = rest[0], rest[1:]
        # `netcadence --json CMD` is `netcadence CMD --json` (cli/app.py)
        as_json = {"json": True} if found.get("json") else {}
        if command == "due":
            options, positional = _options(rest, DUE_OPTIONS, DUE_FLAGS)
            if positional:
                return None
            return _due(found.get("db"), {**options, **as_json})
        if command == "log":
            options, positional = _options(rest, LOG_OPTIONS, LOG_FLAGS)
            if len(positional) != 1 or as_json:
                return None
            return _log(found.get("db"), positional[0], options)
        for words, (values, flags, name) in REPORTS.items():
            if tuple(rest[:len(words) - 1]) == words[1:] and command == words[0]:
                options, positional = _options(rest[len(words) - 1:], values, flags)
                if positional:
                    return None
                return _run_session("reports", name, found.get("db"), **{**options, **as_json})
    except _TyperNeeded:
        return None
    return None


def _options(
    args: list[str], values: dict[str, str], flags: dict[str, str], *,
    stop_at_positional: bool = False,
) -> tuple[dict, list[str]]:
    """Options and positional arguments as Click would read them, or _TyperNeeded."""
    found: dict = {}
    positional: list[str] = []
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if token == "--" or token == "-" or not token.startswith("-"):
            if token == "--":
                raise _TyperNeeded
            if stop_at_positional:
                return found, args[index - 1:]
            positional.append(token)
            continue
        name, equals, value = token.partition("=")
        if equals and not name.startswith("--"):
            raise _TyperNeeded  # to Click, `-c=x` is the value "=x"
        if name in flags and not equals:
            key = flags[name]
        elif name in values:
            key = values[name]
            if not equals:
                if index >= len(args) or args[index].startswith("-"):
                    raise _TyperNeeded  # Click would take it as the value; rare
                value = args[index]
                index += 1
        else:
            raise _TyperNeeded
        if key in found:
            raise _TyperNeeded
        found[key] = value if name in values else True
    return found, positional


def _start(db_option: str | None):
    from netcadence.cli.session import start

    return start(db_option)


def _due(db_option: str | None, options: dict) -> int | None:
    """`netcadence due`: the same work as the Typer command (cli/daily.py)."""
    limit = options.get("limit")
    if limit is not None and not _WHOLE_NUMBER.fullmatch(limit):
        return None  # the parser's own error (exit 2) comes from Typer
    return _run_session("daily", "show_due", db_option, **{
        "within": options.get("within"), "on": options.get("on"), "tag": options.get("tag"),
        "limit": None if limit is None else int(limit),
        "show_all": bool(options.get("show_all")), "json": bool(options.get("json")),
    })


def _log(db_option: str | None, query: str, options: dict) -> int | None:
    """`netcadence log CONTACT` without --new: the same work as the Typer command."""
    return _run_session("daily", "log_touch", db_option, query, **{
        "channel": options.get("channel"), "when": options.get("when"),
        "note": options.get("note"), "inbound": bool(options.get("inbound")),
        "give": bool(options.get("give")), "ask": bool(options.get("ask")),
        "by": options.get("by"),
    })


def _run_session(
    module: str, name: str, db_option: str | None, *args, **options
) -> int | None:
    """Run a function of cli/daily.py or cli/reports.py; a mistake in what was typed goes
    back to Typer.

    These functions check what was typed before they write or print anything, and
    a failed write rolls back, so the Typer app can run the line again and word
    the error. Database errors (locked, read-only, damaged) are final: retrying
    would only wait again.
    """
    from importlib import import_module

    work = getattr(import_module(f"netcadence.cli.{module}"), name)
    session = _start(db_option)
    try:
        work(session, *args, **options)
        return 0
    except StoreError:
        raise
    except NetcadenceError:
        return None
    finally:
        session.close()
