"""Occasions (SPEC §12): dates with or without a year, 29 February, when a row shows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcadence.dates import Duration
from netcadence.engine.occasions import Day, next_occasion, parse_day, showing, stored_day
from netcadence.errors import InputError

TODAY = date(2026, 11, 23)
THREE_DAYS = Duration(3, "d")


@pytest.mark.parametrize("text, stored", [
    ("1990-04-12", "1990-04-12"),
    ("19900412", "1990-04-12"),
    ("04-12", "--04-12"),
    ("4-12", "--04-12"),
    ("--04-12", "--04-12"),
    ("--0412", "--04-12"),
    ("April 12", "--04-12"),
    ("april 12", "--04-12"),
    ("Apr 12", "--04-12"),
    ("12 Apr", "--04-12"),
    ("12 April", "--04-12"),
    ("12 Apr 1990", "1990-04-12"),
    ("April 12, 1990", "1990-04-12"),
    ("Sept 3", "--09-03"),
    ("--02-29", "--02-29"),
    ("2000-02-29", "2000-02-29"),
])
def test_dates_with_and_without_a_year(text, stored):
    assert str(parse_day(text, TODAY)) == stored
    assert stored_day(stored) == parse_day(text)


@pytest.mark.parametrize("text", [
    "", "soon", "13-01", "04-31", "--02-30", "1990-02-29", "2026-13-01", "Foo 12", "12 Abc",
    "April 31",
])
def test_what_is_not_a_day_is_refused(text):
    with pytest.raises(InputError):
        parse_day(text, TODAY)


def test_a_full_date_after_today_is_refused_but_a_day_without_year_is_not():
    with pytest.raises(InputError, match="after today"):
        parse_day("2027-01-01", TODAY)
    assert parse_day("01-01", TODAY) == Day(1, 1)


def test_29_february_falls_on_the_28th_in_common_years():
    leap_day = Day(2, 29, 2000)
    assert leap_day.in_year(2024) == date(2024, 2, 29)
    assert leap_day.in_year(2026) == date(2026, 2, 28)
    assert leap_day.in_year(2100) == date(2100, 2, 28)  # not a leap year
    assert Day(2, 29).next_on_or_after(date(2027, 1, 5)) == date(2027, 2, 28)
    assert Day(2, 29).next_on_or_after(date(2027, 3, 1)) == date(2028, 2, 29)


def test_the_age_is_the_one_turned_on_the_day():
    bob = Day(11, 25, 1986)
    row = showing("birthday", bob, TODAY, THREE_DAYS, None)
    assert row is not None and row.on == date(2026, 11, 25) and row.what == "birthday (40)"
    assert showing("birthday", Day(11, 25), TODAY, THREE_DAYS, None).what == "birthday"
    assert showing("anniversary", Day(11, 25, 2016), TODAY, THREE_DAYS, None).what == "anniversary"


@pytest.mark.parametrize("today, shown", [
    ("2026-11-21", False),  # four days before: not yet
    ("2026-11-22", True),   # three days before: the lead starts
    ("2026-11-25", True),   # the day itself
    ("2026-11-26", False),  # passed
])
def test_a_row_shows_from_the_lead_through_the_day(today, shown):
    row = showing("birthday", Day(11, 25), date.fromisoformat(today), THREE_DAYS, None)
    assert (row is not None) == shown


def test_a_touch_since_the_first_day_it_showed_ends_the_row():
    on_the_day = date(2026, 11, 25)
    assert showing("birthday", Day(11, 25), on_the_day, THREE_DAYS, date(2026, 11, 21)) is not None
    assert showing("birthday", Day(11, 25), on_the_day, THREE_DAYS, date(2026, 11, 22)) is None


def test_a_row_at_the_turn_of_the_year():
    row = showing("birthday", Day(1, 1, 2000), date(2026, 12, 30), THREE_DAYS, None)
    assert row is not None and row.on == date(2027, 1, 1) and row.years == 27


def test_the_next_occasion_prefers_the_nearest_then_the_birthday():
    assert next_occasion({"birthday": Day(3, 1), "anniversary": Day(12, 1)}, TODAY) == (
        "anniversary", date(2026, 12, 1))
    assert next_occasion({"birthday": Day(12, 1), "anniversary": Day(12, 1)}, TODAY) == (
        "birthday", date(2026, 12, 1))
    assert next_occasion({"birthday": None, "anniversary": None}, TODAY) is None


days = st.dates(date(1900, 1, 1), date(9998, 12, 31))
occasion_days = st.builds(Day, st.integers(1, 12), st.integers(1, 28),
                          st.one_of(st.none(), st.integers(1900, 2020))) | st.just(Day(2, 29))


@settings(max_examples=300, deadline=None, database=None)
@given(occasion_days, days)
def test_the_next_time_is_within_a_year_and_on_its_day(occasion, day):
    found = occasion.next_on_or_after(day)
    assert day <= found <= day + timedelta(days=366)
    assert found.month == occasion.month
    assert found.day == occasion.day or (occasion.day == 29 and found.day == 28)


@settings(max_examples=300, deadline=None, database=None)
@given(occasion_days, days, st.integers(0, 10))
def test_a_row_shows_only_in_its_window(occasion, today, lead_days):
    lead = Duration(max(lead_days, 1), "d")
    row = showing("birthday", occasion, today, lead, None)
    on = occasion.next_on_or_after(today)
    assert (row is not None) == (on - today <= timedelta(days=lead.count))
    if row is not None:
        assert row.shows_from <= today <= row.on


# --- the days an occasion may show, for the query that finds them ----------------------


def test_month_days_of_a_span_and_29_february_on_the_28th():
    from netcadence.engine.occasions import month_days

    assert month_days(date(2026, 12, 30), date(2027, 1, 2)) == [
        "12-30", "12-31", "01-01", "01-02"]
    assert month_days(date(2027, 2, 27), date(2027, 3, 1)) == ["02-27", "02-28", "02-29", "03-01"]
    assert month_days(date(2028, 2, 28), date(2028, 2, 28)) == ["02-28"]  # 29th has its day
    assert month_days(date(2026, 1, 1), date(2026, 12, 31)) is None  # every day
    assert month_days(date(9999, 12, 31), date(9999, 12, 31)) == ["12-31"]


def test_the_last_day_that_shows_today():
    from netcadence.engine.occasions import last_showing_day

    assert last_showing_day(TODAY, THREE_DAYS) == date(2026, 11, 26)
    # A month's lead clamps: from 28 February, 31 March starts its lead on the 28th.
    assert last_showing_day(date(2027, 2, 28), Duration(1, "m")) == date(2027, 3, 31)
    assert last_showing_day(date(9999, 12, 30), THREE_DAYS) == date(9999, 12, 31)


@settings(max_examples=300, deadline=None, database=None)
@given(occasion_days, days, st.sampled_from([Duration(1, "d"), THREE_DAYS, Duration(2, "w"),
                                            Duration(1, "m"), Duration(1, "q")]))
def test_the_query_s_days_hold_every_row_that_shows(occasion, today, lead):
    """The agenda asks the database for occasions on month_days(today, last_showing_day):
    no row that `showing` gives is left out by that."""
    from netcadence.engine.occasions import last_showing_day, month_days

    row = showing("birthday", occasion, today, lead, None)
    wanted = month_days(today, last_showing_day(today, lead))
    if row is not None and wanted is not None:
        assert f"{occasion.month:02d}-{occasion.day:02d}" in wanted


def test_falling_gives_each_time_in_a_span_not_yet_answered():
    from netcadence.engine.occasions import falling

    found = falling("birthday", Day(2, 29, 2000), date(2026, 11, 23), date(2029, 3, 1),
                    THREE_DAYS, None)
    assert [(row.on, row.what) for row in found] == [
        (date(2027, 2, 28), "birthday (27)"), (date(2028, 2, 29), "birthday (28)"),
        (date(2029, 2, 28), "birthday (29)")]
    answered = falling("birthday", Day(11, 25), TODAY, date(2026, 12, 31), THREE_DAYS,
                       date(2026, 11, 22))
    assert answered == []
    assert falling("birthday", Day(11, 25), TODAY, date(2026, 11, 24), THREE_DAYS, None) == []


def test_the_plan_pins_an_occasion_to_its_day_first():
    from netcadence.engine.agenda import other_row
    from netcadence.engine.plan import lay_out

    def cadence(slug, due):
        return other_row("intro", slug, slug, due, TODAY, "x", None)  # any row that can wait

    birthday = other_row("birthday", "zoe", "Zoe", date(2026, 11, 24), TODAY, "birthday", None)
    late = cadence("late", date(2026, 11, 20))
    soon = cadence("soon", date(2026, 11, 24))
    planned = lay_out([late, soon, birthday], TODAY, 3, 1)
    assert [(p.item.slug, p.day) for p in planned] == [
        ("late", date(2026, 11, 23)), ("zoe", date(2026, 11, 24)),
        ("soon", date(2026, 11, 25))]
    blocked = lay_out([birthday], TODAY, 3, None, {date(2026, 11, 24)})
    assert [p.day for p in blocked] == [None]
