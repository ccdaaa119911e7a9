"""The agenda's rows that do not come from a cadence: occasions, introductions that wait
for an answer, news of a job change.

Each source is a function of the database, today and the tag asked for, returning
rows built with engine.agenda.other_row; engine.agenda.with_other_rows puts them in
their places among the cadence rows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from netcadence.engine.agenda import AgendaItem
    from netcadence.store.db import Database

Source = Callable[["Database", date, "str | None"], "list[AgendaItem]"]


def _occasions(db: Database, today: date, tag: str | None) -> list[AgendaItem]:
    from netcadence.app.occasions import agenda_rows

    return agenda_rows(db, today, tag)


# Introductions and news first ask the database whether it has anything at all: most
# days it has not, and `due` then loads nothing more for them.


def _introductions(db: Database, today: date, tag: str | None) -> list[AgendaItem]:
    from netcadence.engine.agenda import waiting_if_proposed_before
    from netcadence.store.agenda import intros_waiting

    if not intros_waiting(db, waiting_if_proposed_before(today)):
        return []
    from netcadence.app.intros import agenda_rows

    return agenda_rows(db, today, tag)


def _news(db: Database, today: date, tag: str | None) -> list[AgendaItem]:
    from netcadence.engine.agenda import news_since
    from netcadence.store.agenda import news_between

    if not news_between(db, news_since(today), today):
        return []
    from netcadence.app.relations import news_rows

    return news_rows(db, today, tag)


SOURCES: list[Source] = [_occasions, _introductions, _news]


def other_rows(db: Database, today: date, tag: str | None = None) -> list[AgendaItem]:
    """Every row of another kind than cadence on `today` (none during a vacation)."""
    if not SOURCES:
        return []
    from netcadence.store.agenda import vacation_until

    if vacation_until(db, today) is not None:
        return []
    return [row for source in SOURCES for row in source(db, today, tag)]
