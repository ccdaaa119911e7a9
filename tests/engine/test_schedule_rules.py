"""SPEC §5, rule by rule, against the pure engine: compute_schedule and its friends."""

from __future__ import annotations

from datetime import date

import pytest

from netcadence.dates import parse_duration
from netcadence.engine.schedule import (
    Cadence,
    Pause,
    Snooze,
    Step,
    Touch,
    compute_schedule,
    pick_tag_cadence,
)


def d(text: str) -> date:
    return date.fromisoformat(text)


def out(day: str, channel: str = "email") -> Touch:
    return Touch(d(day), "out", channel)


def inb(day: str, channel: str = "email") -> Touch:
    return Touch(d(day), "in", channel)


def perpetual(every: str, name: str | None = None) -> Cadence:
    return Cadence(name or every, every=parse_duration(every))


def series(*offsets: str, every: str | None = None, name: str = "series", **options) -> Cadence:
    steps = []
    for text in offsets:
        offset, _, rest = text.partition(":")
        channel, _, label = rest.partition(":")
        steps.append(Step(parse_duration(offset), channel or None, label or None))
    return Cadence(name, tuple(steps), parse_duration(every) if every else None, **options)


NEW_CONTACT = series("1d:email:thank-you note", "1w:email:follow up", "1m:coffee", every="3m",
                     name="new-contact")


def due(cadence, touches, enrolled, **kwargs) -> str | None:
    result = compute_schedule(cadence, list(touches), d(enrolled), **kwargs)
    return result.next_due.isoformat() if result.next_due else None


# --- perpetual ---------------------------------------------------------------------------

@pytest.mark.parametrize("every, touches, enrolled, expected", [
    # no touch: enrollment + interval
    ("2w", [], "2026-11-01", "2026-11-15"),
    ("1m", [], "2026-01-31", "2026-02-28"),
    # the last touch, outbound or inbound, counts
    ("2w", [out("2026-11-05")], "2026-11-01", "2026-11-19"),
    ("2w", [inb("2026-11-05")], "2026-11-01", "2026-11-19"),
    ("2w", [out("2026-11-05"), inb("2026-11-09")], "2026-11-01", "2026-11-23"),
    ("2w", [inb("2026-11-05"), out("2026-11-09")], "2026-11-01", "2026-11-23"),
    # a touch before enrollment counts too (the last touch, wherever it falls)
    ("2w", [out("2026-10-20")], "2026-11-01", "2026-11-03"),
    ("1m", [out("2026-10-20", "coffee"), out("2026-09-01")], "2026-11-01", "2026-11-20"),
    # words and every unit
    ("weekly", [out("2026-11-02")], "2026-11-01", "2026-11-09"),
    ("daily", [out("2026-11-02")], "2026-11-01", "2026-11-03"),
    ("1q", [out("2026-11-30")], "2026-11-01", "2027-02-28"),
    ("1y", [out("2028-02-29")], "2028-01-01", "2029-02-28"),
])
def test_perpetual_counts_from_the_last_touch_or_enrollment(every, touches, enrolled, expected):
    assert due(perpetual(every), touches, enrolled) == expected


def test_perpetual_reports_interval_and_no_step():
    result = compute_schedule(perpetual("2w"), [out("2026-11-05")], d("2026-11-01"))
    assert result.interval_days == 14.0
    assert (result.step, result.steps, result.action) == (None, None, None)
    assert result.step_text is None
    assert result.last_touch == d("2026-11-05")


@pytest.mark.parametrize("cadence, enrolled", [
    (None, "2026-11-01"),
    (perpetual("2w"), None),
])
def test_no_cadence_or_no_enrollment_is_never_due(cadence, enrolled):
    result = compute_schedule(cadence, [out("2026-11-05")], d(enrolled) if enrolled else None)
    assert result.next_due is None
    assert result.last_touch == d("2026-11-05")


# --- series ------------------------------------------------------------------------------

