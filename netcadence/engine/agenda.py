"""Ordering the agenda: overdue and due first by urgency, then upcoming by date.

Most rows come from a contact's cadence. Others come from elsewhere (`kind`): a
birthday or an anniversary in its lead days or on its day, an introduction that
waits for an answer, news of a job change. An occasion on its day comes before
every other row (it cannot wait a day); one in its lead days comes after the due
and overdue rows, before the other upcoming ones. Introductions and news rank
among the due and overdue rows by urgency, as cadence rows do.
"""

from __future__ import annotations

from collections import namedtuple
from datetime import date, timedelta
from operator import attrgetter

from netcadence.text import fold

KINDS = ("cadence", "birthday", "anniversary", "intro", "news")
OCCASIONS = frozenset({"birthday", "anniversary"})
# A proposed introduction is a row once it has waited this many days for an answer,
# and news of a job change stays one this many days; both rank over this many days.
INTRO_WAIT_DAYS = 14
NEWS_DAYS = 14


def waiting_if_proposed_before(today: date) -> date:
    """An open introduction proposed before this day is a row today."""
    return today - timedelta(days=INTRO_WAIT_DAYS)


def news_since(today: date) -> date:
    """A job change noticed on or after this day (and by today) is still news today."""
    return today - timedelta(days=NEWS_DAYS - 1)



def urgency(days_overdue: int, interval_days: float | None) -> float:
    """Days late as a share of the interval that produced the due date."""
    if not interval_days:
        return float(days_overdue)
    return days_overdue / interval_days


class AgendaItem(namedtuple(
    "AgendaItem", "slug name due days_overdue status urgency cadence step action last_touch "
    "kind note", defaults=("cadence", None),
)):
    """One row of the agenda: who (`slug`, `name`), when (`due`, a date;
    `days_overdue`, today − due; `status`), how urgent (`urgency`), what for
    (`cadence`, `step` "2/3", `action`), `last_touch` (ISO text or None), the row's
    `kind` (KINDS) and, for rows of other kinds than cadence, `note`: what it is
    about. A named tuple: cheap to build per row, and no dataclass to import."""

    __slots__ = ()

    @property
    def what(self) -> str:
        """The what column: `step 2/3 email: follow up`, the cadence, `birthday (40)`…"""
        if self.kind != "cadence":
            return self.note or self.kind
        if self.step:
            return f"step {self.step}" + (f" {self.action}" if self.action else "")
        return self.cadence or ""

    def as_json(self) -> dict:
        return {
            "slug": self.slug, "name": self.name, "due": self.due.isoformat(),
            "days_overdue": self.days_overdue, "status": self.status, "kind": self.kind,
            "what": self.what, "cadence": self.cadence, "step": self.step,
            "action": self.action, "last_touch": self.last_touch,
            "urgency": round(self.urgency, 4),
        }


def other_row(kind: str, slug: str, name: str, due: date, today: date, what: str,
              last_touch: str | None, *, interval_days: float | None = None) -> AgendaItem:
    """A row of another kind than cadence, due on `due`: overdue rows rank by urgency
    over `interval_days` (days late when None)."""
    late = (today - due).days
    status = "overdue" if late > 0 else "due" if late == 0 else "upcoming"
    return AgendaItem(slug, name, due, late, status,
                      urgency(late, interval_days) if late > 0 else 0.0,
                      None, None, None, last_touch, kind, what)


def with_other_rows(items: list[AgendaItem], others: list[AgendaItem]) -> list[AgendaItem]:
    """The agenda (as build_agenda orders it) with rows of other kinds put in their places.

    Occasions on their day first; then every due and overdue row by urgency, days
    late, name and slug; then occasions in their lead days by date and name; then the
    other upcoming rows by date and name.
    """
    if not others:
        return items
    on_the_day = sorted((r for r in others if r.kind in OCCASIONS and r.days_overdue == 0),
                        key=_by_name)
    ahead = sorted((r for r in others if r.kind in OCCASIONS and r.days_overdue < 0),
                   key=_by_date)
    rest = [r for r in others if r.kind not in OCCASIONS]
    late = [item for item in items if item.days_overdue >= 0]
    upcoming = [item for item in items if item.days_overdue < 0]
    late_rest = [r for r in rest if r.days_overdue >= 0]
    if late_rest:
        late = sorted(late + late_rest, key=_order)
    upcoming_rest = [r for r in rest if r.days_overdue < 0]
    if upcoming_rest:
        upcoming = sorted(upcoming + upcoming_rest, key=_order)
    return on_the_day + late + ahead + upcoming


def _by_name(item: AgendaItem):
    return (fold(item.name), item.slug, KINDS.index(item.kind))


def _by_date(item: AgendaItem):
    return (item.due, fold(item.name), item.slug, KINDS.index(item.kind))


def build_agenda(rows, today: date, *, by_date: bool = False) -> list[AgendaItem]:
    """Rows of (slug, name, due, interval_days, cadence, step, steps, action, last_touch),
    `due` as ISO text, as the store reads them.

    `by_date`: the rows already come by due date, then folded name, then slug (as
    store.agenda.due_rows gives them), so a stable sort by urgency alone puts them
    in the agenda's order, without folding every name again.
    """
    day = today.toordinal()
    # An agenda has thousands of rows but few distinct due dates: each is read once.
    dates: dict[str, tuple[date, int]] = {}
    items = []
    for slug, name, due_text, interval, cadence, step, steps, action, last_touch in rows:
        due, late = dates.get(due_text) or _days_late(dates, due_text, day)
        if late > 0:
            items.append(AgendaItem(
                slug, name, due, late, "overdue", urgency(late, interval),
                cadence, f"{step}/{steps}" if step else None, action, last_touch,
            ))
        else:
            items.append(AgendaItem(
                slug, name, due, late, "due" if late == 0 else "upcoming", 0.0,
                cadence, f"{step}/{steps}" if step else None, action, last_touch,
            ))
    if by_date:
        # By date is already by days overdue (descending), then name, then slug; a
        # stable sort by urgency alone (0 for due and upcoming rows), on plain floats
        # that Python compares quickest, makes that _order's result.
        items.sort(key=_URGENCY, reverse=True)
    else:
        items.sort(key=_order)
    return items


def _days_late(dates: dict[str, tuple[date, int]], text: str, today: int) -> tuple[date, int]:
    due = date.fromisoformat(text)
    dates[text] = found = (due, today - due.toordinal())
    return found


_URGENCY = attrgetter("urgency")


def _order(item: AgendaItem):
    if item.days_overdue < 0:  # upcoming
        return (1, -item.days_overdue, 0.0, fold(item.name), item.slug,
                KINDS.index(item.kind))
    return (0, -item.urgency, -item.days_overdue, fold(item.name), item.slug,
            KINDS.index(item.kind))
