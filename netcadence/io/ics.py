"""Export of what is due as iCalendar: one VTODO per contact with a due date, or (for
calendars that show events but not tasks: Google Calendar, Outlook, iOS) all-day
VEVENTs: one per contact with a due date, one per birthday or anniversary in the
next 365 days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from netcadence.store.db import Database
from netcadence.store.paused import STATUS_SQL


def summary(name: str, label: str | None, step: int | None, steps: int | None,
            action: str | None) -> str:
    if step:
        text = f"{name}: step {step}/{steps}"
        return text + (f" {action}" if action else "") + (f" ({label})" if label else "")
    return f"{name}: {label}" if label else name


def _calendar():
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//netcadence//netcadence//EN")
    calendar.add("version", "2.0")
    return calendar


def _stamp(today: date) -> datetime:
    return datetime(today.year, today.month, today.day, tzinfo=UTC)


def _due(db: Database, today: date) -> list[tuple]:
    """Active contacts with a due date, by date then slug: (slug, name, next_due, label,
    step, steps, action)."""
    rows = db.rows(
        f"SELECT c.slug, c.name, c.next_due, c.cadence_label, c.due_step, c.due_steps, "
        f"c.due_action, {STATUS_SQL} FROM contact c WHERE c.next_due IS NOT NULL",
        (today.isoformat(),),
    )
    return [row[:7] for row in sorted(rows, key=lambda r: (r[2], r[0])) if row[7] == "active"]


def ics_bytes(db: Database, today: date) -> bytes:
    """The same data on the same day gives the same file: stable UIDs, DTSTAMP at 00:00 UTC."""
    from icalendar import Todo

    calendar = _calendar()
    stamp = _stamp(today)
    for slug, name, next_due, label, step, steps, action in _due(db, today):
        todo = Todo()
        todo.add("uid", f"{slug}@netcadence")
        todo.add("dtstamp", stamp)
        todo.add("summary", summary(name, label, step, steps, action))
        todo.add("due", date.fromisoformat(next_due))
        todo.add("status", "NEEDS-ACTION")
        calendar.add_component(todo)
    return calendar.to_ical()


def events_bytes(db: Database, today: date) -> bytes:
    """All-day VEVENTs: each contact with a due date on its effective due date (today
    when overdue), each birthday and anniversary in the next 365 days. UIDs differ
    from the VTODOs' and stay the same from one export to the next (an occasion's
    names its year); DTSTAMP is today at 00:00 UTC, so the same data on the same day
    gives the same file."""
    from icalendar import Event

    from netcadence.app.occasions import rows_between

    calendar = _calendar()
    stamp = _stamp(today)
    events = []
    for slug, name, next_due, label, step, steps, action in _due(db, today):
        due = date.fromisoformat(next_due)
        text = summary(name, label, step, steps, action)
        if due < today:
            text += f" (due {due.isoformat()})"
        events.append((max(due, today), f"due-{slug}@netcadence", text))
    last = today + timedelta(days=364)
    for row in rows_between(db, today, last, today, every=True):
        events.append((row.due, f"{row.kind}-{row.due.year}-{row.slug}@netcadence",
                       f"{row.name}: {row.what}"))
    for day, uid, text in sorted(events):
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", text)
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
        calendar.add_component(event)
    return calendar.to_ical()