@pytest.mark.parametrize("touches, expected", [
    # worked example of SPEC §5, one row at a time
    ([out("2026-11-01", "coffee")], ("2026-11-02", "1/3", "email: thank-you note")),
    ([out("2026-11-01", "coffee"), out("2026-11-02")], ("2026-11-09", "2/3", "email: follow up")),
    ([out("2026-11-01", "coffee"), out("2026-11-02"), out("2026-11-12")],
     ("2026-12-12", "3/3", "coffee")),
    ([out("2026-11-01", "coffee"), out("2026-11-02"), out("2026-11-12"),
      out("2026-12-10", "coffee")], ("2027-03-10", None, None)),
])
def test_worked_example(touches, expected):
    result = compute_schedule(NEW_CONTACT, touches, d("2026-11-01"))
    assert (result.next_due.isoformat(), result.step_text, result.action) == expected


def test_worked_example_records_when_the_series_completed():
    touches = [out("2026-11-01", "coffee"), out("2026-11-02"), out("2026-11-12"),
               out("2026-12-10", "coffee")]
    result = compute_schedule(NEW_CONTACT, touches, d("2026-11-01"))
    assert result.series_completed_on == d("2026-12-10")
    assert result.interval_days == pytest.approx(3 * 30.44)


@pytest.mark.parametrize("touches, expected_due, expected_step", [
    # no touch: step 1 counts from enrollment
    ([], "2026-11-02", 1),
    # a touch on the enrollment day anchors step 1 and does not complete it
    ([out("2026-11-01")], "2026-11-02", 1),
    ([out("2026-11-01"), out("2026-11-01", "call")], "2026-11-02", 1),
    # a touch before enrollment neither completes nor moves step 1
    ([out("2026-10-25")], "2026-11-02", 1),
    # the first outbound touch strictly after the anchor completes the step
    ([out("2026-11-03")], "2026-11-10", 2),
    # at most one step per day: two touches on one day complete one step
    ([out("2026-11-03"), out("2026-11-03", "call")], "2026-11-10", 2),
    # ... and the next day's touch completes the next step
    ([out("2026-11-03"), out("2026-11-04")], "2026-12-04", 3),
    # inbound touches do not complete steps but move the current step's due
    ([inb("2026-11-05")], "2026-11-06", 1),
    ([out("2026-11-03"), inb("2026-11-06")], "2026-11-13", 2),
    # an inbound touch on the anchor day itself moves nothing (it is the anchor)
    ([out("2026-11-03"), inb("2026-11-03")], "2026-11-10", 2),
    # an inbound touch before the anchor does not count for the current step
    ([inb("2026-11-02"), out("2026-11-03")], "2026-11-10", 2),
])
def test_series_steps_and_anchors(touches, expected_due, expected_step):
    result = compute_schedule(NEW_CONTACT, touches, d("2026-11-01"))
    assert result.next_due == d(expected_due)
    assert (result.step, result.steps) == (expected_step, 3)


def test_series_current_step_offset_is_the_interval():
    result = compute_schedule(NEW_CONTACT, [out("2026-11-03")], d("2026-11-01"))
    assert result.interval_days == 7.0
    assert result.action == "email: follow up"


@pytest.mark.parametrize("step, action", [
    ("1d:email:thanks", "email: thanks"),
    ("1d:email", "email"),
    ("1d::thanks", "thanks"),
    ("1d", None),
])
def test_step_action_text(step, action):
    result = compute_schedule(series(step), [], d("2026-11-01"))
    assert result.action == action


def test_series_without_perpetual_part_completes_and_is_never_due():
    cadence = series("1d", "1w")
    touches = [out("2026-11-02"), out("2026-11-03")]
    result = compute_schedule(cadence, touches, d("2026-11-01"))
    assert result.next_due is None
    assert result.series_completed_on == d("2026-11-03")
    # later touches change nothing
    result = compute_schedule(cadence, [*touches, out("2027-01-01")], d("2026-11-01"))
    assert (result.next_due, result.series_completed_on) == (None, d("2026-11-03"))


def test_series_then_perpetual_from_the_last_touch():
    cadence = series("1d", every="2w")
    touches = [out("2026-11-02"), inb("2026-11-20")]
    assert due(cadence, touches, "2026-11-01") == "2026-12-04"


