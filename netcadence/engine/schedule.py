"""When a contact is next due, derived from its touches, enrollment, pauses and snooze."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from netcadence.dates import Duration

CHANNELS = (
    "call", "coffee", "email", "text", "meeting", "visit",
    "mail", "voicemail", "event", "social", "intro", "other",
)
TWO_WAY_CHANNELS = frozenset({"call", "coffee", "meeting", "visit", "event"})


def parse_channel(text: str | None) -> str:
    """A channel as a user or a file wrote it (`other` when absent), or a clear error."""
    if text is None:
        return "other"
    from netcadence.suggest import one_of

    return one_of(text, CHANNELS, "a channel", f"channels: {', '.join(CHANNELS)}")



@dataclass(frozen=True)
class Step:
    offset: Duration
    channel: str | None = None
    label: str | None = None

    @property
    def action(self) -> str | None:
        if self.channel and self.label:
            return f"{self.channel}: {self.label}"
        return self.channel or self.label


@dataclass(frozen=True)
class Cadence:
    name: str
    steps: tuple[Step, ...] = ()
    every: Duration | None = None
    stop_on_reply: bool = False
    give_up_after: int | None = None

    @property
    def nominal_days(self) -> float:
        """How often it asks for a touch; a cadence with no perpetual part is the rarest."""
        return self.every.nominal_days if self.every else float("inf")


@dataclass(frozen=True)
class Touch:
    day: date
    direction: str = "out"
    channel: str = "other"

    @property
    def answered(self) -> bool:
        """The other person took part: an inbound touch or a two-way channel."""
        return self.direction == "in" or self.channel in TWO_WAY_CHANNELS


@dataclass(frozen=True)
class Pause:
    """Days [start, end) when a contact's clock stood still; end None while open."""

    start: date
    end: date | None = None

    @property
    def length(self) -> timedelta:
        assert self.end is not None
        return max(self.end - self.start, timedelta(0))

    def in_force(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Snooze:
    until: date
    set_on: date


@dataclass(frozen=True)
class Schedule:
    next_due: date | None = None
    interval_days: float | None = None
    step: int | None = None
    steps: int | None = None
    action: str | None = None
    unresponsive_since: date | None = None
    series_completed_on: date | None = None
    last_touch: date | None = None
    on_hold: bool = False

    @property
    def step_text(self) -> str | None:
        return f"{self.step}/{self.steps}" if self.step else None


@dataclass
class _Due:
    base: date
    duration: Duration
    step: int | None = None
    action: str | None = None
    completed_on: date | None = field(default=None)


def compute_schedule(
    cadence: Cadence | None,
    touches: list[Touch],
    enrolled_on: date | None,
    *,
    pauses: tuple[Pause, ...] = (),
    snooze: Snooze | None = None,
) -> Schedule:
    """The contact's schedule; never depends on today, only on what was recorded."""
    ordered = sorted(touches, key=lambda t: (t.day, t.direction, t.channel))
    last_touch = ordered[-1].day if ordered else None
    if cadence is None or enrolled_on is None:
        return Schedule(last_touch=last_touch)
    due = _series_or_perpetual(cadence, ordered, enrolled_on)
    unresponsive = _unresponsive_since(cadence, ordered, enrolled_on)
    steps = len(cadence.steps) if due and due.step else None
    completed = due.completed_on if due else _series_end(cadence, ordered, enrolled_on)
    if due is None:
        return Schedule(
            last_touch=last_touch, unresponsive_since=unresponsive,
            series_completed_on=completed,
        )
    next_due: date | None = due.duration.after(due.base)
    # A paused contact is never due. An open pause that began after the base leaves the
    # due date unknown until it ends (it moves by the pause's length, not known yet).
    on_hold = any(pause.end is None for pause in pauses)
    for pause in pauses:
        if due.base < pause.start and next_due is not None:
            next_due = None if pause.end is None else next_due + pause.length
    if next_due is not None and snooze and not any(t.day >= snooze.set_on for t in ordered):
        next_due = max(next_due, snooze.until)
    return Schedule(
        next_due=next_due,
        interval_days=due.duration.nominal_days,
        step=due.step,
        steps=steps,
        action=due.action,
        unresponsive_since=unresponsive,
        series_completed_on=completed,
        last_touch=last_touch,
        on_hold=on_hold,
    )


def _series_or_perpetual(
    cadence: Cadence, ordered: list[Touch], enrolled_on: date
) -> _Due | None:
    completed_on = None
    if cadence.steps:
        walked = _walk_series(cadence, ordered, enrolled_on)
        if isinstance(walked, _Due):
            return walked
        completed_on = walked
    if cadence.every is None:
        return None
    base = ordered[-1].day if ordered else enrolled_on
    return _Due(base=base, duration=cadence.every, completed_on=completed_on)


def _walk_series(cadence: Cadence, ordered: list[Touch], enrolled_on: date) -> _Due | date:
    """The current step's due date, or the day the series was completed."""
    reply = None
    if cadence.stop_on_reply:
        reply = next((t.day for t in ordered if t.direction == "in" and t.day > enrolled_on), None)
    anchor = enrolled_on
    for index, step in enumerate(cadence.steps):
        done = next((t.day for t in ordered if t.direction == "out" and t.day > anchor), None)
        if reply is not None and (done is None or reply <= done):
            return reply
        if done is None:
            latest = max((t.day for t in ordered if t.day >= anchor), default=anchor)
            return _Due(base=latest, duration=step.offset, step=index + 1, action=step.action)
        anchor = done
    return anchor


def _series_end(cadence: Cadence, ordered: list[Touch], enrolled_on: date) -> date | None:
    if not cadence.steps:
        return None
    walked = _walk_series(cadence, ordered, enrolled_on)
    return None if isinstance(walked, _Due) else walked


def _unresponsive_since(cadence: Cadence, ordered: list[Touch], enrolled_on: date) -> date | None:
    """The day the Nth unanswered one-way touch went out, when N is the give-up limit."""
    limit = cadence.give_up_after
    if not limit:
        return None
    last_answer = max((t.day for t in ordered if t.answered), default=None)
    days = sorted({
        t.day for t in ordered
        if t.direction == "out" and not t.answered and t.day > enrolled_on
        and (last_answer is None or t.day > last_answer)
    })
    return days[limit - 1] if len(days) >= limit else None


def pick_tag_cadence(candidates: list[Cadence]) -> Cadence | None:
    """The most frequent of the tag defaults: shortest interval, then name."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c.nominal_days, c.name))
