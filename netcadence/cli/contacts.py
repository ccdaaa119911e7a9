"""Contact commands: add, list, show, edit, find, pause, resume, archive, rm."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.cli.base import (
    JSON_HELP,
    command_module,
    confirm,
    current,
    future_date,
    past_date,
    today,
)
from netcadence.cli.completion import complete_cadence, complete_contact, complete_tag
from netcadence.errors import InputError
from netcadence.render import contacts as view
from netcadence.render.output import emit_json, say
from netcadence.store import agenda, cadences, details, schedule, settings
from netcadence.store import contacts as contact_store
from netcadence.store import occasions as occasion_store
from netcadence.text import printable

Emails = Annotated[list[str] | None, typer.Option("--email", help="An email address (repeatable).")]
Phones = Annotated[list[str] | None, typer.Option("--phone", help="A phone number (repeatable).")]
Tags = Annotated[list[str] | None, typer.Option(
    "--tag", help="A tag (repeatable).", autocompletion=complete_tag)]
Json = Annotated[bool, typer.Option("--json", help=JSON_HELP)]
Birthday = Annotated[str | None, typer.Option(
    help="Their birthday: 1990-04-12, or without the year 04-12, April 12, 12 Apr.")]
Anniversary = Annotated[str | None, typer.Option(
    help="An anniversary (a wedding, a company's founding): as --birthday.")]

commands = command_module()


@commands.command()
def add(
    name: Annotated[str, typer.Argument(help="The contact's full name.")],
    email: Emails = None,
    phone: Phones = None,
    company: Annotated[str | None, typer.Option(help="Company.")] = None,
    title: Annotated[str | None, typer.Option(help="Job title.")] = None,
    tag: Tags = None,
    met: Annotated[str | None, typer.Option(help="When you met (a date).")] = None,
    how: Annotated[str | None, typer.Option(help="How you met.")] = None,
    linkedin: Annotated[str | None, typer.Option(help="LinkedIn profile URL.")] = None,
    note: Annotated[str | None, typer.Option(help="A note about them.")] = None,
    cadence: Annotated[str | None, typer.Option(
        help="A cadence name or a duration (2w).", autocompletion=complete_cadence)] = None,
    birthday: Birthday = None,
    anniversary: Anniversary = None,
) -> None:
    """Add a contact."""
    met_on = _met_date(met)
    days = _occasions(birthday, anniversary)
    db = current().db(create=True)
    with db.write():
        new = contact_store.NewContact(
            name=name, emails=email or [], phones=phone or [], company=company, title=title,
            tags=tag or [], met_on=met_on, how=how, linkedin=linkedin, note=note,
        )
        ref = contact_store.create(db, new, today())
        occasion_store.set_days(db, ref.id, days)
        _initial_cadence(db, ref.id, cadence, tag or [])
        schedule.refresh(db, today(), [ref.id])
    due = contact_store.next_due(db, ref.id)
    say(f"Added {printable(ref.name)} ({ref.slug})" + (f", next due {due}" if due else ""))


def _initial_cadence(db, contact_id: int, cadence: str | None, tags: list[str]) -> None:
    """--cadence, else the tags' default, else the default_cadence setting."""
    if cadence is not None:
        explicit_none = cadence.strip().lower() == "none"
        cadences.assign(db, contact_id, "none" if explicit_none else cadences.choose(db, cadence))
        return
    if cadences.tag_gives_cadence(db, tags):
        return
    fallback = settings.load(db).default_cadence
    if fallback:
        cadences.assign(db, contact_id, cadences.choose(db, fallback))


@commands.command("list")
def list_(
    tag: Annotated[str | None, typer.Option(
        help="Only contacts with this tag.", autocompletion=complete_tag)] = None,
    status: Annotated[str | None, typer.Option(
        help="active, paused, archived, unresponsive or all (default: all but archived).")] = None,
    sort: Annotated[str | None, typer.Option(
        "--sort", help="name (the default) or strength (strongest first).")] = None,
    json: Json = False,
) -> None:
    """List contacts."""
    wanted = _status(status)
    by = _sort_key(sort)
    rows = agenda.list_rows(current().db(), today(), status=wanted, tag=tag)
    if by == "strength":
        rows.sort(key=lambda row: -row.strength)  # stable: by name within a strength
    view.contact_list(rows, json=json, strength=by == "strength")


