"""`export ics --events`: all-day events that calendars on phones show (SPEC §12), read
back with icalendar and with khal, a real calendar program. Today is 2026-11-23."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar


@pytest.fixture
def network(ok):
    ok("add", "Wes Weekly", "--cadence", "1w")
    ok("log", "wes", "--when", "2026-11-09")  # overdue since 2026-11-16
    ok("add", "Ana Ruiz", "--cadence", "2w", "--birthday", "1986-11-25")
    ok("log", "ana", "--when", "2026-11-20")  # due 2026-12-04
    ok("add", "Bob Lee", "--anniversary", "2015-11-22")  # passed: next 2027-11-22
    ok("add", "Cy Today", "--birthday", "11-23")  # today, and again in 365 days
    ok("add", "Pat Paused", "--cadence", "1w", "--birthday", "12-01")
    ok("pause", "pat")
    ok("add", "Arch Archived", "--cadence", "1w", "--birthday", "12-01")
    ok("archive", "arch")
    ok("log", "cy", "--when", "2026-11-23")  # greeted: the agenda row goes, the event stays
    return ok


def events(ok, *args) -> list[tuple[date, str, str]]:
    calendar = Calendar.from_ical(ok("export", "ics", "--events", *args).out)
    assert not calendar.walk("VTODO")
    return [(event.decoded("dtstart"), str(event["uid"]), str(event["summary"]))
            for event in calendar.walk("VEVENT")]


def test_one_event_per_due_contact_and_per_occasion_of_the_next_365_days(network):
    assert events(network) == [
        (date(2026, 11, 23), "birthday-2026-cy-today@netcadence", "Cy Today: birthday"),
        (date(2026, 11, 23), "due-wes-weekly@netcadence",
         "Wes Weekly: 1w (due 2026-11-16)"),  # overdue: on today
        (date(2026, 11, 25), "birthday-2026-ana-ruiz@netcadence", "Ana Ruiz: birthday (40)"),
        (date(2026, 12, 4), "due-ana-ruiz@netcadence", "Ana Ruiz: 2w"),
        (date(2027, 11, 22), "anniversary-2027-bob-lee@netcadence", "Bob Lee: anniversary"),
    ]


def test_events_are_all_day_stamped_today_and_free_time(network):
    calendar = Calendar.from_ical(network("export", "ics", "--events").out)
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is date and (end - start).days == 1
        assert event.decoded("dtstamp") == datetime(2026, 11, 23, tzinfo=UTC)
        assert str(event["transp"]) == "TRANSPARENT"
    assert b"DTSTART;VALUE=DATE:20261125" in calendar.to_ical()


def test_uids_differ_from_the_to_dos_and_stay_the_same(network):
    todos = {str(todo["uid"]) for todo in
             Calendar.from_ical(network("export", "ics").out).walk("VTODO")}
    first = network("export", "ics", "--events").out
    assert {uid for _, uid, _ in events(network)}.isdisjoint(todos)
    assert network("export", "ics", "--events").out == first  # the same file
    network("log", "wes", "--when", "2026-11-22")
    moved = {uid: day for day, uid, _ in events(network)}
    assert moved["due-wes-weekly@netcadence"] == date(2026, 11, 29)
    assert "birthday-2026-ana-ruiz@netcadence" in moved


def test_events_to_a_file(network, tmp_path):
    target = tmp_path / "feed.ics"
    assert "Exported ics" in network("export", "ics", "--events", "-o", target).out
    assert target.read_bytes() == network("export", "ics", "--events").out.encode()


def test_events_go_with_ics_only(network, nc):
    result = nc("export", "json", "--events")
    assert result.code == 1 and result.out == ""
    assert "--events goes with 'export ics'" in result.err


def test_khal_reads_the_feed(network, tmp_path):
    """khal, a calendar program that reads VEVENTs, imports the file and lists it."""
    khal = [sys.executable, "-m", "khal"]
    feed = tmp_path / "feed.ics"
    network("export", "ics", "--events", "-o", feed)
    calendar = tmp_path / "khal" / "netcadence"
    calendar.mkdir(parents=True)
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[netcadence]]\npath = {calendar}\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = UTC\ndefault_timezone = UTC\n"
        f"[default]\ndefault_calendar = netcadence\n[sqlite]\npath = {tmp_path / 'khal.db'}\n",
        encoding="utf-8")
    subprocess.run([*khal, "-c", str(config), "import", "--batch", "-a", "netcadence",
                    str(feed)], check=True, capture_output=True, text=True, timeout=120)
    listed = subprocess.run(
        [*khal, "-c", str(config), "list", "--format", "{start-date} {title}",
         "--day-format", "", "2026-11-23", "400d"],
        check=True, capture_output=True, text=True, timeout=120)
    assert [line for line in listed.stdout.splitlines() if line.strip()] == [
        "2026-11-23 Cy Today: birthday",
        "2026-11-23 Wes Weekly: 1w (due 2026-11-16)",
        "2026-11-25 Ana Ruiz: birthday (40)",
        "2026-12-04 Ana Ruiz: 2w",
        "2027-11-22 Bob Lee: anniversary",
    ]
