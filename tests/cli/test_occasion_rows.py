"""Birthdays and anniversaries in the agenda, the plan, the week ahead and the demo
(SPEC §12 "In the agenda"). Today is Monday 2026-11-23."""

from __future__ import annotations

import json

import pytest

OCCASION_KEYS = {"slug", "name", "due", "days_overdue", "status", "kind", "what", "cadence",
                 "step", "action", "last_touch"}


def due(ok, *args, today=None):
    return ok("due", "--json", *args, today=today).json()


def rows_of(ok, *args, today=None):
    return [(r["slug"], r["kind"], r["status"], r["what"]) for r in due(ok, *args, today=today)]


def test_an_occasion_in_its_lead_days_is_an_upcoming_row_of_plain_due(ok):
    ok("add", "Ana Ruiz", "--birthday", "1986-11-25")
    (row,) = due(ok)
    assert set(row) >= OCCASION_KEYS
    assert {k: row[k] for k in OCCASION_KEYS} == {
        "slug": "ana-ruiz", "name": "Ana Ruiz", "due": "2026-11-25", "days_overdue": -2,
        "status": "upcoming", "kind": "birthday", "what": "birthday (40)", "cadence": None,
        "step": None, "action": None, "last_touch": None,
    }
    table = ok("due").out
    assert "birthday (40)" in table and "in 2d" in table
    assert "0 overdue, 0 due today, 1 upcoming" in table
    assert ok().out == table  # bare netcadence is the same agenda


def test_on_its_day_it_is_due_and_the_age_is_the_one_turned_that_day(ok):
    ok("add", "Ana Ruiz", "--birthday", "1986-11-25")
    (row,) = due(ok, "--on", "2026-11-25")
    assert (row["status"], row["days_overdue"], row["what"]) == ("due", 0, "birthday (40)")
    (row,) = due(ok, today="2027-11-23")
    assert row["what"] == "birthday (41)"


@pytest.mark.parametrize("today, shown", [
    ("2026-11-21", False),  # four days before the day
    ("2026-11-22", True),  # three: the lead (3d by default) starts
    ("2026-11-25", True),  # the day itself
    ("2026-11-26", False),  # the day has passed
])
def test_the_row_shows_from_the_lead_through_the_day(ok, today, shown):
    ok("add", "Ana Ruiz", "--birthday", "11-25")
    assert bool(due(ok, today=today)) == shown


def test_a_touch_since_the_first_day_it_showed_ends_it(ok):
    ok("add", "Ana Ruiz", "--birthday", "11-25")
    ok("log", "ana", "--when", "2026-11-21")  # before the row showed: it stays
    assert rows_of(ok) == [("ana-ruiz", "birthday", "upcoming", "birthday")]
    ok("log", "ana", "--when", "2026-11-22", "-c", "text")  # the first day it showed
    assert due(ok) == []
    assert due(ok, "--on", "2026-11-25") == []


def test_the_lead_is_the_occasion_lead_setting(ok):
    ok("add", "Ana Ruiz", "--anniversary", "2016-11-30")
    assert due(ok) == []
    ok("config", "set", "occasion_lead", "1w")
    assert rows_of(ok) == [("ana-ruiz", "anniversary", "upcoming", "anniversary")]
    ok("config", "set", "occasion_lead", "1m")
    assert rows_of(ok, today="2026-10-30") == [
        ("ana-ruiz", "anniversary", "upcoming", "anniversary")]


