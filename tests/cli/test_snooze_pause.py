"""Snooze, pause with its clock shift, and unresponsive contacts, through the command line."""

from __future__ import annotations

import pytest


def show(ok, who, today=None):
    return ok("show", who, "--json", today=today).json()


def due_slugs(ok, today, *args):
    return [row["slug"] for row in ok("due", "--json", *args, today=today).json()]


@pytest.fixture
def ana(ok):
    """Ana: every 2 weeks, last touched 2026-11-01, so due 2026-11-15."""
    ok("add", "Ana", "--cadence", "2w", today="2026-10-20")
    ok("log", "ana", "-c", "coffee", "--when", "2026-11-01", today="2026-11-01")
    assert show(ok, "ana")["next_due"] == "2026-11-15"
    return ok


# --- snooze -----------------------------------------------------------------------


def test_snooze_duration_moves_the_effective_due_date(ana):
    ok = ana
    assert due_slugs(ok, "2026-11-20") == ["ana"]
    out = ok("snooze", "ana", "1w", today="2026-11-20").out
    assert "2026-11-27" in out
    assert due_slugs(ok, "2026-11-20") == []
    assert due_slugs(ok, "2026-11-26") == []
    rows = ok("due", "--json", today="2026-11-27").json()
    assert [(r["slug"], r["due"], r["status"]) for r in rows] == [("ana", "2026-11-27", "due")]
    assert show(ok, "ana", "2026-11-20")["snoozed_until"] == "2026-11-27"


def test_snooze_until_and_clear(ana):
    ok = ana
    ok("snooze", "ana", "--until", "friday", today="2026-11-20")  # 2026-11-20 is a Friday
    assert show(ok, "ana", "2026-11-20")["next_due"] == "2026-11-27"
    ok("snooze", "ana", "--clear", today="2026-11-21")
    assert show(ok, "ana", "2026-11-21")["next_due"] == "2026-11-15"
    assert due_slugs(ok, "2026-11-21") == ["ana"]


def test_snooze_never_brings_a_date_forward(ana):
    ok = ana
    ok("snooze", "ana", "2d", today="2026-11-05")
    assert show(ok, "ana", "2026-11-05")["next_due"] == "2026-11-15"


def test_a_touch_on_or_after_the_snooze_day_clears_it(ana):
    ok = ana
    ok("snooze", "ana", "3w", today="2026-11-20")
    assert show(ok, "ana", "2026-11-20")["next_due"] == "2026-12-11"
    ok(
        "log", "ana", "-c", "email", "--when", "2026-11-10", today="2026-11-21"
    )  # before: snooze holds
    assert show(ok, "ana", "2026-11-21")["next_due"] == "2026-12-11"
    ok(
        "log", "ana", "-c", "email", "--when", "2026-11-20", today="2026-11-21"
    )  # on the day: cleared
    assert show(ok, "ana", "2026-11-21")["next_due"] == "2026-12-04"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (("cadence", "set", "ana", "none"), "no cadence"),
        (("pause", "ana"), "paused"),
        (("archive", "ana"), "archived"),
    ],
)
def test_snooze_errors(ana, nc, setup, message):
    ok = ana
    ok(*setup)
    result = nc("snooze", "ana", "1w")
    assert result.code == 1 and message in result.err and result.out == ""


@pytest.mark.parametrize(
    "args",
    [
        ("ana",),
        ("ana", "0d"),
        ("ana", "-1w"),
        ("ana", "soon"),
        ("ana", "1w", "--until", "friday"),
        ("ana", "--until", "yesterday"),
        ("ana", "--clear", "1w"),
        ("nobody", "1w"),
    ],
)
def test_snooze_bad_values(ana, nc, args):
    result = nc("snooze", *args)
    assert result.code == 1 and result.out == "" and "Traceback" not in result.err
    assert show(ana, "ana")["snoozed_until"] is None


# --- pause --------------------------------------------------------------------------


def test_pause_hides_from_due_and_resume_shifts_the_clock(ana):
    ok = ana
    ok("pause", "ana", today="2026-11-05")
    assert due_slugs(ok, "2026-11-20") == []
    assert show(ok, "ana", "2026-11-20")["status"] == "paused"
    out = ok("resume", "ana", today="2026-11-12").out
    assert "2026-11-22" in out  # paused 7 days: due 2026-11-15 + 7
    assert show(ok, "ana", "2026-11-12")["next_due"] == "2026-11-22"
    assert due_slugs(ok, "2026-11-22") == ["ana"]


def test_a_touch_while_paused_says_the_contact_is_paused(ana):
    ok = ana
    ok("pause", "ana", "--until", "2026-12-20", today="2026-11-20")
    out = ok("log", "ana", "-c", "email", today="2026-11-21").out
    assert "paused until 2026-12-20" in out and "next due" not in out