SORT_KEYS = ("name", "strength")


def _sort_key(text: str | None) -> str:
    if text is None:
        return "name"
    from netcadence.suggest import one_of

    return one_of(text, SORT_KEYS, "a sort key", f"sort by {' or '.join(SORT_KEYS)}")


def _status(text: str | None) -> str | None:
    if text is None:
        return None
    wanted = text.strip().lower()
    allowed = ("active", "paused", "archived", "unresponsive", "all")
    if wanted not in allowed:
        raise InputError(f"{text!r} is not a status; use one of {', '.join(allowed)}")
    return wanted


@commands.command()
def show(
    contact: Annotated[str, typer.Argument(
        help="Name, slug or email.", autocompletion=complete_contact)],
    json: Json = False,
) -> None:
    """Show a contact: details, cadence, next due, give/ask balance and timeline."""
    db = current().db()
    ref = contact_store.resolve(db, contact)
    data = details.contact_details(db, ref.id, today())
    if json:
        emit_json(data)
    else:
        view.contact_card(data)


@commands.command()
def edit(
    contact: Annotated[str, typer.Argument(
        help="Name, slug or email.", autocompletion=complete_contact)],
    name: Annotated[str | None, typer.Option(help="A new name (the slug stays).")] = None,
    email: Emails = None,
    rm_email: Annotated[list[str] | None, typer.Option(
        "--rm-email", help="Remove an email.")] = None,
    phone: Phones = None,
    rm_phone: Annotated[list[str] | None, typer.Option(
        "--rm-phone", help="Remove a phone.")] = None,
    company: Annotated[str | None, typer.Option(help="Company.")] = None,
    title: Annotated[str | None, typer.Option(help="Job title.")] = None,
    met: Annotated[str | None, typer.Option(help="When you met.")] = None,
    how: Annotated[str | None, typer.Option(help="How you met.")] = None,
    linkedin: Annotated[str | None, typer.Option(help="LinkedIn profile URL.")] = None,
    note: Annotated[str | None, typer.Option(help="A note about them.")] = None,
    tag: Tags = None,
    untag: Annotated[list[str] | None, typer.Option(
        "--untag", help="Remove a tag.", autocompletion=complete_tag)] = None,
    birthday: Birthday = None,
    anniversary: Anniversary = None,
    rm_birthday: Annotated[bool, typer.Option(
        "--rm-birthday", help="Forget their birthday.")] = False,
    rm_anniversary: Annotated[bool, typer.Option(
        "--rm-anniversary", help="Forget their anniversary.")] = False,
) -> None:
    """Change a contact's details; --email, --phone and --tag add."""
    changes = contact_store.ContactChanges(
        name=name, company=company, title=title, met_on=_met_date(met), how=how,
        linkedin=linkedin, note=note, emails=email or [], rm_emails=rm_email or [],
        phones=phone or [], rm_phones=rm_phone or [], tags=tag or [], untags=untag or [],
    )
    days = _occasions(birthday, anniversary, rm_birthday=rm_birthday,
                      rm_anniversary=rm_anniversary)
    if changes == contact_store.ContactChanges() and not days:
        raise InputError(
            "nothing to change; give at least one option such as --company, --email or --tag "
            "(see 'netcadence edit --help')"
        )
    db = current().db(create=True)
    with db.write():
        ref = contact_store.resolve(db, contact)
        if contact_store.edit(db, ref.id, changes):
            schedule.refresh(db, today(), [ref.id])
        occasion_store.set_days(db, ref.id, days)
        shown = contact_store.ref(db, ref.id)
    say(f"Updated {printable(shown.name)} ({shown.slug})")


def _occasions(birthday: str | None, anniversary: str | None, *, rm_birthday: bool = False,
               rm_anniversary: bool = False) -> dict:
    """The occasions to set (a Day) or remove (None), by kind, checked."""
    from netcadence.engine.occasions import parse_day

    days = {}
    for kind, text, remove in (("birthday", birthday, rm_birthday),
                               ("anniversary", anniversary, rm_anniversary)):
        if text is not None and remove:
            raise InputError(f"give either --{kind} or --rm-{kind}, not both")
        if text is not None:
            try:
                days[kind] = parse_day(text, today())
            except InputError as error:
                raise InputError(f"--{kind}: {error}") from None
        elif remove:
            days[kind] = None
    return days


