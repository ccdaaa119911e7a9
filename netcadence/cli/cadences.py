"""Cadence commands: define, set, tag, list, rm."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.cli.base import JSON_HELP, command_module, current, group, past_date, today
from netcadence.cli.completion import (
    complete_cadence,
    complete_cadence_choice,
    complete_contact,
    complete_tag,
)
from netcadence.dates import parse_duration
from netcadence.engine.schedule import Cadence
from netcadence.errors import InputError
from netcadence.render.output import emit_json, say, table
from netcadence.store import cadences, schedule, settings
from netcadence.store import contacts as contact_store
from netcadence.text import normalize_tag, printable

commands = command_module()
cadence_app = group("Define cadences and give them to contacts and tags.")
commands.add_typer(cadence_app, name="cadence")


@cadence_app.command("define")
def define(
    name: Annotated[str, typer.Argument(help="The cadence's name.")],
    step: Annotated[list[str] | None, typer.Option(
        "--step",
        help="OFFSET[:CHANNEL][:LABEL], e.g. 1d:email:thank-you (repeatable, in order).")] = None,
    every: Annotated[str | None, typer.Option(help="The perpetual interval, e.g. 3m.")] = None,
    stop_on_reply: Annotated[bool, typer.Option(
        "--stop-on-reply", help="An answer ends the series.")] = False,
    give_up_after: Annotated[int | None, typer.Option(
        "--give-up-after", help="Set aside as unresponsive after N unanswered touches.")] = None,
    replace: Annotated[bool, typer.Option(
        "--replace", help="Redefine an existing cadence.")] = False,
) -> None:
    """Define a cadence: a series of steps, a perpetual interval, or both."""
    steps = tuple(cadences.parse_step(s) for s in step or [])
    interval = parse_duration(every) if every is not None else None
    cadence = cadences.checked(Cadence(name, steps, interval, stop_on_reply, give_up_after))
    db = current().db(create=True)
    with db.write():
        cadences.refuse_case_twin(db, cadence.name)
        cadence_id, replaced = cadences.define(db, cadence, replace=replace)
        if replaced:
            schedule.refresh(db, today(), cadences.contacts_with(db, cadence.name))
    verb = "Redefined" if replaced else "Defined"
    say(f"{verb} cadence {printable(cadence.name)}: {cadences.describe(cadence)}")


@cadence_app.command("set")
def set_(
    contact: Annotated[str, typer.Argument(
        help="Name, slug or email.", autocompletion=complete_contact)],
    cadence: Annotated[str, typer.Argument(help="A cadence name, a duration (2w), none or default.",
                                        autocompletion=complete_cadence_choice)],
    from_: Annotated[str | None, typer.Option(
        "--from", help="Enrollment date (default today).")] = None,
) -> None:
    """Give a contact a cadence (none: no cadence; default: its tags' default)."""
    start = past_date(from_)
    if start is not None and start > today():
        raise InputError(
            f"--from {start.isoformat()} is after today; enrollment starts today or earlier"
        )
    db = current().db(create=True)
    with db.write():
        ref = contact_store.resolve(db, contact)
        wanted = cadence.strip().lower()
        choice = wanted if wanted in ("none", "default") else cadences.choose(db, cadence)
        cadences.assign(db, ref.id, choice)
        enroll = {ref.id: start or today()}
        schedule.refresh(db, today(), [ref.id], enroll=enroll)
    from netcadence.app.daily import next_due_text

    say(f"{printable(ref.name)} ({ref.slug}): {next_due_text(db, ref.id, today())}")


@cadence_app.command("tag")
def tag(
    tag_name: Annotated[str, typer.Argument(
        metavar="TAG", help="The tag.", autocompletion=complete_tag)],
    cadence: Annotated[str, typer.Argument(help="A cadence name, a duration, or none to remove.",
                                        autocompletion=complete_cadence)],
) -> None:
    """Make a cadence the default for every contact with a tag."""
    label = normalize_tag(tag_name)
    removing = cadence.strip().lower() == "none"
    db = current().db(create=True)
    with db.write():
        choice = None if removing else cadences.choose(db, cadence)
        tagged = cadences.set_tag_default(db, label, choice)
        schedule.refresh(db, today(), tagged)
    if removing:
        say(f"Tag {printable(label)} has no default cadence now ({_contacts(len(tagged))})")
    else:
        say(f"Tag {printable(label)} defaults to {printable(cadence.strip())} "
            f"({_contacts(len(tagged))})")


def _contacts(count: int) -> str:
    return f"{count} contact{'' if count == 1 else 's'}"


@cadence_app.command("list")
def list_(json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False) -> None:
    """List cadences with their steps and interval."""
    db = current().db()
    found = sorted(cadences.load_cadences(db).values(), key=lambda c: c.name)
    tags = cadences.tags_by_cadence(db)
    if json:
        emit_json([cadence_json(c, sorted(tags.get(c.name, []))) for c in found])
        return
    inline = cadences.inline_tag_defaults(db)
    if not found:
        say("No cadences yet: 'netcadence cadence define monthly --every 1m' makes one.")
    else:
        table(
            ["name", "steps", "every", "options", "tags"],
            [
                [c.name, " → ".join(_step_text(s) for s in c.steps) or "-",
                 str(c.every) if c.every else "-", _options(c),
                 ", ".join(sorted(tags.get(c.name, [])))]
                for c in found
            ],
        )
    if inline:
        say("Tag defaults given as a duration: "
            + ", ".join(f"{printable(tag)} → {every}" for tag, every in inline))


def cadence_json(cadence: Cadence, tags: list[str]) -> dict:
    return {
        "name": cadence.name,
        "steps": [
            {"offset": str(s.offset), "channel": s.channel, "label": s.label} for s in cadence.steps
        ],
        "every": str(cadence.every) if cadence.every else None,
        "stop_on_reply": cadence.stop_on_reply,
        "give_up_after": cadence.give_up_after,
        "tags": tags,
    }


def _step_text(step) -> str:
    return str(step.offset) + (f" {step.action}" if step.action else "")


def _options(cadence: Cadence) -> str:
    parts = []
    if cadence.stop_on_reply:
        parts.append("stop on reply")
    if cadence.give_up_after:
        parts.append(f"give up after {cadence.give_up_after}")
    return ", ".join(parts)


@cadence_app.command("rm")
def rm(
    name: Annotated[str, typer.Argument(
        help="The cadence's name.", autocompletion=complete_cadence)],
) -> None:
    """Remove a cadence no contact or tag uses."""
    db = current().db(create=True)
    with db.write():
        if (settings.load(db).default_cadence or "").strip() == name.strip():
            raise InputError(f"cadence {name.strip()!r} is the default_cadence setting; "
                             "change it first ('netcadence config set default_cadence …' "
                             "or 'config unset default_cadence')")
        cadences.remove(db, name)
    say(f"Removed cadence {printable(name.strip())}")
