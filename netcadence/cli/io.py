"""Import, export and backup commands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from netcadence.app.session import user_name
from netcadence.cli.base import command_module, current, group, today
from netcadence.cli.completion import complete_cadence, complete_tag
from netcadence.errors import InputError
from netcadence.io.records import Importer, Record, Summary
from netcadence.render.output import say, warn
from netcadence.suggest import did_you_mean
from netcadence.text import normalize_tag, printable

commands = command_module()
import_app = group("Import contacts: LinkedIn, Google, vCard, CSV or netcadence JSON.")
commands.add_typer(import_app, name="import")

PROGRESS_FROM = 500
File = Annotated[str, typer.Argument(
    metavar="FILE", help="The file to import.", show_default=False)]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")]
Verbose = Annotated[bool, typer.Option(
    "--verbose", help="List every skipped row, also those with no name and no email.")]
Tags = Annotated[list[str] | None, typer.Option(
    "--tag", help="Tag every imported contact (repeatable).", autocompletion=complete_tag)]
CadenceOption = Annotated[str | None, typer.Option(
    "--cadence",
    help="Enroll new contacts (and those without a cadence) today: a name or a duration.",
    autocompletion=complete_cadence)]


class _DryRun(Exception):
    """Raised inside the transaction so that a dry run rolls everything back."""


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal and the file is large; else nothing."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _tags(tags: list[str] | None) -> list[str]:
    cleaned = []
    for tag in tags or []:
        if not normalize_tag(tag):
            raise InputError("--tag cannot be empty")
        cleaned.append(normalize_tag(tag))
    return cleaned


def _importer(db, tags: list[str] | None, cadence: str | None) -> Importer:
    from netcadence.store import cadences as cadence_store

    choice = cadence_store.choose(db, cadence) if cadence is not None else None
    return Importer(db, today(), tags=_tags(tags), cadence=choice)


def _run(file: str, records: list[Record], dry_run: bool, tags: list[str] | None,
         cadence: str | None, verbose: bool, *, warnings: list[tuple[int, str]] = (),
         broken: list[tuple[int, str]] = (), unit: str = "rows") -> None:
    """Import the records read from another program's file in one transaction (all or
    nothing)."""

    def fill(importer) -> Summary:
        for line, text in warnings:
            importer.summary.warn(f"line {line}", text)
        for line, text in broken:
            importer.summary.skip(f"line {line}", text)
        with _progress(len(records), "importing") as advance:
            for record in records:
                importer.add_read(record)
                advance(1)
        return importer.finish()

    _import(file, dry_run, tags, cadence, fill, verbose=verbose, unit=unit)


def _import(file: str, dry_run: bool, tags: list[str] | None, cadence: str | None,
            fill, *, verbose: bool = False, unit: str = "rows") -> None:
    """Run `fill(importer)` in one transaction, rolled back on --dry-run, then report."""
    if dry_run:
        from netcadence.store import db as store

        store.dry_run()  # a database created for it is taken back
    db = current().db(create=True)
    summary: Summary | None = None
    try:
        with db.write():
            summary = fill(_importer(db, tags, cadence))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    assert summary is not None
    _report(file, summary, dry_run, verbose, unit)


def _report(file: str, summary: Summary, dry_run: bool, verbose: bool, unit: str) -> None:
    for where, text in summary.warnings:
        warn(f"{where}: {printable(text)}")
    head = "Dry run (nothing written) of" if dry_run else "Imported"
    extra = "".join(f", {count} {key}" for key, count in summary.extra.items())
    say(f"{head} {printable(file)}: {summary.created} created, {summary.updated} updated, "
        f"{summary.unchanged} unchanged, {len(summary.skipped)} skipped{extra}")
    for line in summary.job_changes:
        say(f"  job change: {printable(line)}")
    for line in summary.skipped_lines(verbose=verbose, unit=unit):
        say(f"  {printable(line)}")


def _run_csv(file: str, parse: Callable, dry_run: bool, tags: list[str] | None,
             cadence: str | None, verbose: bool) -> None:
    from netcadence.io.files import TextFile
    from netcadence.io.table import Table

    _tags(tags)
    table = Table(TextFile(file), file)
    records = parse(table)
    _run(file, records, dry_run, tags, cadence, verbose, warnings=table.warnings)


@import_app.command("linkedin")
def import_linkedin(file: File, dry_run: DryRun = False, tag: Tags = None,
                    cadence: CadenceOption = None, verbose: Verbose = False) -> None:
    """Import LinkedIn's Connections.csv (Connected On becomes the met date)."""
    from netcadence.io import linkedin

    _run_csv(file, _export_of(file, linkedin, "a LinkedIn Connections export: no header with "
                              "First Name, Last Name and Connected On"), dry_run, tag, cadence,
             verbose)


@import_app.command("google")
def import_google(file: File, dry_run: DryRun = False, tag: Tags = None,
                  cadence: CadenceOption = None, verbose: Verbose = False) -> None:
    """Import a Google Contacts CSV export (labels become tags)."""
    from netcadence.io import google

    _run_csv(file, _export_of(file, google, "a Google Contacts export: no header with "
                              "'E-mail 1 - Value' and Labels"), dry_run, tag, cadence, verbose)


def _export_of(file: str, reader, what: str):
    """A parser for one known export layout, refusing a file without its header."""

    def parse(table):
        if not table.find_header(reader.is_header):
            table.first_row_as_header()
            raise InputError(f"{file!r} is not {what} (columns found: {table.found_columns()})")
        return reader.records(table)

    return parse