def _met_date(text: str | None):
    met_on = past_date(text)
    if met_on and met_on > today():
        raise InputError(f"--met {met_on.isoformat()} is after today; give a past date")
    return met_on


@commands.command()
def find(
    text: Annotated[str, typer.Argument(help="Text to look for.")],
    json: Json = False,
) -> None:
    """Find contacts by name, company, email, notes or touch notes."""
    if not text.strip():
        raise InputError("give some text to look for, e.g. netcadence find fintech")
    db = current().db()
    ids = agenda.find_ids(db, text)
    rows = agenda.list_rows(db, today(), status="all", ids=ids)
    view.contact_list(rows, json=json)


@commands.command()
def pause(
    contact: Annotated[str | None, typer.Argument(
        help="Name, slug or email.", autocompletion=complete_contact)] = None,
    until: Annotated[str | None, typer.Option(help="Resume by itself on this date.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Pause everyone (a vacation).")] = False,
) -> None:
    """Pause a contact's cadence (or everyone's with --all): its clock stops."""
    end = future_date(until) if until else None
    if end is not None and end <= today():
        raise InputError(f"--until {end.isoformat()} is not after today; give a future date")
    from netcadence.store import pauses

    db = current().db(create=True)
    with db.write():
        if all_:
            if contact:
                raise InputError("give either a contact or --all, not both")
            pauses.pause_all(db, today(), end)
            resume_hint = "; resume with 'netcadence resume --all'"
            say("Everyone paused" + (f" until {end.isoformat()}" if end else resume_hint))
            return
        if not contact:
            raise InputError("name a contact to pause, or give --all")
        ref = contact_store.resolve(db, contact)
        pauses.pause_contact(db, ref, today(), end)
    say(f"Paused {printable(ref.name)} ({ref.slug})" + (f" until {end.isoformat()}" if end else ""))


@commands.command()
def resume(
    contact: Annotated[str | None, typer.Argument(
        help="Name, slug or email.", autocompletion=complete_contact)] = None,
    all_: Annotated[bool, typer.Option("--all", help="End a vacation.")] = False,
) -> None:
    """Resume a paused or archived contact (or end a vacation with --all)."""
    from netcadence.store import pauses

    db = current().db(create=True)
    with db.write():
        if all_:
            if contact:
                raise InputError("give either a contact or --all, not both")
            pauses.resume_all(db, today())
            say("Vacation over: cadences run again")
            return
        if not contact:
            raise InputError("name a contact to resume, or give --all")
        ref = contact_store.resolve(db, contact)
        pauses.resume_contact(db, ref, today())
    from netcadence.app.daily import next_due_text

    # As `log` says it: a contact set aside as unresponsive stays so when resumed.
    say(f"Resumed {printable(ref.name)} ({ref.slug}); {next_due_text(db, ref.id, today())}")


@commands.command()
def archive(
    contact: Annotated[str, typer.Argument(
        help="Name, slug or email.", autocompletion=complete_contact)],
) -> None:
    """Archive a contact: kept, never due, found only by exact name, slug or email."""
    db = current().db(create=True)
    with db.write():
        ref = contact_store.resolve(db, contact)
        contact_store.archive(db, ref)
    say(f"Archived {printable(ref.name)} ({ref.slug}); "
        f"'netcadence resume {ref.slug}' brings them back")


@commands.command()
def rm(
    contact: Annotated[str, typer.Argument(
        help="Name, slug or email.", autocompletion=complete_contact)],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete a contact and all their touches."""
    db = current().db(create=True)
    ref = contact_store.resolve(db, contact)
    count = contact_store.touch_count(db, ref.id)
    confirm(f"Delete {ref.name} ({ref.slug}) and {count} touch{'es' if count != 1 else ''}?", yes)
    with db.write():
        contact_store.delete(db, ref.id)
    say(f"Deleted {printable(ref.name)} ({ref.slug})")
