"""Laying the backlog over the coming days without ever going above the daily capacity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from netcadence.engine.agenda import AgendaItem


@dataclass(frozen=True)
class Planned:
    item: AgendaItem
    day: date | None

    def as_json(self) -> dict:
        return {
            "date": self.day.isoformat() if self.day else None,
            "slug": self.item.slug, "name": self.item.name, "due": self.item.due.isoformat(),
            "status": self.item.status, "cadence": self.item.cadence, "step": self.item.step,
            "action": self.item.action,
        }


def lay_out(
    items: list[AgendaItem], today: date, days: int, capacity: int | None,
    blocked: set[date] = frozenset(),  # type: ignore[assignment]
) -> list[Planned]:
    """Each item, in the order given, on the first open day on or after its due date.

    Days run from today to today + days - 1; blocked days (a vacation) take
    nothing; a day is full at `capacity` items (None: no limit). Items that
    find no day get None. The result is sorted by day, unplaced last.
    """
    window = [today + timedelta(days=n) for n in range(days)]
    load: dict[date, int] = {}
    placed: list[Planned] = []
    for item in items:
        start = max(item.due, today)
        spot = next(
            (day for day in window
             if day >= start and day not in blocked
             and (capacity is None or load.get(day, 0) < capacity)),
            None,
        )
        if spot is not None:
            load[spot] = load.get(spot, 0) + 1
        placed.append(Planned(item, spot))
    order = {id(p): n for n, p in enumerate(placed)}
    return sorted(placed, key=lambda p: (p.day is None, p.day or today, order[id(p)]))
