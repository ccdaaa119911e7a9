"""Touch commands: log, touch edit, touch rm, event, snooze."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from netcadence.app import daily
from netcadence.app.session import user_name
from netcadence.cli.base import (
    NEGATIVE_VALUES,
    channel_named,
    command_module,
    confirm,
    current,
    future_date,
    group,
    not_options,
    past_date,
    today,
)
from netcadence.cli.completion import complete_cadence, complete_channel, complete_contact
from netcadence.dates import parse_duration
from netcadence.errors import InputError
from netcadence.render.output import say, warn
from netcadence.store import agenda, pauses, schedule
from netcadence.store import contacts as contact_store
from netcadence.store import touches as touch_store
from netcadence.store.contacts import ContactRef
from netcadence.text import printable

Channel = Annotated[str | None, typer.Option(
    "--channel", "-c",
    help="call coffee email text meeting visit mail voicemail event social intro other.",
    autocompletion=complete_channel)]
When = Annotated[str | None, typer.Option(help="When it happened (default today).")]
Note = Annotated[str | None, typer.Option(help="A note.")]

commands = command_module()
touch_app = group("Fix a logged touch: edit or remove it.")
commands.add_typer(touch_app, name="touch")


@commands.command()
def log(
    contact: Annotated[str, typer.Argument(
        help="Name, slug or email.", autocompletion=complete_contact)],
    channel: Channel = None,
    when: When = None,
    note: Note = None,
    inbound: Annotated[bool, typer.Option("--in", help="They reached out or answered.")] = False,
    give: Annotated[bool, typer.Option(
        "--give", help="You helped them (with --in: they helped you).")] = False,
    ask: Annotated[bool, typer.Option(
        "--ask", help="You asked them for something (with --in: they asked you).")] = False,
    new: Annotated[bool, typer.Option(
        "--new", help="Create the contact if it does not exist.")] = False,
    cadence: Annotated[str | None, typer.Option(
        help="With --new: enroll in this cadence.", autocompletion=complete_cadence)] = None,
    by: Annotated[str | None, typer.Option(help="Who logged it (default: you).")] = None,
) -> None:
    """Log a touch: a coffee, a call, an email, a visit…"""
    daily.log_touch(
        current(), contact, channel=channel, when=when, note=note, inbound=inbound,
        give=give, ask=ask, new=new, cadence=cadence, by=by,
    )


def touch_day(when: str | None) -> date:
    return daily.touch_day(when, today())


def _touch_id(text: str):
    not_options(text)
    try:
        number = int(text.strip().lstrip("#"))
    except ValueError:
        raise InputError(
            f"{text!r} is not a touch id; 'netcadence show CONTACT' lists them"
        ) from None
    return number


@touch_app.command("edit", context_settings=NEGATIVE_VALUES)
def touch_edit(
    touch_id: Annotated[str, typer.Argument(metavar="ID", help="The touch's id.")],
    when: Annotated[str | None, typer.Option(help="The touch's new date.")] = None,
    channel: Channel = None,
    note: Note = None,
    inbound: Annotated[bool | None, typer.Option("--in/--out", help="Direction.")] = None,
    give: Annotated[bool | None, typer.Option(
        "--give/--no-give", help="You helped them (on an inbound touch: they helped you).")] = None,
    ask: Annotated[bool | None, typer.Option(
        "--ask/--no-ask", help="You asked (on an inbound touch: they asked you).")] = None,
) -> None:
    """Fix a touch; due dates, steps and statuses follow."""
    number = _touch_id(touch_id)
    if all(value is None for value in (when, channel, note, inbound, give, ask)):
        raise InputError("nothing to change; give at least one option such as --when, "
                         "--channel or --note (see 'netcadence touch edit --help')")
    day = past_date(when)
    if day is not None:
        touch_store.check_not_future(day, today())
    kind = channel_named(channel) if channel is not None else None
    db = current().db(create=True)
    with db.write():
        touch = touch_store.get(db, number)
        touch_store.update(
            db, touch, today(), day=day, channel=kind, note=note,
            direction=None if inbound is None else ("in" if inbound else "out"),
            give=give, ask=ask,
        )
    ref = contact_store.ref(db, touch.contact_id)
    say(f"Updated touch {number} with {printable(ref.name)} ({ref.slug}); "
        f"{daily.next_due_text(db, ref.id, today())}")


@touch_app.command("rm", context_settings=NEGATIVE_VALUES)
def touch_rm(
    touch_id: Annotated[str, typer.Argument(metavar="ID", help="The touch's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Remove a touch logged by mistake."""
    number = _touch_id(touch_id)
    db = current().db(create=True)
    touch = touch_store.get(db, number)
    ref = contact_store.ref(db, touch.contact_id)
    confirm(f"Remove touch {number} ({touch.day} {touch.channel}) with {ref.name}?", yes)
    with db.write():
        touch_store.remove(db, touch, today())
    say(f"Removed touch {number}; {printable(ref.name)} ({ref.slug}): "
        f"{daily.next_due_text(db, ref.id, today())}")