def test_series_in_progress_has_no_completion_date():
    result = compute_schedule(NEW_CONTACT, [out("2026-11-03")], d("2026-11-01"))
    assert result.series_completed_on is None


# --- stop on reply -----------------------------------------------------------------------

STOPPING = series("1d", "1w", "1m", every="3m", stop_on_reply=True)


@pytest.mark.parametrize("touches, expected_due, expected_step, completed", [
    # an inbound touch after enrollment ends the series; perpetual counts from it
    ([out("2026-11-01"), inb("2026-11-05")], "2027-02-05", None, "2026-11-05"),
    ([out("2026-11-02"), inb("2026-11-05")], "2027-02-05", None, "2026-11-05"),
    # an inbound touch on (or before) the enrollment day does not end it
    ([inb("2026-11-01")], "2026-11-02", 1, None),
    ([inb("2026-10-30")], "2026-11-02", 1, None),
    # after the series is complete a reply changes nothing but the base of the interval
    ([out("2026-11-02"), out("2026-11-03"), out("2026-11-04"), inb("2026-11-20")],
     "2027-02-20", None, "2026-11-04"),
    # touches after the reply count for the perpetual interval as usual
    ([inb("2026-11-05"), out("2026-11-10")], "2027-02-10", None, "2026-11-05"),
])
def test_stop_on_reply(touches, expected_due, expected_step, completed):
    result = compute_schedule(STOPPING, touches, d("2026-11-01"))
    assert result.next_due == d(expected_due)
    assert result.step == expected_step
    assert result.series_completed_on == (d(completed) if completed else None)


def test_stop_on_reply_without_perpetual_part_completes():
    cadence = series("1d", "1w", stop_on_reply=True)
    result = compute_schedule(cadence, [inb("2026-11-05")], d("2026-11-01"))
    assert result.next_due is None
    assert result.series_completed_on == d("2026-11-05")


def test_without_stop_on_reply_a_reply_only_moves_the_step():
    cadence = series("1d", "1w", "1m", every="3m")
    result = compute_schedule(cadence, [out("2026-11-02"), inb("2026-11-05")], d("2026-11-01"))
    assert (result.next_due, result.step) == (d("2026-11-12"), 2)


# --- give up after N ---------------------------------------------------------------------

GIVE_UP = Cadence("chase", every=parse_duration("2w"), give_up_after=3)


@pytest.mark.parametrize("touches, expected", [
    # three one-way outbound touches on different days after enrollment
    ([out("2026-11-02"), out("2026-11-05", "text"), out("2026-11-09", "voicemail")],
     "2026-11-09"),
    # two are not enough
    ([out("2026-11-02"), out("2026-11-05")], None),
    # on the same day they count once
    ([out("2026-11-02"), out("2026-11-02", "text"), out("2026-11-05")], None),
    ([out("2026-11-02"), out("2026-11-02", "text"), out("2026-11-05"), out("2026-11-06")],
     "2026-11-06"),
    # on or before the enrollment day they do not count
    ([out("2026-11-01"), out("2026-11-02"), out("2026-11-05")], None),
    ([out("2026-10-01"), out("2026-10-02"), out("2026-10-03")], None),
    # only those after the last inbound or two-way touch count
    ([out("2026-11-02"), out("2026-11-03"), inb("2026-11-04"), out("2026-11-05")], None),
    ([out("2026-11-02"), out("2026-11-03"), out("2026-11-04", "call"), out("2026-11-05")], None),
    ([out("2026-11-02"), inb("2026-11-03"), out("2026-11-04"), out("2026-11-05"),
      out("2026-11-06")], "2026-11-06"),
    # an inbound or two-way touch makes it active again
    ([out("2026-11-02"), out("2026-11-03"), out("2026-11-04"), inb("2026-11-10")], None),
    ([out("2026-11-02"), out("2026-11-03"), out("2026-11-04"), out("2026-11-10", "coffee")],
     None),
    # a touch on the day of the last answer is not after it
    ([inb("2026-11-02"), out("2026-11-02"), out("2026-11-03"), out("2026-11-04")], None),
    # you cannot have three unanswered coffees (two-way channels)
    ([out("2026-11-02", "coffee"), out("2026-11-05", "coffee"), out("2026-11-09", "coffee")],
     None),
    ([out("2026-11-02", ch) for ch in ("call",)] + [out("2026-11-05", "meeting"),
      out("2026-11-09", "visit"), out("2026-11-12", "event")], None),
    # inbound one-way touches never count as unanswered
    ([inb("2026-11-02"), inb("2026-11-05"), inb("2026-11-09")], None),
])
def test_give_up_after(touches, expected):
    result = compute_schedule(GIVE_UP, touches, d("2026-11-01"))
    assert result.unresponsive_since == (d(expected) if expected else None)


