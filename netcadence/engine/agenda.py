"""Ordering the agenda: overdue and due first by urgency, then upcoming by date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from netcadence.engine.schedule import urgency
from netcadence.text import fold


@dataclass(slots=True)  # not frozen: a frozen dataclass is 3x slower to build, per row
class AgendaItem:
    slug: str
    name: str
    due: date
    days_overdue: int
    status: str
    urgency: float
    cadence: str | None
    step: str | None
    action: str | None
    last_touch: str | None

    def as_json(self) -> dict:
        return {
            "slug": self.slug, "name": self.name, "due": self.due.isoformat(),
            "days_overdue": self.days_overdue, "status": self.status,
            "cadence": self.cadence, "step": self.step, "action": self.action,
            "last_touch": self.last_touch, "urgency": round(self.urgency, 4),
        }


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
        return (1, -item.days_overdue, 0.0, fold(item.name), item.slug)
    return (0, -item.urgency, -item.days_overdue, fold(item.name), item.slug)
