"""Reading calendars for sync: real exports and invitations, recurrences up to today,
cancellations, answers, time zones (Windows names, X-WR-TIMEZONE, empty TZIDs)."""

from __future__ import annotations

from datetime import date

import pytest

from netcadence.errors import InputError
from netcadence.io import calendar
from tests.helpers import FIXTURES

CALENDARS = FIXTURES / "calendar"
EVERY_FILE = sorted(p for p in CALENDARS.rglob("*.ics"))
TODAY = date(2026, 11, 23)


def occurrences(*paths):
    gathered = calendar.Gathered()
    for origin, path in enumerate(paths):
        calendar.gather(calendar.open_source(str(path)).files, gathered, origin)
    return list(calendar.occurrences(gathered, TODAY))


@pytest.mark.parametrize("path", EVERY_FILE, ids=[p.name for p in EVERY_FILE])
def test_every_real_file_reads_without_a_traceback(zone, path):
    found = occurrences(path)
    assert found
    assert all(o.unreadable is None for o in found)


def test_what_is_not_a_calendar_is_refused(tmp_path):
    eml = FIXTURES / "mail" / "eml" / "mail-rfc2822-example03.eml"
    with pytest.raises(InputError, match="it is mail: use 'netcadence sync mail'"):
        calendar.open_source(str(eml))
    with pytest.raises(InputError, match="no calendar in this folder"):
        calendar.open_source(str(FIXTURES / "mail" / "eml"))
    with pytest.raises(InputError, match="no such file or folder"):
        calendar.open_source(str(tmp_path / "nowhere.ics"))


def test_exdate_and_recurrence_up_to_today(zone):
    days = [o.day for o in occurrences(CALENDARS / "khal-event_dtr_exdatez.ics")]
    assert days == [date(2014, 6, 30), date(2014, 7, 7), date(2014, 7, 14)]  # not 07-21


def test_moved_and_cancelled_occurrences(zone):
    found = occurrences(CALENDARS / "khal-event_rrule_recuid_cancelled.ics")
    assert [(o.day.isoformat(), o.cancelled) for o in found] == [
        ("2014-06-30", False), ("2014-07-07", False), ("2014-07-14", True),
        ("2014-07-21", False), ("2014-07-28", False), ("2014-08-04", False)]
    assert len({o.key for o in found}) == 6


def test_an_itip_cancel_cancels_the_event_and_replies_are_not_events(zone):
    found = occurrences(CALENDARS / "ical4j-incoming-itip-sequence.ics")
    assert len(found) == 1
    assert found[0].cancelled and found[0].summary == "Pool party"


def test_answers_delegation_rooms_and_non_participants(zone):
    found = occurrences(CALENDARS / "khal-event_dt_partstat.ics")[0]
    status = {a.email: (a.partstat, a.person) for a in found.attendees}
    assert status["hcabot@example.com"] == ("TENTATIVE", True)  # folded in its address
    assert status["iamboss@example.com"] == ("DELEGATED", False)
    assert status["another@example.com"] == ("DECLINED", True)
    room = occurrences(CALENDARS / "ical4j-incoming-itip-sequence.ics")[0]
    assert {a.email for a in room.attendees if not a.person} == {
        "conf_big@example.com", "e@example.com"}


def test_windows_time_zone_names_are_the_zones_they_name(zone):
    zone("America/Los_Angeles")
    # 13:00 New Zealand time on 20 Nov 2019 (UTC+13) is the 19th in California; the
    # file's own VTIMEZONE for it is wrong (UTC+1), and would say the 20th.
    assert [o.day for o in occurrences(CALENDARS / "khal-tz_windows_format.ics")] == [
        date(2019, 11, 19)]


def test_an_empty_tzid_is_floating_time(zone):
    zone("Pacific/Kiritimati")
    found = occurrences(CALENDARS / "ical4j-blankTzid-exchange2010.ics")
    assert [o.day for o in found] == [date(2015, 8, 26)]
    assert found[0].organizer.email == "roberts@company.com"


def test_google_x_wr_timezone_recurs_in_its_zone(zone):
    zone("America/New_York")
    found = occurrences(CALENDARS / "written" / "google-x-wr-timezone.ics")
    # 00:30 every Sunday in New York, across the end of summer time on 1 November.
    assert [o.day for o in found] == [date(2026, 10, 25), date(2026, 11, 1), date(2026, 11, 8)]


def test_all_day_events_and_bare_vevents(zone):
    apple = occurrences(CALENDARS / "ical4j-apple-osx-export.ics")
    assert sum(o.all_day for o in apple) >= 5
    bare = occurrences(CALENDARS / "icalendar-issue_101_umlaut_comma_organizer.ics")
    assert bare[0].organizer.email == "adm-acme@mydomain.de"
    assert bare[0].organizer.name == "acme, ädmin"


def test_the_same_event_in_two_calendars_is_read_once(zone, tmp_path):
    meetings = CALENDARS / "written" / "meetings.ics"
    for name in ("work", "home"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "meetings.ics").write_bytes(meetings.read_bytes())
    once = occurrences(meetings)
    twice = occurrences(tmp_path / "work", tmp_path / "home")
    assert [o.key for o in twice] == [o.key for o in once]


def test_an_event_with_no_start_or_a_broken_one_is_unreadable(zone, tmp_path):
    path = tmp_path / "broken.ics"
    path.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nSUMMARY:no start\nEND:VEVENT\n"
                    "BEGIN:VEVENT\nUID:b\nDTSTART:2026garbage\nEND:VEVENT\n"
                    "BEGIN:VEVENT\nUID:c\nDTSTART:20261102T100000Z\nSUMMARY:fine\nEND:VEVENT\n"
                    "END:VCALENDAR\n")
    found = occurrences(path)
    assert [o.unreadable is not None for o in found] == [True, True, False]


def test_the_future_is_one_occurrence_counted(zone):
    found = [o for o in occurrences(CALENDARS / "written" / "meetings.ics")
             if o.summary == "Next month with Bob"]
    assert [o.day for o in found] == [date(2026, 12, 15)]


def test_an_event_whose_every_date_is_excluded_gives_nothing(zone, tmp_path):
    path = tmp_path / "excluded.ics"
    path.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20261101T100000Z\n"
                    "RRULE:FREQ=DAILY;COUNT=2\nEXDATE:20261101T100000Z,20261102T100000Z\n"
                    "END:VEVENT\nEND:VCALENDAR\n")
    assert occurrences(path) == []
