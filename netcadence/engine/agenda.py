"""Ordering the agenda: overdue and due first by urgency, then upcoming by date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netcadence.engine.schedule import urgency
from netcadence.text import fold


@dataclass(frozen=True)
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


def build_agenda(rows, today: date) -> list[AgendaItem]:
    """Rows with (slug, name, due, interval_days, cadence, step, steps, action, last_touch)."""
    items = []
    for row in rows:
        late = (today - row.due).days
        status = "overdue" if late > 0 else "due" if late == 0 else "upcoming"
        items.append(AgendaItem(
            slug=row.slug, name=row.name, due=row.due, days_overdue=late, status=status,
            urgency=urgency(late, row.interval_days) if late > 0 else 0.0,
            cadence=row.cadence, step=f"{row.step}/{row.steps}" if row.step else None,
            action=row.action, last_touch=row.last_touch,
        ))
    return sorted(items, key=_order)


def _order(item: AgendaItem):
    if item.status == "upcoming":
        return (1, item.due.toordinal(), 0.0, fold(item.name), item.slug)
    return (0, -item.urgency, -item.days_overdue, fold(item.name), item.slug)