@import_app.command("csv")
def import_csv(
    file: File,
    map_: Annotated[list[str] | None, typer.Option(
        "--map", help='Which column is which: "name=Full Name,email=E-mail" (fields: name, '
        "first_name, last_name, email, phone, company, title, note, how, tags, met, linkedin, "
        "uid, birthday, anniversary).")] = None,
    dry_run: DryRun = False, tag: Tags = None, cadence: CadenceOption = None,
    verbose: Verbose = False,
) -> None:
    """Import a CSV: LinkedIn, Google and Outlook exports are recognised; others need --map."""
    from netcadence.io import csvfile

    _run_csv(file, lambda table: csvfile.records(table, map_), dry_run, tag, cadence, verbose)


@import_app.command("vcard")
def import_vcard(file: File, dry_run: DryRun = False, tag: Tags = None,
                 cadence: CadenceOption = None, verbose: Verbose = False) -> None:
    """Import vCards (2.1, 3.0, 4.0) from a phone, a mail program or an address book."""
    from netcadence.io import vcard
    from netcadence.io.files import TextFile

    _tags(tag)
    records, broken = [], []
    for card in vcard.cards(TextFile(file)):
        try:
            records.append(vcard.record(card))
        except ValueError as error:
            broken.append((card.line, f"unreadable card: {error}"))
    if not records and not broken:
        raise InputError(f"{file!r} is not a vCard file: no BEGIN:VCARD line in it")
    _run(file, records, dry_run, tag, cadence, verbose, broken=broken, unit="cards")


@import_app.command("json")
def import_json(file: File, dry_run: DryRun = False, tag: Tags = None,
                cadence: CadenceOption = None, verbose: Verbose = False) -> None:
    """Import netcadence JSON: a full export, or a hand-written file with the essentials."""
    from netcadence.io import jsonfile

    _tags(tag)
    source = jsonfile.JsonFile(file)

    def fill(importer) -> Summary:
        # The file is read a piece at a time: progress counts its bytes, in kilobytes.
        with _progress(source.size // 1024, "importing") as advance:
            read = _Kilobytes(advance)
            jsonfile.JsonImport(importer, source, user_name(None), read).run()
        return importer.summary

    _import(file, dry_run, tag, cadence, fill, verbose=verbose, unit="entries")


class _Kilobytes:
    """Turns bytes read into whole kilobytes for a progress bar."""

    def __init__(self, advance: Callable[[int], None]) -> None:
        self.advance = advance
        self.rest = 0

    def __call__(self, count: int) -> None:
        whole, self.rest = divmod(self.rest + count, 1024)
        if whole:
            self.advance(whole)


EXPORT_KINDS = ("json", "csv", "ics")


@commands.command("export")
def export(
    kind: Annotated[str, typer.Argument(metavar="json|csv|ics", help="The format.")],
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help="Write to this file (atomically) instead of stdout.")] = None,
    events: Annotated[bool, typer.Option(
        "--events", help="With ics: all-day events instead of to-dos (what is due, and "
        "birthdays and anniversaries of the next 365 days), for calendars that show no "
        "tasks.")] = False,
) -> None:
    """Export everything as JSON, contacts as CSV, or what is due as iCalendar to-dos."""
    wanted = kind.strip().lower()
    if wanted not in EXPORT_KINDS:
        hint = did_you_mean(wanted, EXPORT_KINDS) or ";"
        raise InputError(f"{kind!r} is not an export format{hint} use json, csv or ics")
    if events and wanted != "ics":
        raise InputError(f"--events goes with 'export ics', not {wanted}")
    from netcadence.io import export as exporter

    if output is not None:
        _not_the_database(Path(output).expanduser(), "export")
    db = current().db()
    if wanted == "json":
        # Written as it is read: an export of millions of touches holds one page of them.
        data: Iterable[bytes] = (chunk.encode("utf-8") for chunk in
                                 exporter.json_chunks(exporter.document(db, today())))
    elif wanted == "csv":
        data = [exporter.csv_text(db, today()).encode("utf-8")]
    else:
        from netcadence.io.ics import events_bytes, ics_bytes

        data = [(events_bytes if events else ics_bytes)(db, today())]
    if output is None:
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        for chunk in data:
            if out is not None:
                out.write(chunk)
            else:
                sys.stdout.write(chunk.decode("utf-8"))
        sys.stdout.flush()
        return
    from netcadence.atomic import write_file

    write_file(output, data)
    say(f"Exported {wanted} to {printable(output)}")


def _not_the_database(target: Path, what: str) -> None:
    """Refuse to write over the SQLite database or one of its -wal, -shm, -journal files."""
    from netcadence.store.db import database_file_at

    found = database_file_at(current().location, target)
    if found is not None:
        raise InputError(f"{printable(str(target))!r} is {found}: the {what} would destroy "
                         f"it; give another file")


@commands.command()
def backup(
    file: Annotated[str | None, typer.Argument(
        metavar="FILE", help="Where to write the copy (default: beside the database, dated).",
        show_default=False)] = None,
) -> None:
    """A consistent copy of the SQLite database, safe while other commands write."""
    from netcadence.store.db import backup as copy_database

    session = current()
    location = session.location
    if location.backend != "sqlite" or location.path is None:
        raise InputError(
            "backup copies a SQLite database; for PostgreSQL use pg_dump "
            "(e.g. pg_dump -Fc -f netcadence.dump DBNAME)")
    db = session.db()
    source = location.path
    default_name = f"{source.stem}-{today().isoformat()}{source.suffix or '.db'}"
    target = Path(file).expanduser() if file else source.with_name(default_name)
    if target.is_dir():
        target = target / default_name
    if not target.parent.is_dir():
        raise InputError(
            f"cannot write {str(target)!r}: folder {str(target.parent)!r} does not exist")
    _not_the_database(target, "backup")
    copy_database(db, target)
    say(f"Backed up {printable(str(source))} to {printable(str(target))}")