def test_order_on_the_day_first_then_due_then_lead_days_then_upcoming(ok):
    ok("add", "Wes Weekly", "--cadence", "1w")
    ok("log", "wes", "--when", "2026-11-09")  # 7 days late
    ok("add", "Zoe Today", "--birthday", "11-23")
    ok("add", "Yan Soon", "--anniversary", "2010-11-24")
    ok("add", "Abe Later", "--cadence", "1w")
    ok("log", "abe", "--when", "2026-11-19")  # due in 3 days
    ok("add", "Bea Both", "--cadence", "1w", "--birthday", "11-23")
    ok("log", "bea", "--when", "2026-11-16")  # due today too
    assert rows_of(ok, "--within", "1w") == [
        ("bea-both", "birthday", "due", "birthday"),
        ("zoe-today", "birthday", "due", "birthday"),
        ("wes-weekly", "cadence", "overdue", "1w"),
        ("bea-both", "cadence", "due", "1w"),
        ("yan-soon", "anniversary", "upcoming", "anniversary"),
        ("abe-later", "cadence", "upcoming", "1w"),
    ]


def test_occasion_rows_count_toward_capacity(ok):
    ok("add", "Wes Weekly", "--cadence", "1w")
    ok("log", "wes", "--when", "2026-11-09")
    ok("add", "Zoe Today", "--birthday", "11-23")
    ok("config", "set", "capacity", "1")
    table = ok("due").out
    assert "Zoe Today" in table and "Wes Weekly" not in table
    assert "1 more wait beyond today's capacity of 1" in table
    assert len(due(ok)) == 2  # --json is never capped by capacity
    assert len(due(ok, "--limit", "1")) == 1


def test_tag_filters_occasions_too(ok):
    ok("add", "Ana Ruiz", "--birthday", "11-24", "--tag", "client")
    ok("add", "Bob Lee", "--birthday", "11-24")
    assert [r["slug"] for r in due(ok, "--tag", "Client")] == ["ana-ruiz"]
    assert [r["slug"] for r in due(ok)] == ["ana-ruiz", "bob-lee"]


def test_active_and_unresponsive_contacts_only(ok):
    ok("cadence", "define", "chase", "--every", "1m", "--give-up-after", "2")
    for name in ("Ana Active", "Pat Paused", "Arch Archived", "Una Unresponsive"):
        ok("add", name, "--birthday", "11-24", "--cadence", "chase", today="2026-10-01")
    ok("pause", "pat")
    ok("archive", "arch")
    ok("log", "una", "-c", "email", "--when", "2026-10-05")
    ok("log", "una", "-c", "email", "--when", "2026-10-12")
    assert ok("show", "una", "--json").json()["status"] == "unresponsive"
    assert [r["slug"] for r in due(ok) if r["kind"] == "birthday"] == [
        "ana-active", "una-unresponsive"]


def test_a_vacation_shows_nothing(ok):
    ok("add", "Ana Ruiz", "--birthday", "11-24")
    ok("pause", "--all", "--until", "2026-12-01")
    assert due(ok) == []
    assert "On vacation until 2026-12-01" in ok("due").out


def test_29_february_falls_on_the_28th_in_a_common_year(ok):
    ok("add", "Leap Person", "--birthday", "2000-02-29")
    (row,) = due(ok, today="2027-02-27")
    assert (row["due"], row["what"]) == ("2027-02-28", "birthday (27)")
    (row,) = due(ok, today="2028-02-28")
    assert (row["due"], row["status"]) == ("2028-02-29", "upcoming")


def test_at_the_turn_of_the_year(ok):
    ok("add", "Ana Ruiz", "--birthday", "2000-01-01")
    (row,) = due(ok, today="2026-12-30")
    assert (row["due"], row["what"]) == ("2027-01-01", "birthday (27)")


def test_due_with_occasions_loads_no_heavy_module(ok):
    from tests.test_startup import HEAVY, loaded

    ok("add", "Ana Ruiz", "--birthday", "1986-11-25", "--cadence", "1w")
    for args in (("due",), ("due", "--json"), ()):
        result, modules = loaded(*args)
        assert result.returncode == 0, result.stderr
        assert "birthday (40)" in result.stdout
        assert not modules & set(HEAVY), f"{args} loaded {sorted(modules & set(HEAVY))}"


# --- plan, review, demo ---------------------------------------------------------------


