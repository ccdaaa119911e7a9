"""Laying the backlog over the coming days without ever going above the daily capacity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from netcadence.engine.agenda import OCCASIONS, AgendaItem


@dataclass(frozen=True)
class Planned:
    item: AgendaItem
    day: date | None

    def as_json(self) -> dict:
        return {
            "date": self.day.isoformat() if self.day else None,
            "slug": self.item.slug, "name": self.item.name, "due": self.item.due.isoformat(),
            "status": self.item.status, "kind": self.item.kind, "what": self.item.what,
            "cadence": self.item.cadence, "step": self.item.step, "action": self.item.action,
        }


def lay_out(
    items: list[AgendaItem], today: date, days: int, capacity: int | None,
    blocked: set[date] = frozenset(),  # type: ignore[assignment]
) -> list[Planned]:
    """Each item, in the order given, on the first open day on or after its due date.

    Days run from today to today + days - 1; blocked days (a vacation) take
    nothing; a day is full at `capacity` items (None: no limit). A birthday or an
    anniversary goes on its own day (it cannot wait), before the other items of that
    day, and takes its room first. Items that find no day get None. The result is
    sorted by day, unplaced last.
    """
    window = [today + timedelta(days=n) for n in range(days)]
    load: dict[date, int] = {}
    placed: dict[int, Planned] = {}
    for index, item in enumerate(items):
        if item.kind in OCCASIONS:
            spot = item.due if today <= item.due <= window[-1] and item.due not in blocked \
                else None
            if spot is not None:
                load[spot] = load.get(spot, 0) + 1
            placed[index] = Planned(item, spot)
    for index, item in enumerate(items):
        if index in placed:
            continue
        start = max(item.due, today)
        spot = next(
            (day for day in window
             if day >= start and day not in blocked
             and (capacity is None or load.get(day, 0) < capacity)),
            None,
        )
        if spot is not None:
            load[spot] = load.get(spot, 0) + 1
        placed[index] = Planned(item, spot)
    return [placed[index] for index in sorted(placed, key=lambda index: (
        placed[index].day is None, placed[index].day or today,
        placed[index].item.kind not in OCCASIONS, index))]
