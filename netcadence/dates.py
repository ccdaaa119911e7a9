"""Calendar days for netcadence: today, human dates in, durations, month arithmetic."""

from __future__ import annotations

import os
import re
from collections import namedtuple
from datetime import UTC, date, datetime, timedelta

from netcadence.errors import InputError

NOMINAL_DAYS = {"d": 1.0, "w": 7.0, "m": 30.44, "q": 91.31, "y": 365.25}
# The longest duration in each unit: 1000 years.
_LONGEST = {"d": 365_250, "w": 52_178, "m": 12_000, "q": 4_000, "y": 1_000}
_UNIT_WORDS = {
    "d": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "m": "m", "mo": "m", "month": "m", "months": "m",
    "q": "q", "quarter": "q", "quarters": "q",
    "y": "y", "yr": "y", "yrs": "y", "year": "y", "years": "y",
}
_NAMED_DURATIONS = {
    "daily": (1, "d"), "weekly": (1, "w"), "biweekly": (2, "w"),
    "fortnightly": (2, "w"), "monthly": (1, "m"), "quarterly": (1, "q"),
    "yearly": (1, "y"), "annually": (1, "y"),
}
_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
_DURATION_RE = re.compile(r"^\s*(\d+)\s*([a-z]+)\s*$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_AGO_RE = re.compile(r"^(\d+)\s*([a-z]+)\s+ago$")
_IN_RE = re.compile(r"^in\s+(\d+)\s*([a-z]+)$")


def today() -> date:
    """The one "today" of the whole program; NETCADENCE_TODAY overrides the clock."""
    forced = os.environ.get("NETCADENCE_TODAY", "").strip()
    if forced:
        try:
            return parse_iso(forced)
        except InputError:
            raise InputError(
                f"NETCADENCE_TODAY={forced!r} is not a date; use YYYY-MM-DD"
            ) from None
    # The local calendar day: the UTC instant seen in the machine's time zone.
    return datetime.now(UTC).astimezone().date()


def parse_iso(text: str) -> date:
    match = _ISO_RE.match(text.strip())
    if not match:
        raise InputError(f"{text!r} is not a date; use YYYY-MM-DD")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise NotOnCalendar(f"{text.strip()} is not a date on the calendar; check the month "
                         "(1 to 12) and the day (28 to 31 by month)") from None


OUT_OF_RANGE = "that date is out of range: dates go from year 1 to 9999; give a nearer one"


def _quoted(text: str) -> str:
    """What the user typed, quoted, and cut if it would make the error line a page long."""
    cleaned = text.strip()
    return repr(cleaned if len(cleaned) <= 40 else cleaned[:40] + "…")


class NotOnCalendar(InputError):
    """A date written as one that does not exist (2026-02-30)."""


class DurationTooLong(InputError):
    """A duration that reaches past the calendar's end."""


def add_months(day: date, months: int) -> date:
    """Add calendar months in one step, clamped to the end of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise InputError(OUT_OF_RANGE)
    last = _days_in_month(year, month)
    return date(year, month, min(day.day, last))


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


# Records on the path of `due` are named tuples, not dataclasses: importing
# dataclasses (and the inspect module it loads) costs a third of `due`'s start.
class Duration(namedtuple("Duration", "count unit")):
    """A count of calendar units (`count: int`) of one `unit` (`d`, `w`, `m`, `q`
    or `y`); compared and ordered as (count, unit)."""

    __slots__ = ()

    def after(self, day: date) -> date:
        return _shift(day, self.count, self.unit)

    def before(self, day: date) -> date:
        return _shift(day, -self.count, self.unit)

    @property
    def nominal_days(self) -> float:
        return self.count * NOMINAL_DAYS[self.unit]

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


def _shift(day: date, count: int, unit: str) -> date:
    try:
        if unit == "d":
            return day + timedelta(days=count)
        if unit == "w":
            return day + timedelta(weeks=count)
        months = {"m": 1, "q": 3, "y": 12}[unit] * count
        return add_months(day, months)
    except OverflowError:
        raise InputError(OUT_OF_RANGE) from None


def parse_duration(text: str) -> Duration:
    """`2w`, `3m`, `1q`, `1y`, `10d` or a word such as `monthly`; N is at least 1."""
    cleaned = text.strip().lower()
    if cleaned in _NAMED_DURATIONS:
        return Duration(*_NAMED_DURATIONS[cleaned])
    match = _DURATION_RE.match(cleaned)
    if match and match.group(2) in _UNIT_WORDS:
        unit = _UNIT_WORDS[match.group(2)]
        digits = match.group(1)
        # Dates beyond year 9999 do not exist; refuse here rather than mid-computation
        # (and before int() meets thousands of digits).
        if len(digits) > 9 or int(digits) > _LONGEST[unit]:
            most = "" if unit == "y" else f" ({_LONGEST[unit]:,}{unit})"
            raise DurationTooLong(f"{_quoted(text)} is too long; a duration is at most "
                                  f"1000y{most}")
        count = int(digits)
        if count >= 1:
            return Duration(count, unit)
    raise InputError(
        f"{_quoted(text)} is not a duration; use Nd, Nw, Nm, Nq or Ny with N ≥ 1 "
        "(e.g. 2w, 3m) or daily, weekly, biweekly, monthly, quarterly, yearly"
    )


def is_duration(text: str) -> bool:
    """Whether the text is a duration (one too long for the calendar still is: parsing
    it then says so)."""
    try:
        parse_duration(text)
    except DurationTooLong:
        return True
    except InputError:
        return False
    return True


def parse_date(text: str, today: date, *, future: bool = False) -> date:
    """A date typed by a user, relative to `today`.

    A bare weekday means the most recent one on or before today when the option
    is about the past, and the first one after today when it is about the future.
    """
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise InputError("a date is empty; use YYYY-MM-DD, today, yesterday, 3d ago, …")
    if _ISO_RE.match(cleaned):
        return parse_iso(cleaned)
    if cleaned == "today":
        return today
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    if cleaned == "tomorrow":
        return today + timedelta(days=1)
    for pattern, sign in ((_AGO_RE, -1), (_IN_RE, 1)):
        match = pattern.match(cleaned)
        if match and match.group(2) in _UNIT_WORDS:
            if len(match.group(1)) > 9:
                raise InputError(OUT_OF_RANGE)
            count = int(match.group(1))
            return _shift(today, sign * count, _UNIT_WORDS[match.group(2)])
    words = cleaned.split(" ")
    if len(words) == 2 and words[0] in ("last", "next") and words[1] in _WEEKDAYS:
        target = _WEEKDAYS[words[1]]
        if words[0] == "last":
            back = (today.weekday() - target - 1) % 7 + 1
            return today - timedelta(days=back)
        ahead = (target - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)
    if len(words) == 1 and cleaned in _WEEKDAYS:
        target = _WEEKDAYS[cleaned]
        if future:
            return today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)
        return today - timedelta(days=(today.weekday() - target) % 7)
    raise InputError(
        f"{text.strip()!r} is not a date; use YYYY-MM-DD, today, yesterday, "
        "3 days ago, 2w ago, in 2 weeks, friday, last friday or next monday"
    )


def parse_iso_week(text: str) -> date:
    """The Monday of an ISO week written `2026-W47`."""
    match = re.match(r"^\s*(\d{4})-?[wW](\d{1,2})\s*$", text)
    if match:
        try:
            return date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
        except ValueError:
            pass
    raise InputError(f"{text.strip()!r} is not an ISO week; use e.g. 2026-W47")