def test_pause_until_resumes_on_its_date_with_the_shift(ana):
    ok = ana
    out = ok("pause", "ana", "--until", "2026-11-15", today="2026-11-05").out
    assert "2026-11-15" in out
    assert due_slugs(ok, "2026-11-14", "--within", "1m") == []
    assert show(ok, "ana", "2026-11-16")["status"] == "active"
    assert show(ok, "ana", "2026-11-16")["next_due"] == "2026-11-25"
    assert due_slugs(ok, "2026-11-25") == ["ana"]


def test_touches_after_a_pause_count_normally(ana):
    ok = ana
    ok("pause", "ana", today="2026-11-05")
    ok("resume", "ana", today="2026-11-12")
    ok("log", "ana", "-c", "call", today="2026-11-13")
    assert show(ok, "ana", "2026-11-13")["next_due"] == "2026-11-27"


def test_archived_contacts_are_never_due(ana):
    ok = ana
    ok("archive", "ana", today="2026-11-20")
    assert due_slugs(ok, "2026-11-20") == []
    ok("resume", "ana", today="2026-11-21")
    assert due_slugs(ok, "2026-11-21") == ["ana"]


# --- unresponsive -------------------------------------------------------------------


@pytest.fixture
def chase(ok):
    ok(
        "cadence",
        "define",
        "chase",
        "--step",
        "3d:email:follow up",
        "--step",
        "1w:email",
        "--every",
        "1m",
        "--give-up-after",
        "3",
    )
    ok(
        "log",
        "Cy",
        "--new",
        "-c",
        "coffee",
        "--when",
        "2026-11-01",
        "--cadence",
        "chase",
        today="2026-11-01",
    )
    return ok


def test_unanswered_one_way_touches_make_a_contact_unresponsive(chase, nc):
    ok = chase
    for day in ("2026-11-04", "2026-11-11", "2026-11-12"):
        ok("log", "cy", "-c", "email", "--when", day, today=day)
    cy = show(ok, "cy", "2026-11-20")
    assert cy["status"] == "unresponsive"
    assert due_slugs(ok, "2026-12-20") == []
    assert [r["slug"] for r in ok("list", "--json", "--status", "unresponsive").json()] == ["cy"]
    ok("log", "cy", "-c", "email", "--in", "--when", "2026-11-25", today="2026-11-25")
    assert show(ok, "cy", "2026-11-25")["status"] == "active"
    assert due_slugs(ok, "2026-12-25") == ["cy"]


def test_resume_says_an_unresponsive_contact_stays_set_aside(chase):
    ok = chase
    for day in ("2026-11-04", "2026-11-11", "2026-11-12"):
        ok("log", "cy", "-c", "email", "--when", day, today=day)
    ok("pause", "cy", today="2026-11-13")
    out = ok("resume", "cy", today="2026-11-14").out
    assert "unresponsive" in out and "next due" not in out
    assert show(ok, "cy", "2026-11-14")["status"] == "unresponsive"


def test_two_way_touches_never_count_as_unanswered(chase):
    ok = chase
    for day in ("2026-11-04", "2026-11-11", "2026-11-12"):
        ok("log", "cy", "-c", "coffee", "--when", day, today=day)
    assert show(ok, "cy", "2026-11-20")["status"] == "active"


def test_a_two_way_touch_brings_an_unresponsive_contact_back(chase):
    ok = chase
    for day in ("2026-11-04", "2026-11-05", "2026-11-06"):
        ok("log", "cy", "-c", "voicemail", "--when", day, today=day)
    assert show(ok, "cy", "2026-11-07")["status"] == "unresponsive"
    ok("log", "cy", "-c", "call", "--when", "2026-11-08", today="2026-11-08")
    assert show(ok, "cy", "2026-11-08")["status"] == "active"


def test_a_snooze_set_on_the_day_of_a_touch_says_the_touch_ends_it(ok, nc):
    ok("add", "Ana Ruiz", "--cadence", "2w", today="2026-11-01")
    ok("log", "ana", "-c", "call")
    result = nc("snooze", "ana", "1m")
    assert result.code == 0
    assert result.out.startswith("Snoozed Ana Ruiz (ana-ruiz) until 2026-12-23")
    assert result.err == (
        "netcadence: Ana Ruiz already has a touch today, and a touch dated on or after the day "
        "of a snooze ends it: snooze again tomorrow to keep it\n"
    )
    quiet = nc("snooze", "ana", "1m", today="2026-11-24")
    assert quiet.code == 0 and quiet.err == ""
    assert ok("due", "--within", "3w", "--json", today="2026-11-24").json() == []
