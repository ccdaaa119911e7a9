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
