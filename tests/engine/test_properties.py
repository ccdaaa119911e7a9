"""Properties of the engine that must hold for every history of touches.

The domain is what the program can record: touches are dated on or before today
(a touch after today is refused), enrollment is on or before today, and snoozes and
pauses are set on or before today.
"""

from __future__ import annotations

import inspect
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from netcadence.dates import Duration
from netcadence.engine.agenda import build_agenda
from netcadence.engine.schedule import (
    CHANNELS,
    Cadence,
    Pause,
    Snooze,
    Step,
    Touch,
    compute_schedule,
)

ORIGIN = date(2026, 1, 1)
SPAN = 400
PROPERTY = settings(max_examples=200, deadline=None, database=None)

durations = st.builds(Duration, st.integers(1, 6), st.sampled_from("dwmqy"))
steps = st.builds(
    Step, durations, st.one_of(st.none(), st.sampled_from(CHANNELS)),
    st.one_of(st.none(), st.just("label")),
)


@st.composite
def cadences(draw) -> Cadence:
    step_list = tuple(draw(st.lists(steps, max_size=4)))
    every = draw(st.one_of(st.none(), durations)) if step_list else draw(durations)
    return Cadence(
        "c", step_list, every,
        stop_on_reply=draw(st.booleans()),
        give_up_after=draw(st.one_of(st.none(), st.integers(1, 4))),
    )


def days(low: int = 0, high: int = SPAN):
    return st.integers(low, high).map(lambda n: ORIGIN + timedelta(days=n))


touches = st.builds(Touch, days(), st.sampled_from(["in", "out"]), st.sampled_from(CHANNELS))


@st.composite
def histories(draw):
    """A cadence, enrollment, touches, pauses and snooze, and a today after all of them."""
    cadence = draw(cadences())
    enrolled = draw(days())
    recorded = draw(st.lists(touches, max_size=12))
    latest = max([enrolled, *(t.day for t in recorded)])
    today = latest + timedelta(days=draw(st.integers(0, 60)))
    pauses = []
    for _ in range(draw(st.integers(0, 2))):
        start = draw(st.integers(0, (today - ORIGIN).days))
        start_day = ORIGIN + timedelta(days=start)
        end = draw(st.one_of(st.none(), st.integers(0, 90)))
        pauses.append(Pause(start_day, None if end is None else start_day + timedelta(days=end)))
    snooze = None
    if draw(st.booleans()):
        set_on = ORIGIN + timedelta(days=draw(st.integers(0, (today - ORIGIN).days)))
        snooze = Snooze(set_on + timedelta(days=draw(st.integers(1, 120))), set_on)
    return cadence, enrolled, recorded, tuple(pauses), snooze, today


@PROPERTY
@given(histories(), st.sampled_from(["in", "out"]), st.sampled_from(CHANNELS))
def test_a_touch_today_leaves_the_contact_not_due_today(history, direction, channel):
    """After a touch dated today, in either direction on any channel, the contact is
    neither overdue nor due today: its due date is strictly after today, or it has
    none (no cadence, a series without a perpetual part is complete, or an open pause
    holds it). Pauses only push due dates later and a snooze only keeps the later date,
    so this holds with them too; the touch also clears any snooze set on or before today.
    """
    cadence, enrolled, recorded, pauses, snooze, today = history
    result = compute_schedule(cadence, [*recorded, Touch(today, direction, channel)], enrolled,
                              pauses=pauses, snooze=snooze)
    assert result.next_due is None or result.next_due > today


@PROPERTY
@given(histories(), st.integers(1, 400))
def test_days_overdue_never_falls_as_today_advances(history, advance):
    """The schedule depends only on what was recorded, so with no new touch the days
    overdue grow one for one with today, and urgency never falls."""
    cadence, enrolled, recorded, pauses, snooze, today = history
    result = compute_schedule(cadence, recorded, enrolled, pauses=pauses, snooze=snooze)
    again = compute_schedule(cadence, list(recorded), enrolled, pauses=pauses, snooze=snooze)
    assert result == again
    if result.next_due is None:
        return
    row = ("a", "A", result.next_due.isoformat(), result.interval_days, "c", None, None, None, None)
    (before,) = build_agenda([row], today)
    (after,) = build_agenda([row], today + timedelta(days=advance))
    assert after.days_overdue == before.days_overdue + advance
    assert after.urgency >= before.urgency


def test_the_schedule_takes_no_today():
    assert "today" not in inspect.signature(compute_schedule).parameters


@PROPERTY
@given(histories(), st.randoms(use_true_random=False))
def test_the_order_of_touches_does_not_matter(history, random):
    cadence, enrolled, recorded, pauses, snooze, _today = history
    shuffled = list(recorded)
    random.shuffle(shuffled)
    assert compute_schedule(cadence, shuffled, enrolled, pauses=pauses, snooze=snooze) == \
        compute_schedule(cadence, recorded, enrolled, pauses=pauses, snooze=snooze)
    assert compute_schedule(cadence, list(reversed(recorded)), enrolled) == \
        compute_schedule(cadence, recorded, enrolled)


@PROPERTY
@given(histories())
def test_next_due_is_never_before_its_base(history):
    """A due date is strictly after the day it counts from: the last touch, or the
    enrollment date when there is no touch; a series step also never falls on or before
    the enrollment date. Pauses and snoozes only move it later."""
    cadence, enrolled, recorded, pauses, snooze, _today = history
    plain = compute_schedule(cadence, recorded, enrolled)
    result = compute_schedule(cadence, recorded, enrolled, pauses=pauses, snooze=snooze)
    if plain.next_due is None:
        assert result.next_due is None
        return
    base = max((t.day for t in recorded), default=enrolled)
    assert plain.next_due > base
    if plain.step is not None:
        assert plain.next_due > enrolled
    if result.next_due is not None:
        assert result.next_due >= plain.next_due
        snoozed = snooze and not any(t.day >= snooze.set_on for t in recorded)
        if snoozed and not any(p.end is None for p in pauses):
            assert result.next_due >= snooze.until
    else:
        assert any(p.end is None for p in pauses)


@PROPERTY
@given(histories())
def test_two_way_touches_alone_never_make_a_contact_unresponsive(history):
    cadence, enrolled, recorded, _pauses, _snooze, _today = history
    answered = [t for t in recorded if t.answered]
    assert compute_schedule(cadence, answered, enrolled).unresponsive_since is None


@PROPERTY
@given(histories())
def test_a_step_is_within_the_series(history):
    cadence, enrolled, recorded, _pauses, _snooze, _today = history
    result = compute_schedule(cadence, recorded, enrolled)
    if result.step is not None:
        assert 1 <= result.step <= len(cadence.steps) == result.steps
        assert result.series_completed_on is None
    if result.series_completed_on is not None:
        assert result.series_completed_on > enrolled
