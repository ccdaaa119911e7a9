"""Birthdays and anniversaries as rows of the agenda, the plan and the week ahead.

The rules of when an occasion shows are engine/occasions.py's; this module reads the
contacts whose occasions may fall in the days asked for (store/occasions.py) and
turns what the rules say into agenda rows.
"""

from __future__ import annotations

from datetime import date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from netcadence.engine.agenda import AgendaItem
    from netcadence.engine.occasions import Upcoming
    from netcadence.store.db import Database


def agenda_rows(db: Database, today: date, tag: str | None = None) -> list[AgendaItem]:
    """Today's occasion rows: from `occasion_lead` before the day through the day, until
    a touch is logged on or after the first day the row showed."""
    from netcadence.engine.occasions import last_showing_day, month_days, showing
    from netcadence.store import occasions, settings

    lead = settings.load(db).occasion_lead
    wanted = month_days(today, last_showing_day(today, lead))
    rows = []
    for _id, slug, name, birthday, anniversary, last_touch in occasions.near(
            db, today, wanted, tag):
        touched = date.fromisoformat(last_touch) if last_touch else None
        for kind, day in _days(birthday, anniversary):
            found = showing(kind, day, today, lead, touched)
            if found is not None:
                rows.append(_row(found, slug, name, today, last_touch))
    return rows


def rows_between(db: Database, start: date, end: date, today: date, *,
                 as_of: date | None = None, every: bool = False) -> list[AgendaItem]:
    """The occasions that fall in start..end, each as the agenda will show it on its day
    (one already answered by a touch since its first showing day is left out, unless
    `every`: a calendar shows them all), dated relative to `as_of` (default: today).
    For a week already past, only the touches dated up to `as_of` count."""
    from netcadence.engine.occasions import falling, month_days
    from netcadence.store import occasions, settings
    from netcadence.text import fold

    if end < start:
        return []
    lead = settings.load(db).occasion_lead
    seen = as_of or today
    found = occasions.near(db, today, month_days(start, end))
    earlier = (occasions.last_touches_until(db, [row[0] for row in found], seen)
               if seen < today else None)
    rows = []
    for contact_id, slug, name, birthday, anniversary, last_touch in found:
        if earlier is not None:
            last_touch = earlier.get(contact_id)
        touched = date.fromisoformat(last_touch) if last_touch and not every else None
        for kind, day in _days(birthday, anniversary):
            for upcoming in falling(kind, day, start, end, lead, touched):
                rows.append(_row(upcoming, slug, name, seen, last_touch))
    rows.sort(key=lambda row: (row.due, fold(row.name), row.slug, row.kind))
    return rows


def _days(birthday: str | None, anniversary: str | None):
    from netcadence.engine.occasions import stored_day

    for kind, text in (("birthday", birthday), ("anniversary", anniversary)):
        day = stored_day(text)
        if day is not None:
            yield kind, day


def _row(found: Upcoming, slug: str, name: str, today: date,
         last_touch: str | None) -> AgendaItem:
    from netcadence.engine.agenda import other_row

    return other_row(found.kind, slug, name, found.on, today, found.what, last_touch)
