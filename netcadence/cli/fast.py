"""The hottest command lines (`due`, bare `netcadence`, `log`, completion) without Typer.

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
        if command == "due":
            options, positional = _options(rest, DUE_OPTIONS, DUE_FLAGS)
            if positional:
                return None
            return _due(found.get("db"), options)
        if command == "log":
            options, positional = _options(rest, LOG_OPTIONS, LOG_FLAGS)
            if len(positional) != 1:
                return None
            return _log(found.get("db"), positional[0], options)
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
    """`netcadence due`, as cli/agenda.py's show_due prints it."""
    from datetime import date

    from netcadence.dates import parse_date, parse_duration

    session = _start(db_option)
    try:
        try:
            today = session.today()
            if options.get("on") is not None:
                today = parse_date(options["on"], today, future=True)
                session.today_override = today
            span = parse_duration(options["within"]) if options.get("within") is not None else None
            limit = options.get("limit")
            if limit is not None:
                if not _WHOLE_NUMBER.fullmatch(limit) or int(limit) < 1:
                    return None
                limit = int(limit)
        except NetcadenceError:
            return None
        from netcadence import config

        settings = config.load()
        db = session.db()
        from netcadence.engine.agenda import build_agenda
        from netcadence.store import agenda

        horizon: date = span.after(today) if span else today
        items = build_agenda(agenda.due_rows(db, today, horizon, options.get("tag")), today)
        if limit is not None:
            items = items[:limit]
        if options.get("json"):
            from netcadence.render.output import emit_json

            emit_json([item.as_json() for item in items])
            return 0
        from netcadence.render.agenda import print_agenda

        header = _goal_lines(db, today)
        print_agenda(
            items, today=today, capacity=None if options.get("show_all") else settings.capacity,
            vacation=agenda.vacation_until(db, today),
            next_up=None if items else agenda.next_up(db, today),
            header=header,
        )
        return 0
    finally:
        session.close()


def _goal_lines(db, today) -> list[str]:
    """The goals shown above the agenda, as cli/agenda.py's agenda_header gives them."""
    if not db.value("SELECT count(*) FROM goal"):
        return []
    try:
        from netcadence.render.review import goal_line
        from netcadence.store.goals import all_progress
    except ImportError:
        from netcadence.cli.agenda import agenda_header

        return agenda_header(db, today)
    return [goal_line(progress) for progress in all_progress(db, today)]


def _log(db_option: str | None, query: str, options: dict) -> int | None:
    """`netcadence log CONTACT` without --new, as cli/touches.py's log records it."""
    from netcadence.cli.session import user_name
    from netcadence.dates import parse_date
    from netcadence.engine.schedule import CHANNELS
    from netcadence.store import contacts as contact_store
    from netcadence.store import schedule
    from netcadence.store import touches as touch_store

    session = _start(db_option)
    try:
        try:
            today = session.today()
            day = parse_date(options["when"], today) if options.get("when") is not None else today
            touch_store.check_not_future(day, today)
            kind = options.get("channel", "other").strip().lower()
            if kind not in CHANNELS:
                return None
            db = session.db()
            give, ask = bool(options.get("give")), bool(options.get("ask"))
            with db.write():
                ref = contact_store.resolve(db, query)
                given_before, _ = touch_store.given_asked(db, ref.id)
                touch_id = touch_store.add(
                    db, ref.id, day, channel=kind,
                    direction="in" if options.get("inbound") else "out",
                    note=options.get("note") or "", give=give, ask=ask,
                    by=user_name(options.get("by")),
                )
                schedule.refresh(db, today, [ref.id])
        except StoreError:  # locked, read-only, damaged: retrying would only wait again
            raise
        except NetcadenceError:
            return None
        from netcadence.render.output import say, warn
        from netcadence.text import printable

        if ask and not give and given_before == 0:
            warn(f"you have never given to {printable(ref.name)}; give before you ask")
        say(f"Logged touch {touch_id} with {printable(ref.name)} ({ref.slug}) on "
            f"{day.isoformat()}; " + next_due_text(db, ref.id))
        return 0
    finally:
        session.close()


def next_due_text(db, contact_id: int) -> str:
    """What `log` says about the contact's next due date (as cli/touches.py says it)."""
    from netcadence.text import printable

    row = db.row(
        "SELECT next_due, due_step, due_steps, due_action, cadence_label, unresponsive_since "
        "FROM contact WHERE id = ?", (contact_id,)
    )
    assert row is not None
    next_due, step, steps, action, label, unresponsive = row
    if unresponsive:
        return f"no answer to several touches: set aside as unresponsive since {unresponsive}"
    if not label:
        return "no cadence, so never due"
    if not next_due:
        return f"cadence {printable(label)} complete, not due again"
    detail = f"step {step}/{steps}" if step else f"cadence {label}"
    if action:
        detail += f" {action}"
    return f"next due {next_due} ({printable(detail)})"
