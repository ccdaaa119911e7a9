"""goal add, list, rm and the goal lines above the agenda, through the command line."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

# NETCADENCE_TODAY is 2026-11-23, a Monday: the current week is 2026-W48.


def _goal(ok, name: str) -> dict:
    found = [g for g in ok("goal", "list", "--json").json() if g["name"] == name]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def people(ok):
    ok("add", "Ana Ruiz", "--tag", "client")
    ok("add", "Bob Lee", "--tag", "client")
    ok("add", "Chloé Martin", "--tag", "partner")
    return ok


@pytest.mark.parametrize("count, count_by, words", [
    ("1", "contacts", "1 contact, outbound per month"), ("3", "contacts", "3 contacts, outbound"),
    ("1", "touches", "1 touch, outbound"), ("1", "events", "1 event, outbound"),
    ("2", "events", "2 events, outbound"),
])
def test_goal_add_says_what_it_counts(ok, count, count_by, words):
    out = ok("goal", "add", "g", "--count", count, "--count-by", count_by, "--per", "month").out
    assert out.startswith(f"Added goal g: {words}")


def test_goal_add_and_list_json_shape(people):
    ok = people
    out = ok("goal", "add", "client calls", "--count", "2", "--per", "week", "--tag", "client",
             "--channel", "call").out
    assert "Added goal client calls" in out and "0/2" in out
    ok("log", "ana", "-c", "call")
    ok("log", "ana", "-c", "call", "--when", "yesterday")  # Sunday: last week
    ok("log", "bob", "-c", "email")  # wrong channel
    ok("log", "chloe", "-c", "call")  # wrong tag
    goals = ok("goal", "list", "--json").json()
    assert len(goals) == 1
    goal = goals[0]
    assert {k: goal[k] for k in ("name", "period", "target", "done", "met", "streak")} == {
        "name": "client calls", "period": "week", "target": 2, "done": 1, "met": False,
        "streak": 0,
    }
    assert (goal["current"], goal["start"], goal["end"]) == ("2026-W48", "2026-11-23", "2026-11-29")
    ok("log", "bob", "-c", "call")
    goal = _goal(ok, "client calls")
    assert (goal["done"], goal["met"], goal["streak"]) == (2, True, 1)


def test_goal_list_text_and_empty(people):
    ok = people
    assert "No goals yet" in ok("goal", "list").out
    assert ok("goal", "list", "--json").json() == []
    ok("goal", "add", "partners", "--count", "1", "--per", "week", "--tag", "partner")
    ok("log", "chloe", "-c", "coffee")
    out = ok("goal", "list").out
    assert "partners" in out and "1/1" in out and "██████████" in out and "2026-W48" in out


def test_count_by_contacts_touches_and_direction(people):
    ok = people
    ok("goal", "add", "people", "--count", "3")
    ok("goal", "add", "touches", "--count", "3", "--count-by", "touches")
    ok("goal", "add", "answers", "--count", "1", "--direction", "in")
    ok("goal", "add", "everything", "--count", "1", "--direction", "any", "--count-by", "touches")
    ok("log", "ana", "-c", "email")
    ok("log", "ana", "-c", "call")
    ok("log", "bob", "-c", "email", "--in")
    assert _goal(ok, "people")["done"] == 1  # distinct contacts, outbound only
    assert _goal(ok, "touches")["done"] == 2
    assert _goal(ok, "answers")["done"] == 1
    assert _goal(ok, "everything")["done"] == 3


def test_count_by_events(people):
    ok = people
    ok("goal", "add", "events", "--count", "2", "--per", "month", "--channel", "event",
       "--count-by", "events")
    ok("event", "Fintech meetup", "--met", "ana", "--met", "bob", "--met", "chloe",
       "--when", "2026-11-05")
    goal = _goal(ok, "events")
    assert (goal["period"], goal["current"], goal["done"]) == ("month", "2026-11", 1)
    assert goal["met"] is False
    ok("log", "ana", "-c", "event", "--when", "2026-11-10")  # an event logged on its own
    ok("log", "bob", "-c", "coffee")  # not an event
    goal = _goal(ok, "events")
    assert (goal["done"], goal["met"], goal["streak"]) == (2, True, 1)


def test_tag_filter_uses_tags_now_and_goal_sees_all_history(people):
    ok = people
    ok("log", "chloe", "-c", "call", "--when", "2026-11-16")
    ok("log", "chloe", "-c", "call")
    ok("goal", "add", "clients", "--count", "1", "--tag", "Client")
    assert _goal(ok, "clients")["done"] == 0
    ok("edit", "chloe", "--tag", "client")
    goal = _goal(ok, "clients")
    assert (goal["done"], goal["streak"]) == (1, 2)  # the goal is a lens over all history


def test_streak_counts_complete_periods_then_current(people):
    ok = people
    ok("goal", "add", "weekly", "--count", "1")
    for day in ("2026-11-02", "2026-11-09", "2026-11-20", "2026-10-20"):  # W45 W46 W47, W43
        ok("log", "ana", "-c", "email", "--when", day)
    goal = _goal(ok, "weekly")
    assert (goal["done"], goal["met"], goal["streak"]) == (0, False, 3)
    ok("log", "bob", "-c", "email")
    assert _goal(ok, "weekly")["streak"] == 4
    # A missed week (W44) breaks it: W43 does not count.
    ok("log", "ana", "-c", "email", "--when", "2026-10-27")
    assert _goal(ok, "weekly")["streak"] == 6


def test_streak_longer_than_one_query_window(people):
    ok = people
    ok("goal", "add", "weekly", "--count", "1")
    today = date(2026, 11, 23)
    for weeks in range(1, 41):
        ok("log", "ana", "-c", "email", "--when", (today - timedelta(weeks=weeks)).isoformat())
    assert _goal(ok, "weekly")["streak"] == 40


def test_streak_across_iso_week_53(people):
    ok = people
    ok("goal", "add", "weekly", "--count", "1")
    ok("log", "ana", "--when", "2026-12-22", today="2026-12-22")  # W52
    ok("log", "ana", "--when", "2027-01-01", today="2027-01-01")  # W53 (a Friday)
    goals = ok("goal", "list", "--json", today="2027-01-05").json()
    assert (goals[0]["current"], goals[0]["streak"], goals[0]["done"]) == ("2027-W01", 2, 0)
    goals = ok("goal", "list", "--json", today="2027-01-03").json()
    assert (goals[0]["current"], goals[0]["met"], goals[0]["streak"]) == ("2026-W53", True, 2)


def test_month_and_quarter_goals(people):
    ok = people
    ok("goal", "add", "monthly", "--count", "1", "--per", "month")
    ok("goal", "add", "quarterly", "--count", "2", "--per", "quarter")
    for day in ("2026-07-31", "2026-08-01", "2026-09-30", "2026-10-01", "2026-11-20"):
        ok("log", "ana", "--when", day)
    ok("log", "bob", "--when", "2026-09-15")
    month = _goal(ok, "monthly")
    assert (month["current"], month["done"], month["streak"]) == ("2026-11", 1, 5)
    quarter = _goal(ok, "quarterly")
    assert (quarter["current"], quarter["start"], quarter["end"]) == (
        "2026-Q4", "2026-10-01", "2026-12-31")
    assert (quarter["done"], quarter["streak"]) == (1, 1)  # Q3: Ana and Bob


def test_touch_rm_changes_progress(people):
    ok = people
    ok("goal", "add", "weekly", "--count", "1")
    out = ok("log", "ana", "-c", "call").out
    touch_id = out.split("Logged touch ")[1].split()[0]
    assert _goal(ok, "weekly")["met"] is True
    ok("touch", "rm", touch_id, "--yes")
    assert _goal(ok, "weekly")["met"] is False


def test_goal_rm(people):
    ok = people
    ok("goal", "add", "client calls", "--count", "5")
    assert "Removed goal client calls" in ok("goal", "rm", "Client Calls").out
    assert ok("goal", "list", "--json").json() == []


def test_due_shows_goal_lines_above_the_table(people):
    ok = people
    ok("cadence", "set", "ana", "1w", "--from", "2026-11-01")
    ok("goal", "add", "client calls", "--count", "2", "--tag", "client")
    ok("log", "bob", "-c", "call")
    out = ok("due").out
    lines = out.splitlines()
    assert lines[0].startswith("Goal client calls:") and "1/2 this week (2026-W48)" in lines[0]
    assert "streak 0" in lines[0]
    assert out.index("Goal client calls") < out.index("ana-ruiz")
    rows = ok("due", "--json").json()
    assert [r["slug"] for r in rows] == ["ana-ruiz"]
    assert ok().out.splitlines()[0] == lines[0]


@pytest.mark.parametrize(("args", "message"), [
    (["--count", "5", "--per", "fortnight"], "week, month or quarter"),
    (["--count", "-1"], "target must be a whole number ≥ 1"),
    (["--count", "0"], "target must be a whole number ≥ 1"),
    (["--count", "2", "--channel", "cal"], "did you mean 'call'"),
    (["--count", "2", "--direction", "both"], "out, in or any"),
    (["--count", "2", "--count-by", "people"], "contacts, touches or events"),
    (["--count", "2", "--tag", "  "], "tag cannot be empty"),
    (["--count", "1", "--count-by", "events", "--channel", "call"], "drop the channel"),
])
def test_goal_add_errors_write_nothing(people, nc, args, message):
    result = nc("goal", "add", "calls", *args)
    assert result.code == 1 and result.out == ""
    assert message in result.err and len(result.err.strip().splitlines()) == 1
    assert people("goal", "list", "--json").json() == []


def test_goal_add_parser_errors_exit_2(people, nc):
    assert nc("goal", "add", "calls", "--count", "abc").code == 2
    assert nc("goal", "add", "calls").code == 2  # --count is required
    assert people("goal", "list", "--json").json() == []


def test_duplicate_and_unknown_goals(people, nc):
    people("goal", "add", "client calls", "--count", "5")
    result = nc("goal", "add", "Client calls", "--count", "3")
    assert result.code == 1 and "exists already" in result.err
    result = nc("goal", "rm", "client cals")
    assert result.code == 1 and result.out == "" and "did you mean 'client calls'" in result.err
    assert [g["target"] for g in people("goal", "list", "--json").json()] == [5]


def test_goal_help(ok):
    out = ok("goal", "--help").out
    assert "add" in out and "list" in out and "rm" in out
    assert "--count-by" in ok("goal", "add", "--help").out
