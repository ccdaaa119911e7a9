"""Goal periods, streaks and the plan: pure functions, table tests and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netcadence.engine.agenda import AgendaItem
from netcadence.engine.goals import (
    Goal,
    GoalProgress,
    parse_count_by,
    parse_direction,
    parse_period,
    period_of,
    periods_back,
    progress_bar,
    streak,
)
from netcadence.engine.plan import lay_out
from netcadence.errors import InputError

D = date.fromisoformat


@pytest.mark.parametrize(("kind", "day", "start", "end", "label"), [
    # ISO weeks: Monday to Sunday, named by ISO year.
    ("week", "2026-11-23", "2026-11-23", "2026-11-29", "2026-W48"),
    ("week", "2026-11-29", "2026-11-23", "2026-11-29", "2026-W48"),
    ("week", "2026-12-31", "2026-12-28", "2027-01-03", "2026-W53"),
    ("week", "2027-01-01", "2026-12-28", "2027-01-03", "2026-W53"),
    ("week", "2027-01-03", "2026-12-28", "2027-01-03", "2026-W53"),
    ("week", "2027-01-04", "2027-01-04", "2027-01-10", "2027-W01"),
    ("week", "2024-12-30", "2024-12-30", "2025-01-05", "2025-W01"),
    ("week", "2021-01-03", "2020-12-28", "2021-01-03", "2020-W53"),
    ("week", "2024-02-29", "2024-02-26", "2024-03-03", "2024-W09"),
    # Calendar months, leap years included.
    ("month", "2026-11-30", "2026-11-01", "2026-11-30", "2026-11"),
    ("month", "2026-12-31", "2026-12-01", "2026-12-31", "2026-12"),
    ("month", "2027-01-01", "2027-01-01", "2027-01-31", "2027-01"),
    ("month", "2024-02-29", "2024-02-01", "2024-02-29", "2024-02"),
    ("month", "2026-02-01", "2026-02-01", "2026-02-28", "2026-02"),
    # Calendar quarters.
    ("quarter", "2026-03-31", "2026-01-01", "2026-03-31", "2026-Q1"),
    ("quarter", "2026-04-01", "2026-04-01", "2026-06-30", "2026-Q2"),
    ("quarter", "2026-09-30", "2026-07-01", "2026-09-30", "2026-Q3"),
    ("quarter", "2026-12-31", "2026-10-01", "2026-12-31", "2026-Q4"),
    ("quarter", "2027-01-01", "2027-01-01", "2027-03-31", "2027-Q1"),
    # Years before 1000 keep four digits, as ISO writes them.
    ("week", "0001-01-03", "0001-01-01", "0001-01-07", "0001-W01"),
    ("month", "0999-05-05", "0999-05-01", "0999-05-31", "0999-05"),
    ("quarter", "0099-12-31", "0099-10-01", "0099-12-31", "0099-Q4"),
])
def test_period_boundaries(kind, day, start, end, label):
    period = period_of(kind, D(day))
    assert (period.start, period.end, period.label) == (D(start), D(end), label)


@pytest.mark.parametrize(("kind", "day", "previous", "following"), [
    ("week", "2027-01-01", "2026-W52", "2027-W01"),
    ("week", "2027-01-04", "2026-W53", "2027-W02"),
    ("week", "2026-01-01", "2025-W52", "2026-W02"),
    ("month", "2026-01-15", "2025-12", "2026-02"),
    ("month", "2026-12-15", "2026-11", "2027-01"),
    ("quarter", "2026-02-15", "2025-Q4", "2026-Q2"),
    ("quarter", "2026-11-15", "2026-Q3", "2027-Q1"),
])
def test_previous_and_next(kind, day, previous, following):
    period = period_of(kind, D(day))
    assert period.previous().label == previous
    assert period.next().label == following


def test_periods_back_newest_first():
    found = periods_back(period_of("week", D("2027-01-06")), 3)
    assert [p.label for p in found] == ["2026-W53", "2026-W52", "2026-W51"]


@given(st.sampled_from(["week", "month", "quarter"]),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_periods_tile_the_calendar(kind, day):
    period = period_of(kind, day)
    assert period.start <= day <= period.end
    assert period.next().start == period.end + timedelta(days=1)
    assert period.previous().end == period.start - timedelta(days=1)
    assert period_of(kind, period.start) == period == period_of(kind, period.end)
    if kind == "week":
        assert period.start.weekday() == 0 and (period.end - period.start).days == 6


@pytest.mark.parametrize(("current", "past", "expected"), [
    (False, [], 0),
    (True, [], 1),
    (False, [True, True, False, True], 2),
    (True, [True, True, False, True], 3),
    (True, [False, True, True], 1),
    (False, [False], 0),
])
def test_streak_table(current, past, expected):
    assert streak(current, past) == expected


@given(st.booleans(), st.lists(st.booleans(), max_size=60))
def test_streak_properties(current, past):
    value = streak(current, past)
    leading = next((i for i, met in enumerate(past) if not met), len(past))
    assert value == leading + current
    # Meeting the current period never lowers the streak; one more met period raises it by one.
    assert streak(True, past) >= streak(False, past)
    assert streak(current, [True, *past]) == value + 1
    # A missed last complete period resets what came before.
    assert streak(current, [False, *past]) == int(current)


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=200))
def test_progress_bar(done, target):
    bar = progress_bar(done, target)
    assert len(bar) == 10
    assert bar.count("█") == (10 if done >= target else done * 10 // target)


def test_progress_met():
    goal = Goal("calls", "week", 3)
    week = period_of("week", D("2026-11-23"))
    assert GoalProgress(goal, week, 3, 1).met and not GoalProgress(goal, week, 2, 0).met
    assert GoalProgress(goal, week, 2, 0).as_json()["current"] == "2026-W48"


@pytest.mark.parametrize(("text", "expected"), [("week", "week"), ("Month", "month"),
                                                ("quarterly", "quarter"), ("weeks", "week")])
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(("parse", "text", "hint"), [
    (parse_period, "fortnight", "week, month or quarter"),
    (parse_direction, "both", "out, in or any"),
    (parse_count_by, "people", "contacts, touches or events"),
])
def test_parse_errors(parse, text, hint):
    with pytest.raises(InputError, match=hint):
        parse(text)


# --- plan --------------------------------------------------------------------------


def _item(slug: str, due: str, today: date) -> AgendaItem:
    late = (today - D(due)).days
    status = "overdue" if late > 0 else "due" if late == 0 else "upcoming"
    return AgendaItem(slug, slug, D(due), late, status, 0.0, None, None, None, None)


TODAY = D("2026-11-23")


def test_plan_without_capacity_keeps_due_days():
    items = [_item("a", "2026-11-01", TODAY), _item("b", "2026-11-25", TODAY)]
    planned = lay_out(items, TODAY, 14, None)
    assert [(p.item.slug, p.day) for p in planned] == [("a", TODAY), ("b", D("2026-11-25"))]


def test_plan_spreads_backlog_under_capacity_and_skips_vacation():
    items = [_item(s, "2026-11-01", TODAY) for s in "abcde"]
    blocked = {D("2026-11-24")}
    planned = lay_out(items, TODAY, 3, 2, blocked)
    assert [(p.item.slug, p.day) for p in planned] == [
        ("a", TODAY), ("b", TODAY), ("c", D("2026-11-25")), ("d", D("2026-11-25")), ("e", None),
    ]


def test_plan_upcoming_never_before_its_due_date():
    items = [_item("late", "2026-11-20", TODAY), _item("soon", "2026-11-24", TODAY),
             _item("far", "2026-12-30", TODAY)]
    planned = lay_out(items, TODAY, 7, 1)
    assert [(p.item.slug, p.day) for p in planned] == [
        ("late", TODAY), ("soon", D("2026-11-24")), ("far", None),
    ]
    assert planned[-1].as_json()["date"] is None


@given(st.lists(st.integers(min_value=-30, max_value=20), max_size=40),
       st.integers(min_value=1, max_value=5), st.integers(min_value=1, max_value=15),
       st.sets(st.integers(min_value=0, max_value=14), max_size=5))
def test_plan_properties(offsets, capacity, days, blocked_offsets):
    items = [_item(f"c{i}", (TODAY + timedelta(days=o)).isoformat(), TODAY)
             for i, o in enumerate(offsets)]
    blocked = {TODAY + timedelta(days=o) for o in blocked_offsets}
    planned = lay_out(items, TODAY, days, capacity, blocked)
    assert sorted(p.item.slug for p in planned) == sorted(i.slug for i in items)
    load: dict[date, int] = {}
    for p in planned:
        if p.day is not None:
            assert p.day >= max(p.item.due, TODAY)
            assert p.day < TODAY + timedelta(days=days) and p.day not in blocked
            load[p.day] = load.get(p.day, 0) + 1
    assert all(n <= capacity for n in load.values())
    dated = [p.day for p in planned if p.day is not None]
    assert dated == sorted(dated)
