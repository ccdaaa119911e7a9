"""Export of what is due as iCalendar to-dos: one VTODO per contact with a due date."""

from __future__ import annotations

from datetime import UTC, date, datetime

from netcadence.store.contacts import STATUS_SQL
from netcadence.store.db import Database


def summary(name: str, label: str | None, step: int | None, steps: int | None,
            action: str | None) -> str:
    if step:
        text = f"{name}: step {step}/{steps}"
        return text + (f" {action}" if action else "") + (f" ({label})" if label else "")
    return f"{name}: {label}" if label else name


def ics_bytes(db: Database, today: date) -> bytes:
    """The same data on the same day gives the same file: stable UIDs, DTSTAMP at 00:00 UTC."""
    from icalendar import Calendar, Todo

    calendar = Calendar()
    calendar.add("prodid", "-//netcadence//netcadence//EN")
    calendar.add("version", "2.0")
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    rows = db.rows(
        f"SELECT c.slug, c.name, c.next_due, c.cadence_label, c.due_step, c.due_steps, "
        f"c.due_action, {STATUS_SQL} FROM contact c WHERE c.next_due IS NOT NULL",
        (today.isoformat(),),
    )
    for slug, name, next_due, label, step, steps, action, status in sorted(
        rows, key=lambda r: (r[2], r[0])
    ):
        if status != "active":
            continue
        todo = Todo()
        todo.add("uid", f"{slug}@netcadence")
        todo.add("dtstamp", stamp)
        todo.add("summary", summary(name, label, step, steps, action))
        todo.add("due", date.fromisoformat(next_due))
        todo.add("status", "NEEDS-ACTION")
        calendar.add_component(todo)
    return calendar.to_ical()
