"""Birthdays and anniversaries: dates with or without a year, and when they show.

An occasion is a month and a day, and a year when it is known. It falls on that
day every year; a 29 February falls on the 28th in years without one. From
`lead` before the day through the day itself it is a row of the agenda, until a
touch is logged on or after the first day it showed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from operator import itemgetter

from netcadence.dates import Duration
from netcadence.errors import InputError

KINDS = ("birthday", "anniversary")
_MONTHS = {
    name: number
    for number, names in enumerate((
        ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
        ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
        ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
        ("dec", "december"),
    ), start=1)
    for name in names
}
# Patterns compiled when a date is first parsed: `due` reads stored days and needs none.
_FULL = r"^(\d{4})-(\d{1,2})-(\d{1,2})$"
_COMPACT = r"^(\d{4})(\d{2})(\d{2})$"
_NO_YEAR = r"^(?:--)?(\d{1,2})-?(\d{2})$"  # 04-12, --04-12, --0412
_WORDS = (r"^([a-z]+)\.? (\d{1,2})(?: (\d{4}))?$"  # April 12 (1990)
          r"|^(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$")  # 12 Apr (1990)
# Days in each month of a leap year: the most a date without a year may name.
_MOST_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class Day(tuple):
    """A month and day, with the year when it is known.

    A tuple of (month, day, year), compared and hashed as one: as a dataclass it
    would cost `due` a millisecond of start-up, for every agenda with an occasion.
    """

    __slots__ = ()

    def __new__(cls, month: int, day: int, year: int | None = None) -> Day:
        return tuple.__new__(cls, (month, day, year))

    month = property(itemgetter(0), doc="1 to 12")
    day = property(itemgetter(1), doc="1 to 31")
    year = property(itemgetter(2), doc="the year, or None when it is not known")

    def __repr__(self) -> str:
        return f"Day(month={self[0]}, day={self[1]}, year={self[2]})"

    def __str__(self) -> str:
        """As stored and exported: `1990-04-12`, or `--04-12` without a year."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def in_year(self, year: int) -> date:
        """The day it falls on in that year (29 February on the 28th in common years)."""
        day = self.day
        if self.month == 2 and day == 29 and not _leap(year):
            day = 28
        return date(year, self.month, day)

    def next_on_or_after(self, day: date) -> date | None:
        """The first time it falls on or after `day` (None past the calendar's end)."""
        this_year = self.in_year(day.year)
        if this_year >= day:
            return this_year
        return self.in_year(day.year + 1) if day.year < date.max.year else None

    def years_on(self, day: date) -> int | None:
        """How many years it counts on `day` (the age turned on a birthday), if known."""
        return None if self.year is None else day.year - self.year


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def parse_day(text: str, today: date | None = None) -> Day:
    """`1990-04-12`, `19900412`, or without a year `04-12`, `--04-12`, `--0412`,
    `April 12`, `12 Apr` (also `12 April 1990`). With `today`, a full date after
    it is refused."""
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    year = month = day = None
    if match := re.match(_FULL, cleaned) or re.match(_COMPACT, cleaned):
        year, month, day = (int(part) for part in match.groups())
    elif match := re.match(_NO_YEAR, cleaned):
        month, day = int(match.group(1)), int(match.group(2))
    elif match := re.match(_WORDS, cleaned):
        word, number, written_year = (
            match.group(1, 2, 3) if match.group(1) else match.group(5, 4, 6))
        if word not in _MONTHS:
            raise _not_a_day(text)
        month, day = _MONTHS[word], int(number)
        year = int(written_year) if written_year else None
    else:
        raise _not_a_day(text)
    if not 1 <= month <= 12 or not 1 <= day <= _MOST_DAYS[month - 1]:
        raise InputError(f"{text.strip()!r} is not a day on the calendar; check the month "
                         "(1 to 12) and the day")
    if year is not None:
        try:
            full = date(year, month, day)
        except ValueError:
            raise InputError(f"{text.strip()!r} is not a date on the calendar "
                             f"({year} has no {day} {_month_name(month)})") from None
        if today is not None and full > today:
            raise InputError(f"{full.isoformat()} is after today; give a past date, or the "
                             "month and day alone (e.g. 04-12)")
    return Day(month, day, year)


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B")


