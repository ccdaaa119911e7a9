"""Goals over periods: ISO weeks, calendar months and quarters, progress and streaks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from netcadence.engine.schedule import parse_channel
from netcadence.errors import InputError
from netcadence.suggest import did_you_mean
from netcadence.text import clean_line, normalize_tag

PERIODS = ("week", "month", "quarter")
MOST_TARGET = 1_000_000  # per period: far beyond a real network, within 32 bits
DIRECTIONS = ("out", "in", "any")
COUNT_BY = ("contacts", "touches", "events")
_SINGULAR = {"contacts": "contact", "touches": "touch", "events": "event"}
_PERIOD_WORDS = {
    "week": "week", "weeks": "week", "weekly": "week", "w": "week",
    "month": "month", "months": "month", "monthly": "month", "m": "month",
    "quarter": "quarter", "quarters": "quarter", "quarterly": "quarter", "q": "quarter",
}


@dataclass(frozen=True, order=True)
class Period:
    """One whole period: days start..end, both included."""

    start: date
    end: date
    kind: str

    @property
    def label(self) -> str:
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year:04d}-W{week:02d}"
        if self.kind == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return f"{self.start.year:04d}-Q{(self.start.month - 1) // 3 + 1}"

    def previous(self) -> Period:
        return period_of(self.kind, self.start - timedelta(days=1))

    def next(self) -> Period:
        return period_of(self.kind, self.end + timedelta(days=1))

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def period_of(kind: str, day: date) -> Period:
    """The week (ISO, Monday to Sunday), month or quarter that contains the day."""
    if kind == "week":
        start = day - timedelta(days=day.weekday())
        return Period(start, start + timedelta(days=6), kind)
    if kind == "month":
        first_month = day.month
    elif kind == "quarter":
        first_month = (day.month - 1) // 3 * 3 + 1
    else:
        raise ValueError(kind)
    start = date(day.year, first_month, 1)
    months = 1 if kind == "month" else 3
    index = day.year * 12 + first_month - 1 + months
    if index // 12 > date.max.year:
        return Period(start, date.max, kind)
    end = date(index // 12, index % 12 + 1, 1) - timedelta(days=1)
    return Period(start, end, kind)


def periods_back(current: Period, count: int) -> list[Period]:
    """The `count` periods before `current`, newest first."""
    found = []
    period = current
    for _ in range(count):
        period = period.previous()
        found.append(period)
    return found


def week_of(day: date) -> Period:
    return period_of("week", day)


def parse_period(text: str) -> str:
    wanted = text.strip().lower()
    if wanted in _PERIOD_WORDS:
        return _PERIOD_WORDS[wanted]
    raise InputError(
        f"{text.strip()!r} is not a goal period{did_you_mean(wanted, PERIODS) or ';'} "
        "use week, month or quarter"
    )


def parse_direction(text: str) -> str:
    wanted = text.strip().lower()
    if wanted in DIRECTIONS:
        return wanted
    raise InputError(f"{text.strip()!r} is not a direction; use out, in or any")


def parse_count_by(text: str) -> str:
    wanted = text.strip().lower()
    if wanted in COUNT_BY:
        return wanted
    raise InputError(
        f"{text.strip()!r} cannot be counted{did_you_mean(wanted, COUNT_BY) or ';'} "
        "use contacts, touches or events"
    )


def make_goal(name: str, *, period: str, target: object, tag: str | None = None,
              channel: str | None = None, direction: str = "out",
              count_by: str = "contacts") -> Goal:
    """A goal from what a user or a file gave, every rule checked (`goal add`, `import
    json` and the demo all come through here); else InputError saying what is wrong."""
    title = clean_line(name)
    if not title:
        raise InputError("a goal needs a name")
    if not isinstance(target, int) or isinstance(target, bool) or target < 1:
        raise InputError(f"a goal's target must be a whole number ≥ 1 (got {target!r})")
    if target > MOST_TARGET:
        raise InputError(f"a goal's target of {target} is out of range; give a whole number "
                         f"up to {MOST_TARGET:,}")
    goal_tag = None
    if tag is not None:
        goal_tag = normalize_tag(tag)
        if not goal_tag:
            raise InputError("a goal's tag cannot be empty; leave it out to count every contact")
    goal = Goal(name=title, period=parse_period(period), target=target, tag=goal_tag,
                channel=parse_channel(channel) if channel is not None else None,
                direction=parse_direction(direction), count_by=parse_count_by(count_by))
    if goal.count_by == "events" and goal.channel not in (None, "event"):
        raise InputError(f"a goal counted by events counts events, never {goal.channel} "
                         "touches; drop the channel or make it event")
    return goal


@dataclass(frozen=True)
class Goal:
    name: str
    period: str
    target: int
    tag: str | None = None
    channel: str | None = None
    direction: str = "out"
    count_by: str = "contacts"

    def describe(self, number: int = 2) -> str:
        """What is counted, in words: `contacts, call, outbound, tag client` (`contact, …`
        when `number` is 1)."""
        parts = [_SINGULAR[self.count_by] if number == 1 else self.count_by]
        if self.channel:
            parts.append(self.channel)
        if self.direction != "any":
            parts.append("outbound" if self.direction == "out" else "inbound")
        if self.tag:
            parts.append(f"tag {self.tag}")
        return ", ".join(parts)


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    period: Period
    done: int
    streak: int

    @property
    def met(self) -> bool:
        return is_met(self.done, self.goal.target)

    def as_json(self) -> dict:
        return {
            "name": self.goal.name, "period": self.goal.period, "target": self.goal.target,
            "done": self.done, "met": self.met, "streak": self.streak,
            "current": self.period.label, "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(), "tag": self.goal.tag,
            "channel": self.goal.channel, "direction": self.goal.direction,
            "count_by": self.goal.count_by,
        }


def is_met(done: int, target: int) -> bool:
    return done >= target


def streak(current_met: bool, past_met: Iterable[bool]) -> int:
    """Consecutive met periods ending with the last complete one, +1 if the current is met.

    `past_met` runs from the last complete period backwards.
    """
    count = 0
    for met in past_met:
        if not met:
            break
        count += 1
    return count + (1 if current_met else 0)


def progress_bar(done: int, target: int, width: int = 10) -> str:
    """A bar of `width` cells, full once the target is reached."""
    filled = width if target <= 0 else min(width, done * width // target)
    return "█" * filled + "░" * (width - filled)