def test_give_up_after_counts_every_one_way_channel():
    one_way = ("email", "text", "mail", "voicemail", "social", "intro", "other")
    touches = [out(f"2026-11-{day:02d}", ch) for day, ch in enumerate(one_way, start=2)]
    result = compute_schedule(GIVE_UP, touches, d("2026-11-01"))
    assert result.unresponsive_since == d("2026-11-04")


def test_without_give_up_after_never_unresponsive():
    touches = [out(f"2026-11-{day:02d}") for day in range(2, 20)]
    assert compute_schedule(perpetual("2w"), touches, d("2026-11-01")).unresponsive_since is None


def test_unresponsive_still_has_a_due_date_for_when_it_answers():
    touches = [out("2026-11-02"), out("2026-11-05"), out("2026-11-09")]
    result = compute_schedule(GIVE_UP, touches, d("2026-11-01"))
    assert result.next_due == d("2026-11-23")


# --- snooze ------------------------------------------------------------------------------

@pytest.mark.parametrize("touches, snooze, expected", [
    # the later of the computed due date and the snooze date
    ([out("2026-11-01")], Snooze(d("2026-11-20"), d("2026-11-10")), "2026-11-20"),
    ([out("2026-11-01")], Snooze(d("2026-11-10"), d("2026-11-05")), "2026-11-15"),
    # a touch dated on the day the snooze was set clears it
    ([out("2026-11-01"), out("2026-11-10")], Snooze(d("2026-12-30"), d("2026-11-10")),
     "2026-11-24"),
    # ... inbound too, and later ones
    ([out("2026-11-01"), inb("2026-11-12")], Snooze(d("2026-12-30"), d("2026-11-10")),
     "2026-11-26"),
    # a touch dated before the snooze was set does not clear it
    ([out("2026-11-01"), out("2026-11-09")], Snooze(d("2026-12-30"), d("2026-11-10")),
     "2026-12-30"),
])
def test_snooze(touches, snooze, expected):
    assert due(perpetual("2w"), touches, "2026-11-01", snooze=snooze) == expected


def test_snooze_keeps_the_step_and_interval():
    result = compute_schedule(NEW_CONTACT, [out("2026-11-03")], d("2026-11-01"),
                              snooze=Snooze(d("2026-12-01"), d("2026-11-04")))
    assert (result.next_due, result.step, result.interval_days) == (d("2026-12-01"), 2, 7.0)


# --- pauses ------------------------------------------------------------------------------

@pytest.mark.parametrize("touches, pauses, expected", [
    # a due date counting from a touch before the pause moves by its length
    ([out("2026-11-01")], [Pause(d("2026-11-05"), d("2026-11-12"))], "2026-11-22"),
    # ... also from the enrollment date
    ([], [Pause(d("2026-11-05"), d("2026-11-12"))], "2026-11-22"),
    # two pauses, both after the base, add up
    ([out("2026-11-01")], [Pause(d("2026-11-03"), d("2026-11-05")),
                           Pause(d("2026-11-07"), d("2026-11-08"))], "2026-11-18"),
    # a pause that ended before the base changes nothing
    ([out("2026-11-10")], [Pause(d("2026-11-02"), d("2026-11-05"))], "2026-11-24"),
    # a touch on the first day of the pause or during it is not before the pause
    ([out("2026-11-05")], [Pause(d("2026-11-05"), d("2026-11-12"))], "2026-11-19"),
    ([out("2026-11-07")], [Pause(d("2026-11-05"), d("2026-11-12"))], "2026-11-21"),
    # a pause that ends the day it started lasts nothing
    ([out("2026-11-01")], [Pause(d("2026-11-05"), d("2026-11-05"))], "2026-11-15"),
])
def test_pause_moves_due_dates_counting_from_before_it(touches, pauses, expected):
    assert due(perpetual("2w"), touches, "2026-11-01", pauses=tuple(pauses)) == expected


