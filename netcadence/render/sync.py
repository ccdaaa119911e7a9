"""What `sync` says: the summary of a sync (text or JSON) and `sync status`."""

from __future__ import annotations

from netcadence.app.sync import SyncReport
from netcadence.engine.sync import REASON_TEXT
from netcadence.render.output import emit_json, say, table
from netcadence.text import printable

LISTED = 10  # people named on one line before "and N more"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _names(people, *, email: bool = False) -> str:
    shown = [f"{printable(p.name)} ({p.slug}{', ' + p.email if email else ''})"
             for p in people[:LISTED]]
    more = len(people) - LISTED
    return ", ".join(shown) + (f" and {more:,} more" if more > 0 else "")


def summary(report: SyncReport, *, verbose: bool, json: bool) -> None:
    if json:
        emit_json(report.as_json())
        return
    mail = report.kind == "mail"
    things = ("message", "messages") if mail else ("event", "events")
    head = "Dry run (nothing written): " if report.dry_run else ""
    verb = "would add" if report.dry_run else "added"
    parts = [f"read {_plural(report.read, *things)}",
             f"{verb} {_plural(report.added, 'touch', 'touches')} on "
             f"{_plural(report.contacts, 'contact')}"]
    if report.known:
        parts.append(f"{report.known:,} already known")
    skipped = sum(report.skipped.values())
    if skipped:
        reasons = ", ".join(f"{count:,} {REASON_TEXT[reason]}"
                            for reason, count in report.skipped.items() if count)
        parts.append(f"skipped {skipped:,} ({reasons})")
    text = "; ".join(parts)
    say(head + text if head else text[0].upper() + text[1:])
    if report.dry_run:
        _would_log(report)
    if report.created:
        say(f"{'Would add' if report.dry_run else 'Added'} "
            f"{_plural(len(report.created), 'new contact')}: {_names(report.created, email=True)}")
    if report.matched:
        say(f"{'Would give' if report.dry_run else 'Gave'} an address to "
            f"{_plural(len(report.matched), 'contact')}: {_names(report.matched, email=True)}")
    if report.not_contacts:
        who = "you wrote to" if mail else "you invited"
        count = len(report.not_contacts)
        are = "is not a contact" if count == 1 else "are not contacts"
        say(f"{_plural(count, 'person', 'people')} {who} {are}: --new adds them, "
            "--dry-run --new lists them")
    if verbose:
        for skip in report.skips:
            what = f' ("{printable(skip.what)}")' if skip.what else ""
            say(f"  skipped {printable(skip.where)}: {REASON_TEXT[skip.reason]}{what}")
        for path in report.ignored:
            say(f"  not read {printable(path)}: neither mail nor a calendar")


def _would_log(report: SyncReport) -> None:
    """What a dry run would log, per contact."""
    by_contact: dict[int, list] = {}
    people = {}
    for person, touch in report.touches:
        by_contact.setdefault(person.id, []).append(touch)
        people[person.id] = person
    for contact_id in sorted(by_contact, key=lambda i: (people[i].name.lower(), people[i].slug)):
        person = people[contact_id]
        touches = sorted(by_contact[contact_id], key=lambda t: (t.day, t.direction))
        listed = "; ".join(
            f"{t.day.isoformat()} {t.direction}" + (f' "{printable(t.note)}"' if t.note else "")
            for t in touches)
        say(f"  {printable(person.name)} ({person.slug}): {listed}")


def status(rows: list[dict], *, json: bool) -> None:
    if json:
        emit_json(rows)
        return
    if not rows:
        say("Nothing synced yet: 'netcadence sync mail PATH' or 'netcadence sync calendar PATH'")
        return
    table(["path", "kind", "format", "last run", "seen", "added"],
          [[row["path"], row["kind"], row["format"], row["last_run"], f"{row['seen']:,}",
            f"{row['added']:,}"] for row in rows])
