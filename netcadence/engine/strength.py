"""Relationship strength: a score from 0 to 100 made from a contact's touches.

Each touch weighs 1, a two-way one 2; an inbound touch weighs 1.5 times more, and
so does a touch on which you gave. Its weight halves every 90 days
(continuously). The score is 100 × (1 − e^(−sum/4)), rounded.

The sum as of the last touch is a number that only the touches change, so it is
stored with the schedule (`base`); today's sum is that base halved once per 90
days since the last touch.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netcadence.engine.schedule import TWO_WAY_CHANNELS

HALF_LIFE_DAYS = 90.0
SCALE = 4.0


def weight(direction: str, channel: str, give: bool) -> float:
    """What one touch weighs before it decays."""
    value = 2.0 if channel in TWO_WAY_CHANNELS else 1.0
    if direction == "in":
        value *= 1.5
    elif give:  # a give on an inbound touch is theirs, not yours
        value *= 1.5
    return value


def decay(age_days: int | float) -> float:
    return 0.5 ** (age_days / HALF_LIFE_DAYS)


@dataclass(frozen=True)
class StrengthTouch:
    day: date
    direction: str
    channel: str
    give: bool = False

    @property
    def weight(self) -> float:
        return weight(self.direction, self.channel, self.give)


def base(touches: Iterable[StrengthTouch]) -> tuple[float, date | None]:
    """The decayed sum as of the last touch, and that touch's day: what is stored."""
    listed = list(touches)
    if not listed:
        return 0.0, None
    last = max(t.day for t in listed)
    return sum(t.weight * decay((last - t.day).days) for t in listed), last


def score(stored_base: float | None, last: date | None, today: date) -> int:
    """The score today from the stored base and the day of the last touch."""
    if not stored_base or last is None:
        return 0
    return from_sum(stored_base * decay(max((today - last).days, 0)))


def from_sum(total: float) -> int:
    return round(100 * (1 - math.exp(-total / SCALE)))


def parts(touches: Iterable[tuple[int, StrengthTouch]], today: date) -> dict:
    """How the score came about, for `show --json`: each touch's weight, age and share."""
    rows = []
    total = 0.0
    for touch_id, touch in touches:
        age = max((today - touch.day).days, 0)
        value = touch.weight * decay(age)
        total += value
        rows.append({"id": touch_id, "date": touch.day.isoformat(), "weight": touch.weight,
                     "age_days": age, "value": round(value, 4)})
    return {"sum": round(total, 4), "half_life_days": int(HALF_LIFE_DAYS),
            "score": from_sum(total), "touches": rows}