def test_pause_moves_a_series_step():
    result = compute_schedule(NEW_CONTACT, [out("2026-11-03")], d("2026-11-01"),
                              pauses=(Pause(d("2026-11-04"), d("2026-11-14")),))
    assert (result.next_due, result.step) == (d("2026-11-20"), 2)


def test_open_pause_is_not_due():
    result = compute_schedule(perpetual("2w"), [out("2026-11-01")], d("2026-11-01"),
                              pauses=(Pause(d("2026-11-05")),))
    assert result.next_due is None
    assert result.on_hold


def test_open_pause_hides_a_snooze_too():
    result = compute_schedule(perpetual("2w"), [out("2026-11-01")], d("2026-11-01"),
                              pauses=(Pause(d("2026-11-05")),),
                              snooze=Snooze(d("2026-12-20"), d("2026-11-02")))
    assert result.next_due is None


def test_open_pause_after_a_touch_during_it_is_still_on_hold():
    result = compute_schedule(perpetual("2w"), [out("2026-11-07")], d("2026-11-01"),
                              pauses=(Pause(d("2026-11-05")),))
    assert result.on_hold
    assert result.next_due == d("2026-11-21")


def test_snooze_applies_after_the_pause_moved_the_due_date():
    result = compute_schedule(perpetual("2w"), [out("2026-11-01")], d("2026-11-01"),
                              pauses=(Pause(d("2026-11-05"), d("2026-11-12")),),
                              snooze=Snooze(d("2026-11-20"), d("2026-11-02")))
    assert result.next_due == d("2026-11-22")


# --- which cadence applies from tags -----------------------------------------------------

@pytest.mark.parametrize("candidates, expected", [
    ([], None),
    (["monthly=1m"], "monthly"),
    # the shortest nominal interval wins
    (["monthly=1m", "weekly=1w", "quarterly=1q"], "weekly"),
    (["yearly=1y", "every-30=30d"], "every-30"),
    (["m=1m", "d31=31d"], "m"),       # 30.44 days < 31
    (["q=1q", "m3=3m"], "q"),          # 91.31 < 91.32
    # no perpetual part counts as longest
    (["series-only=", "yearly=1y"], "yearly"),
    # ties go to the alphabetically first name
    (["zeta=2w", "alpha=2w", "mid=biweekly"], "alpha"),
    (["b-series=", "a-series="], "a-series"),
])
def test_pick_tag_cadence(candidates, expected):
    cadences = []
    for text in candidates:
        name, _, every = text.partition("=")
        if every:
            cadences.append(perpetual(every, name))
        else:
            cadences.append(series("1d", name=name))
    chosen = pick_tag_cadence(cadences)
    assert (chosen.name if chosen else None) == expected


# --- rules together ----------------------------------------------------------------------

def test_a_reply_on_the_day_a_step_completes_ends_the_series():
    result = compute_schedule(STOPPING, [out("2026-11-02"), inb("2026-11-02")], d("2026-11-01"))
    assert (result.next_due, result.step) == (d("2027-02-02"), None)
    assert result.series_completed_on == d("2026-11-02")


def test_give_up_after_in_a_series_keeps_the_step():
    cadence = series("1d", "1w", "1m", every="3m", give_up_after=2)
    result = compute_schedule(cadence, [out("2026-11-02"), out("2026-11-03")], d("2026-11-01"))
    assert result.unresponsive_since == d("2026-11-03")
    assert (result.next_due, result.step) == (d("2026-12-03"), 3)


def test_enrolled_later_than_the_last_touch():
    # a series counts from the enrollment; a perpetual cadence from the last touch
    touches = [out("2026-10-01", "coffee")]
    assert due(NEW_CONTACT, touches, "2026-11-01") == "2026-11-02"
    assert due(perpetual("3m"), touches, "2026-11-01") == "2027-01-01"
