"""Sync commands: sync mail, sync calendar, sync status."""

from __future__ import annotations

from typing import Annotated

import typer

from netcadence.app.session import user_name
from netcadence.cli.base import command_module, current, group, today
from netcadence.cli.completion import complete_cadence, complete_tag

commands = command_module()
sync_app = group(
    "Log touches from the mail and calendars on your disk (nothing leaves the machine).")
commands.add_typer(sync_app, name="sync")

Paths = Annotated[list[str], typer.Argument(
    metavar="PATH...", help="Files or folders to read.", show_default=False)]
Me = Annotated[list[str] | None, typer.Option(
    "--me", help="Your own address (repeatable); default: the setting 'me'.")]
Since = Annotated[str | None, typer.Option(
    help="Only what is dated on or after this date, or within this duration (6m).")]
DryRun = Annotated[bool, typer.Option(
    "--dry-run", help="Show what would be logged; write nothing.")]
New = Annotated[bool, typer.Option(
    "--new", help="Add the people you wrote to (or invited) who are not contacts yet.")]
Tags = Annotated[list[str] | None, typer.Option(
    "--tag", help="With --new: tag the people added (repeatable).", autocompletion=complete_tag)]
CadenceOption = Annotated[str | None, typer.Option(
    "--cadence", help="With --new: enroll the people added in this cadence.",
    autocompletion=complete_cadence)]
Json = Annotated[bool, typer.Option("--json", help="Print the summary as JSON only.")]
Verbose = Annotated[bool, typer.Option(
    "--verbose", "-v", help="Name every message or event skipped, and why.")]


def _run(kind: str, paths: list[str], me, since, dry_run, new, tag, cadence, json,
         verbose) -> None:
    from netcadence.app import sync
    from netcadence.cli.io import _progress
    from netcadence.render.sync import summary

    options = sync.SyncOptions(me=tuple(me or ()), since=since, dry_run=dry_run, new=new,
                               tags=tuple(tag or ()), cadence=cadence, by=user_name(None),
                               verbose=verbose)
    run = sync.sync_mail if kind == "mail" else sync.sync_calendar
    if dry_run:
        from netcadence.store import db as store

        store.dry_run()  # a database created for it is taken back
    report = run(lambda: current().db(create=True), today(), paths, options, _progress)
    summary(report, verbose=verbose, json=json)


@sync_app.command("mail")
def sync_mail(paths: Paths, me: Me = None, since: Since = None, dry_run: DryRun = False,
              new: New = False, tag: Tags = None, cadence: CadenceOption = None,
              json: Json = False, verbose: Verbose = False) -> None:
    """Log email touches from an mbox, a Maildir, a folder of .eml files or one .eml."""
    _run("mail", paths, me, since, dry_run, new, tag, cadence, json, verbose)


@sync_app.command("calendar")
def sync_calendar(paths: Paths, me: Me = None, since: Since = None, dry_run: DryRun = False,
                  new: New = False, tag: Tags = None, cadence: CadenceOption = None,
                  json: Json = False, verbose: Verbose = False) -> None:
    """Log meetings from .ics files or folders of them (khal, vdirsyncer, exports)."""
    _run("calendar", paths, me, since, dry_run, new, tag, cadence, json, verbose)


@sync_app.command("status")
def sync_status(json: Json = False) -> None:
    """Each path synced: kind, last run, items seen, touches added."""
    from netcadence.app.sync import status
    from netcadence.render.sync import status as show

    show(status(current().db()), json=json)
