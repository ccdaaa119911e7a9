"""Dates in (SPEC §2), durations and calendar-month arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from netcadence.dates import Duration, add_months, parse_date, parse_duration, parse_iso
from netcadence.errors import InputError

MONDAY = date(2026, 11, 23)
FRIDAY = date(2026, 11, 20)


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize("text, expected", [
    ("2026-11-20", "2026-11-20"),
    (" 2026-11-20 ", "2026-11-20"),
    ("2024-02-29", "2024-02-29"),
    ("today", "2026-11-23"),
    ("Today", "2026-11-23"),
    ("yesterday", "2026-11-22"),
    ("YESTERDAY", "2026-11-22"),
    ("tomorrow", "2026-11-24"),
    ("3 days ago", "2026-11-20"),
    ("1 day ago", "2026-11-22"),
    ("3d ago", "2026-11-20"),
    ("3D Ago", "2026-11-20"),
    ("2w ago", "2026-11-09"),
    ("2 weeks ago", "2026-11-09"),
    ("1m ago", "2026-10-23"),
    ("1 month ago", "2026-10-23"),
    ("1y ago", "2025-11-23"),
    ("in 2 weeks", "2026-12-07"),
    ("in 2w", "2026-12-07"),
    ("In 3 Days", "2026-11-26"),
    ("in 1 month", "2026-12-23"),
    ("  3   days   ago ", "2026-11-20"),
])
def test_dates_in(text, expected):
    assert parse_date(text, MONDAY) == d(expected)


# Today is Monday 2026-11-23. Past options: a bare weekday is the most recent one on or
# before today. Future options: the first one strictly after today.
@pytest.mark.parametrize("text, past, future", [
    ("monday", "2026-11-23", "2026-11-30"),
    ("mon", "2026-11-23", "2026-11-30"),
    ("Monday", "2026-11-23", "2026-11-30"),
    ("tuesday", "2026-11-17", "2026-11-24"),
    ("tue", "2026-11-17", "2026-11-24"),
    ("tues", "2026-11-17", "2026-11-24"),
    ("wednesday", "2026-11-18", "2026-11-25"),
    ("wed", "2026-11-18", "2026-11-25"),
    ("thursday", "2026-11-19", "2026-11-26"),
    ("thu", "2026-11-19", "2026-11-26"),
    ("thurs", "2026-11-19", "2026-11-26"),
    ("friday", "2026-11-20", "2026-11-27"),
    ("FRI", "2026-11-20", "2026-11-27"),
    ("saturday", "2026-11-21", "2026-11-28"),
    ("sat", "2026-11-21", "2026-11-28"),
    ("sunday", "2026-11-22", "2026-11-29"),
    ("Sun", "2026-11-22", "2026-11-29"),
])
def test_bare_weekday_past_and_future(text, past, future):
    assert parse_date(text, MONDAY) == d(past)
    assert parse_date(text, MONDAY, future=True) == d(future)


@pytest.mark.parametrize("text, expected", [
    # strictly before today, even when today is that weekday
    ("last monday", "2026-11-16"),
    ("last sunday", "2026-11-22"),
    ("last friday", "2026-11-20"),
    ("Last Fri", "2026-11-20"),
    ("last tuesday", "2026-11-17"),
    # strictly after today, even when today is that weekday
    ("next monday", "2026-11-30"),
    ("next tuesday", "2026-11-24"),
    ("Next Sun", "2026-11-29"),
])
def test_last_and_next_weekday(text, expected):
    assert parse_date(text, MONDAY) == d(expected)
    assert parse_date(text, MONDAY, future=True) == d(expected)


@pytest.mark.parametrize("text, past, future", [
    ("friday", "2026-11-20", "2026-11-27"),
    ("last friday", "2026-11-13", "2026-11-13"),
    ("next friday", "2026-11-27", "2026-11-27"),
    ("thursday", "2026-11-19", "2026-11-26"),
    ("saturday", "2026-11-14", "2026-11-21"),
])
def test_weekdays_when_today_is_friday(text, past, future):
    assert parse_date(text, FRIDAY) == d(past)
    assert parse_date(text, FRIDAY, future=True) == d(future)


@pytest.mark.parametrize("text", [
    "2026-02-30", "2026-13-01", "2026-00-10", "2025-02-29", "2026-04-31", "0000-01-01",
    "", "   ", "someday", "20261120", "2026/11/20", "last", "next", "last week",
    "3 fortnights ago", "in two weeks", "ago", "3 ago", "-3 days ago", "friday friday",
    "99999999999 days ago", "in 99999 years",
])
def test_bad_dates_are_input_errors(text):
    with pytest.raises(InputError):
        parse_date(text, MONDAY)


def test_impossible_date_error_names_the_date():
    with pytest.raises(InputError, match="2026-02-30 is not a date on the calendar"):
        parse_date("2026-02-30", MONDAY)


def test_parse_iso_is_strict():
    assert parse_iso("2026-11-20") == d("2026-11-20")
    with pytest.raises(InputError):
        parse_iso("yesterday")


@pytest.mark.parametrize("text, count, unit", [
    ("1d", 1, "d"), ("10d", 10, "d"), ("10D", 10, "d"),
    ("2w", 2, "w"), ("2W", 2, "w"),
    ("3m", 3, "m"), ("3M", 3, "m"),
    ("1q", 1, "q"), ("2Q", 2, "q"),
    ("1y", 1, "y"), ("5Y", 5, "y"),
    (" 2w ", 2, "w"),
    ("daily", 1, "d"), ("weekly", 1, "w"), ("biweekly", 2, "w"), ("Biweekly", 2, "w"),
    ("monthly", 1, "m"), ("MONTHLY", 1, "m"), ("quarterly", 1, "q"), ("yearly", 1, "y"),
])
def test_durations(text, count, unit):
    assert parse_duration(text) == Duration(count, unit)


def test_m_is_months_never_minutes():
    assert parse_duration("1m").after(d("2026-01-15")) == d("2026-02-15")
    assert parse_duration("90m").nominal_days == pytest.approx(90 * 30.44)
    with pytest.raises(InputError):
        parse_duration("1min")


@pytest.mark.parametrize("text", [
    "0d", "0w", "-1d", "1x", "", " ", "d", "w2", "1.5w", "2 fortnights", "1min", "1h",
    "1s", "+1d", "1d2w", "never",
])
def test_bad_durations_are_input_errors(text):
    with pytest.raises(InputError, match="is not a duration"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["1001y", "366000d", "12001m", "4001q", "99999999999999999999d",
                                  "9" * 5000 + "w"])
def test_durations_longer_than_1000_years_are_refused(text):
    with pytest.raises(InputError, match="at most 1000y") as refused:
        parse_duration(text)
    assert len(str(refused.value)) < 120  # what was typed is cut, not repeated whole


@pytest.mark.parametrize("text", ["1000y", "4000q", "12000m", "52178w", "365250d"])
def test_1000_years_is_the_longest_duration_in_every_unit(text):
    assert parse_duration(text).after(d("2026-11-23")) <= d("3026-12-31")  # within a week
    assert parse_duration("1000y").after(d("2026-11-23")) == d("3026-11-23")


def test_a_number_of_thousands_of_digits_is_out_of_range():
    with pytest.raises(InputError, match="out of range"):
        parse_date("9" * 5000 + " days ago", d("2026-11-23"))


@pytest.mark.parametrize("text, days", [
    ("1d", 1), ("1w", 7), ("1m", 30.44), ("1q", 91.31), ("1y", 365.25),
    ("2w", 14), ("biweekly", 14), ("3m", 91.32), ("2y", 730.5),
])
def test_nominal_days(text, days):
    assert parse_duration(text).nominal_days == pytest.approx(days)


@pytest.mark.parametrize("start, duration, expected", [
    ("2026-01-31", "1m", "2026-02-28"),
    ("2028-01-31", "1m", "2028-02-29"),
    ("2026-01-31", "2m", "2026-03-31"),
    ("2026-03-31", "1m", "2026-04-30"),
    ("2026-08-31", "1q", "2026-11-30"),
    ("2026-11-30", "1q", "2027-02-28"),
    ("2026-12-31", "2m", "2027-02-28"),
    ("2028-02-29", "1y", "2029-02-28"),
    ("2028-02-29", "4y", "2032-02-29"),
    ("2028-02-29", "1q", "2028-05-29"),
    ("2026-12-15", "1m", "2027-01-15"),
    ("2026-11-23", "2w", "2026-12-07"),
    ("2026-12-30", "3d", "2027-01-02"),
    ("2026-11-23", "12m", "2027-11-23"),
])
def test_calendar_arithmetic(start, duration, expected):
    assert parse_duration(duration).after(d(start)) == d(expected)


def test_months_are_added_in_one_step_not_one_at_a_time():
    # one month at a time would give Jan 31 -> Feb 28 -> Mar 28
    assert add_months(d("2026-01-31"), 2) == d("2026-03-31")
    assert add_months(d("2026-03-31"), -1) == d("2026-02-28")


def test_before_goes_back():
    assert parse_duration("1m").before(d("2026-03-31")) == d("2026-02-28")
    assert parse_duration("1w").before(d("2026-11-23")) == d("2026-11-16")


def test_duration_text():
    assert str(parse_duration("biweekly")) == "2w"
    assert str(parse_duration("3M")) == "3m"


def test_date_out_of_range_is_an_input_error():
    with pytest.raises(InputError):
        parse_duration("1y").after(date(9999, 6, 1))