@commands.command()
def event(
    name: Annotated[str, typer.Argument(help="The event's name.")],
    met: Annotated[list[str] | None, typer.Option(
        "--met", help="Someone you met there (repeatable).",
        autocompletion=complete_contact)] = None,
    when: When = None,
    new: Annotated[bool, typer.Option("--new", help="Create people who do not exist yet.")] = False,
    by: Annotated[str | None, typer.Option(help="Who logged it.")] = None,
) -> None:
    """Record a networking event and a touch with each person you met there."""
    title = " ".join(name.split())
    if not title:
        raise InputError("an event needs a name")
    if not met:
        raise InputError("name the people you met with --met (repeatable)")
    day = touch_day(when)
    db = current().db(create=True)
    with db.write():
        people: dict[int, ContactRef] = {}
        created: set[int] = set()
        for query in met:
            ref, is_new = daily.contact_for_log(db, query, today(), new=new, cadence=None, day=day)
            people.setdefault(ref.id, ref)
            if is_new:
                created.add(ref.id)
        added = touch_store.record_event(db, title, day, list(people), by=user_name(by))
        schedule.refresh(db, today(), added)

    def named(ids):
        return ", ".join(f"{printable(people[i].name)} ({people[i].slug}"
                         f"{', new' if i in created else ''})" for i in ids)

    text = f"Recorded {printable(title)} on {day.isoformat()}"
    if added:
        text += f": met {named(added)}"
    known = [i for i in people if i not in added]
    if known:
        text += f"{'; ' if added else ': '}already recorded there: {named(known)}"
    say(text)


@commands.command(context_settings=NEGATIVE_VALUES)
def snooze(
    contact: Annotated[str, typer.Argument(
        help="Name, slug or email.", autocompletion=complete_contact)],
    duration: Annotated[str | None, typer.Argument(help="How long, e.g. 2w.")] = None,
    until: Annotated[str | None, typer.Option(help="Snooze until this date.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the snooze.")] = False,
) -> None:
    """Push a contact's due date back: not before the given date."""
    not_options(contact, duration)
    target = _snooze_target(duration, until, clear)
    db = current().db(create=True)
    with db.write():
        ref = contact_store.resolve(db, contact)
        pauses.snooze(db, ref, today(), target)
    if target is None:
        say(f"Snooze cleared for {printable(ref.name)} ({ref.slug}); "
            f"{daily.next_due_text(db, ref.id, today())}")
    else:
        say(f"Snoozed {printable(ref.name)} ({ref.slug}) until {target.isoformat()}; "
            f"{daily.next_due_text(db, ref.id, today())}")
        last = agenda.schedule_of(db, ref.id, today()).last_touch
        if last is not None and last >= today().isoformat():
            warn(f"{printable(ref.name)} already has a touch today, and a touch dated on or "
                 "after the day of a snooze ends it: snooze again tomorrow to keep it")


def _snooze_target(duration: str | None, until: str | None, clear: bool) -> date | None:
    """The date a snooze lasts until, or None to clear it."""
    given = [x for x in (duration, until) if x is not None]
    if clear and given or len(given) > 1:
        raise InputError("give one of DURATION, --until DATE or --clear")
    if clear:
        return None
    if duration is not None:
        return parse_duration(duration).after(today())
    if until is None:
        raise InputError("say how long: a duration (2w), --until DATE, or --clear")
    target = future_date(until)
    if target <= today():
        raise InputError(f"--until {target.isoformat()} is not after today; give a future date")
    return target