def _not_a_day(text: str) -> InputError:
    return InputError(f"{text.strip()!r} is not a date; use YYYY-MM-DD, or without the "
                      "year MM-DD, April 12 or 12 Apr")


def stored_day(text: str | None) -> Day | None:
    """A day as netcadence stored it (`1990-04-12` or `--04-12`), read without the parser."""
    if not text:
        return None
    if text.startswith("--"):
        return Day(int(text[2:4]), int(text[5:7]))
    return Day(int(text[5:7]), int(text[8:10]), int(text[:4]))


class Upcoming(tuple):
    """An occasion shown in the agenda: its kind, the day it falls on, from when it shows,
    and the years it counts then. (A tuple, as Day is.)"""

    __slots__ = ()

    def __new__(cls, kind: str, on: date, shows_from: date, years: int | None) -> Upcoming:
        return tuple.__new__(cls, (kind, on, shows_from, years))

    kind = property(itemgetter(0), doc="birthday or anniversary")
    on = property(itemgetter(1), doc="the day it falls on")
    shows_from = property(itemgetter(2), doc="the first day the agenda shows it")
    years = property(itemgetter(3), doc="the years it counts that day, if known")

    def __repr__(self) -> str:
        return (f"Upcoming(kind={self[0]!r}, on={self[1]!r}, shows_from={self[2]!r}, "
                f"years={self[3]!r})")

    @property
    def what(self) -> str:
        """The agenda's what column: `birthday (40)`, `birthday` or `anniversary`."""
        if self.kind == "birthday" and self.years is not None:
            return f"birthday ({self.years})"
        return self.kind


def showing(kind: str, occasion: Day, today: date, lead: Duration,
            last_touch: date | None) -> Upcoming | None:
    """The occasion's agenda row today, or None.

    It shows from `lead` before the day through the day itself, and no longer once
    a touch is logged on or after the first day it showed.
    """
    on = occasion.next_on_or_after(today)
    if on is None:
        return None
    try:
        shows_from = lead.before(on)
    except InputError:  # a lead reaching before year 1
        shows_from = date.min
    if today < shows_from:
        return None
    if last_touch is not None and last_touch >= shows_from:
        return None
    return Upcoming(kind, on, shows_from, occasion.years_on(on))


def next_occasion(occasions: dict[str, Day | None], today: date) -> tuple[str, date] | None:
    """The contact's next occasion on or after today: (kind, day); the birthday first
    when both fall on one day."""
    found = [(day, KINDS.index(kind), kind)
             for kind, occasion in occasions.items() if occasion is not None
             for day in [occasion.next_on_or_after(today)] if day is not None]
    if not found:
        return None
    day, _, kind = min(found)
    return kind, day


def falling(kind: str, occasion: Day, start: date, end: date, lead: Duration,
            last_touch: date | None) -> list[Upcoming]:
    """Every time the occasion falls in start..end, as the agenda shows it on its day:
    none that a touch on or after its first showing day has answered already."""
    found = []
    on = occasion.next_on_or_after(start)
    while on is not None and on <= end:
        row = showing(kind, occasion, on, lead, last_touch)
        if row is not None:
            found.append(row)
        on = occasion.next_on_or_after(on + timedelta(days=1)) if on < date.max else None
    return found


def last_showing_day(today: date, lead: Duration) -> date:
    """The latest day an occasion may fall on and show today: the last one whose lead
    starts on or before today."""
    last = today
    while last < date.max:
        try:
            starts = lead.before(last + timedelta(days=1))
        except InputError:  # a lead reaching before year 1
            starts = date.min
        if starts > today:
            break
        last += timedelta(days=1)
        if last - today > timedelta(days=366):
            break
    return last


def month_days(start: date, end: date) -> list[str] | None:
    """The month and day (`MM-DD`, as stored occasions end) of every occasion that can
    fall in start..end, 29 February included where it falls on the 28th; None when the
    span holds every day of the year. A filter before `showing` decides."""
    if end - start >= timedelta(days=366):
        return None
    found = []
    day = start
    while day <= end:
        found.append(f"{day.month:02d}-{day.day:02d}")
        if day.month == 2 and day.day == 28 and not _leap(day.year):
            found.append("02-29")
        if day == date.max:
            break
        day += timedelta(days=1)
    return None if len(set(found)) == 366 else found