def test_plan_puts_an_occasion_on_its_day_before_the_other_rows(ok):
    ok("config", "set", "capacity", "1")
    ok("add", "Wes Weekly", "--cadence", "1w")
    ok("log", "wes", "--when", "2026-11-18")  # due 2026-11-25
    ok("add", "Zoe Birthday", "--birthday", "1990-11-25")
    ok("add", "Far Away", "--anniversary", "12-06")  # 13 days from today: in the plan
    planned = ok("plan", "--json").json()
    assert [(p["date"], p["slug"], p["kind"], p["what"]) for p in planned] == [
        ("2026-11-25", "zoe-birthday", "birthday", "birthday (36)"),
        ("2026-11-26", "wes-weekly", "cadence", "1w"),  # the birthday took the 25th
        ("2026-12-06", "far-away", "anniversary", "anniversary"),
    ]
    assert "birthday (36)" in ok("plan").out
    assert [p["slug"] for p in ok("plan", "--days", "5", "--json").json()] == [
        "zoe-birthday", "wes-weekly"]


def test_plan_leaves_out_occasions_of_vacation_days_and_answered_ones(ok):
    ok("add", "Zoe Birthday", "--birthday", "11-25")
    ok("add", "Yan Greeted", "--birthday", "11-24")
    ok("log", "yan", "--when", "2026-11-23")
    assert [p["slug"] for p in ok("plan", "--json").json()] == ["zoe-birthday"]
    ok("pause", "--all", "--until", "2026-11-27")
    assert ok("plan", "--json").json() == []


def test_review_week_ahead_has_the_occasions_of_next_monday_to_sunday(ok):
    ok("add", "Mon Day", "--birthday", "1990-11-30")  # next Monday
    ok("add", "Sun Day", "--anniversary", "12-06")  # next Sunday
    ok("add", "Too Late", "--birthday", "12-07")  # the Monday after
    ok("add", "This Week", "--birthday", "11-29")  # this Sunday
    ok("add", "Wes Weekly", "--cadence", "1w")
    ok("log", "wes", "--when", "2026-11-23")  # due next Monday
    week = ok("review", "--json").json()
    assert [(r["due"], r["slug"], r["kind"], r["what"]) for r in week["due_next_week"]] == [
        ("2026-11-30", "mon-day", "birthday", "birthday (36)"),
        ("2026-11-30", "wes-weekly", "cadence", "1w"),
        ("2026-12-06", "sun-day", "anniversary", "anniversary"),
    ]
    text = ok("review").out
    assert "Due next week (2026-W49): 3" in text and "birthday (36)" in text


def test_review_of_a_past_week_counts_only_the_touches_of_then(ok):
    ok("add", "Wed Day", "--birthday", "11-18", today="2026-11-01")
    ok("add", "Mon Day", "--birthday", "11-16", today="2026-11-01")
    ok("log", "wed", "--when", "2026-11-17")  # logged after the week of 2026-11-09 ended
    ok("log", "mon", "--when", "2026-11-14")  # in that week, after its row showed
    week = ok("review", "--week", "2026-W46", "--json").json()
    assert [r["slug"] for r in week["due_next_week"]] == ["wed-day"]
    assert [r["status"] for r in week["due_next_week"]] == ["upcoming"]


def test_demo_shows_an_occasion_row_every_day(ok):
    for today in ("2026-11-23", "2027-02-28", "2028-02-29", "2026-12-31"):
        data = ok("demo", "--json", today=today).json()
        kinds = {(r["slug"], r["kind"], r["status"]) for r in data["due"]}
        assert ("eva-novak", "birthday", "due") in kinds
        assert ("hiro-tanaka", "birthday", "upcoming") in kinds
        assert {r["what"] for r in data["due"]} >= {"birthday (40)", "birthday"}
    assert "birthday (40)" in ok("demo").out
    assert json.loads(ok("demo", "--json").out)["due"][0]["kind"] == "birthday"
