"""`review --week` of a past week: what was due the following week, as recorded by then.

The review of 2026-W46 (Monday 9 to Sunday 15 November) read on its Sunday lists
what is due in W47. Read on any later day, after more touches, pauses, snoozes, a
vacation and a change of cadence were recorded, it lists the same.
"""

from __future__ import annotations

import pytest

SUNDAY = "2026-11-15"


@pytest.fixture
def week46(ok):
    """The network as it stood on Sunday 2026-11-15, and the review read that day."""
    ok("cadence", "define", "chase", "--every", "1w", "--give-up-after", "3")
    ok("add", "Ana Ruiz", "--cadence", "1w", today="2026-11-01")
    ok("log", "ana", "-c", "call", "--when", "2026-11-10", today="2026-11-10")  # due 11-17
    ok("add", "Cleo Paused", "--cadence", "1w", today="2026-11-01")
    ok("log", "cleo", "-c", "call", "--when", "2026-11-09", today="2026-11-09")  # due 11-16
    ok("pause", "cleo", "--until", "2026-12-01", today="2026-11-12")
    ok("add", "Dan Back", "--cadence", "1w", today="2026-11-01")
    ok("log", "dan", "-c", "call", "--when", "2026-11-04", today="2026-11-04")
    ok("pause", "dan", today="2026-11-06")
    ok("resume", "dan", today="2026-11-14")  # 8 days paused: due 11-19
    ok("add", "Eve Snooze", "--cadence", "2w", today="2026-11-01")
    ok("log", "eve", "-c", "call", "--when", "2026-11-05", today="2026-11-05")  # due 11-19
    ok("add", "Fay Later", "--cadence", "1w", today="2026-11-01")
    ok("log", "fay", "-c", "call", "--when", "2026-11-11", today="2026-11-11")  # due 11-18
    ok("add", "Gus Chase", "--cadence", "chase", today="2026-11-01")
    ok("log", "gus", "-c", "email", "--when", "2026-11-08", today="2026-11-08")
    ok("log", "gus", "-c", "email", "--when", "2026-11-12", today="2026-11-12")  # due 11-19
    ok("add", "Hal Later", "--cadence", "3d", today="2026-11-01")
    ok("log", "hal", "-c", "call", "--when", "2026-11-14", today="2026-11-14")  # due 11-17
    ok("add", "Ivy Old", "--cadence", "1w", today="2026-11-01")  # due 11-08: overdue, not listed
    ok("add", "Max Muted", "--cadence", "1w", today="2026-11-01")
    ok("log", "max", "-c", "call", "--when", "2026-11-12", today="2026-11-12")  # due 11-19
    ok("snooze", "max", "--until", "2026-11-25", today="2026-11-13")  # due 11-25: W48
    review = ok("review", "--json", today=SUNDAY).json()
    assert review["week"] == "2026-W46"
    return ok, review


def later_records(ok):
    """What happened after that Sunday, dated after it."""
    ok("log", "ana", "-c", "coffee", "--when", "2026-11-16", today="2026-11-16")
    ok("resume", "cleo", today="2026-11-16")
    ok("snooze", "eve", "--until", "2026-12-10", today="2026-11-17")
    ok("cadence", "set", "fay", "2w", today="2026-11-18")  # enrolled anew on 11-18
    ok("log", "gus", "-c", "email", "--when", "2026-11-18", today="2026-11-18")  # unresponsive
    ok("add", "Nell New", "--cadence", "1d", today="2026-11-18")
    ok("pause", "--all", "--until", "2026-11-30", today="2026-11-20")
    ok("archive", "hal", today="2026-11-21")


def test_a_past_week_reads_the_same_whatever_the_day(week46):
    ok, on_sunday = week46
    listed = [(row["slug"], row["due"]) for row in on_sunday["due_next_week"]]
    assert listed == [("ana-ruiz", "2026-11-17"), ("hal-later", "2026-11-17"),
                      ("fay-later", "2026-11-18"), ("dan-back", "2026-11-19"),
                      ("eve-snooze", "2026-11-19"), ("gus-chase", "2026-11-19")]
    later_records(ok)
    for today in ("2026-11-23", "2026-12-05", "2027-03-01"):
        review = ok("review", "--week", "2026-W46", "--json", today=today).json()
        # Hal was archived since, and when is not kept: an archived contact is never due.
        assert review["due_next_week"] == [
            row for row in on_sunday["due_next_week"] if row["slug"] != "hal-later"], today
        assert all(row["status"] == "upcoming" for row in review["due_next_week"])
        assert review["due_next_week"][0]["days_overdue"] == -2  # counted from that Sunday


def test_the_current_week_keeps_todays_view(week46):
    ok, _ = week46
    later_records(ok)
    review = ok("review", "--json", today="2026-11-21").json()
    assert review["week"] == "2026-W47"
    # Today's schedules: the vacation from 11-20 to 11-30 moved every due date by ten
    # days, Nell came in on 11-18, Gus is unresponsive, Hal archived.
    assert [(row["slug"], row["due"], row["days_overdue"]) for row in review["due_next_week"]] == [
        ("dan-back", "2026-11-29", -8), ("max-muted", "2026-11-29", -8),
        ("nell-new", "2026-11-29", -8)]


def test_a_past_week_in_text(week46):
    ok, _ = week46
    later_records(ok)
    out = ok("review", "--week", "2026-W46", today="2026-12-05").out
    assert "Due next week (2026-W47): 5" in out
    table = out[out.index("Due next week"):]
    assert "Ana Ruiz" in table and "Fay Later" in table and "Max Muted" not in table


def test_a_week_before_anyone_was_enrolled_lists_no_one(week46):
    ok, _ = week46
    review = ok("review", "--week", "2026-W40", "--json", today="2026-12-05").json()
    assert review["due_next_week"] == []
