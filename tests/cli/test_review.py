"""review, stats, dormant and plan through the command line (today is Monday 2026-11-23)."""

from __future__ import annotations

import pytest

REVIEW_KEYS = {
    "week", "start", "end", "touches", "touches_by_channel", "goals", "new_contacts",
    "series_completed", "unresponsive", "give_ask", "overdue", "dormant", "dormant_total",
    "dormant_days", "next_week", "due_next_week",
}


@pytest.fixture
def week47(ok):
    """A network with something in every section of the review of 2026-W47."""
    ok("cadence", "define", "intro", "--step", "1d:email:thanks", "--step", "1w:call")
    ok("cadence", "define", "chase", "--every", "1m", "--give-up-after", "2")
    # Overdue movement: Old stays overdue, Busy was overdue and got a touch, Late and Later
    # become overdue during the week.
    ok("add", "Old Timer", "--cadence", "1w", today="2026-11-01")
    ok("add", "Busy Bee", "--cadence", "1w", today="2026-11-01")
    ok("log", "busy", "-c", "call", "--when", "2026-11-05", today="2026-11-05")
    ok("log", "busy", "-c", "call", "--when", "2026-11-18", "--give", today="2026-11-18")
    ok("add", "Late Comer", "--cadence", "1w", today="2026-11-10")
    ok("add", "Later Comer", "--cadence", "1w", today="2026-11-12")
    # A series completed on 11-18.
    ok("log", "Sam Series", "--new", "--cadence", "intro", "-c", "coffee", "--when", "2026-11-10",
       today="2026-11-10")
    ok("log", "sam", "-c", "email", "--when", "2026-11-11", today="2026-11-11")
    ok("log", "sam", "-c", "email", "--when", "2026-11-18", "--ask", today="2026-11-18")
    # Unresponsive since 11-19.
    ok("add", "Una Silent", "--cadence", "chase", today="2026-11-16")
    ok("log", "una", "-c", "email", "--when", "2026-11-17", today="2026-11-17")
    ok("log", "una", "-c", "voicemail", "--when", "2026-11-19", today="2026-11-19")
    # Dormant, and due next week.
    ok("add", "Dora Mant", "--met", "2025-01-10", today="2025-02-01")
    ok("add", "Nora Next", "--cadence", "2w", today="2026-11-20")
    ok("log", "nora", "-c", "text", "--in", "--when", "2026-11-20", today="2026-11-20")
    ok("goal", "add", "weekly", "--count", "2")
    return ok


def test_review_json_sections(week47):
    data = week47("review", "--week", "2026-W47", "--json").json()
    assert set(data) >= REVIEW_KEYS
    assert (data["week"], data["start"], data["end"]) == ("2026-W47", "2026-11-16", "2026-11-22")
    assert data["touches"] == {"total": 5, "out": 4, "in": 1}
    assert data["touches_by_channel"] == {"call": 1, "email": 2, "text": 1, "voicemail": 1}
    assert [c["slug"] for c in data["new_contacts"]] == ["una-silent", "nora-next"]
    una = {"slug": "una-silent", "name": "Una Silent"}
    assert data["new_contacts"][0] == {**una, "date": "2026-11-16"}
    assert data["series_completed"] == [
        {"slug": "sam-series", "name": "Sam Series", "date": "2026-11-18"}]
    assert data["unresponsive"] == [{**una, "date": "2026-11-19"}]
    assert data["give_ask"] == {
        "given": 1, "asked": 1, "got": 0, "were_asked": 0,
        "given_all_time": 1, "asked_all_time": 1, "got_all_time": 0, "were_asked_all_time": 0}
    assert data["overdue"] == {"end_of_week": 3, "end_of_last_week": 2, "change": 1}
    assert [d["slug"] for d in data["dormant"]] == ["dora-mant"]
    assert data["dormant"][0]["days_silent"] == 682  # counted from the met date, 2025-01-10
    assert data["next_week"] == "2026-W48"
    # Sam's series is complete (it has no perpetual part), Nora is due in W49.
    assert [(r["slug"], r["due"]) for r in data["due_next_week"]] == [("busy-bee", "2026-11-25")]
    goal = data["goals"][0]
    assert (goal["name"], goal["current"], goal["done"]) == ("weekly", "2026-W47", 3)
    assert goal["met"] is True


def test_review_defaults_to_this_week_and_takes_a_date(week47):
    data = week47("review", "--json").json()
    assert data["week"] == "2026-W48" and data["touches"]["total"] == 0
    assert data["next_week"] == "2026-W49"
    assert week47("review", "--week", "2026-11-18", "--json").json()["week"] == "2026-W47"
    assert week47("review", "--week", "2026w47", "--json").json()["week"] == "2026-W47"


def test_review_text(week47):
    out = week47("review", "--week", "2026-W47").out
    for text in ("Weekly review 2026-W47 (2026-11-16 to 2026-11-22)", "Touches: 5",
                 "email 2", "Goals", "weekly:", "streak", "Give and ask: gave 1, asked 1",
                 "Overdue: 3 at the end of the week, 2 a week before (up 1)",
                 "New contacts: 2", "Una Silent (una-silent, 2026-11-16)",
                 "Series completed: 1", "Became unresponsive: 1", "Dora Mant (dora-mant)",
                 "Due next week (2026-W48): 1", "busy-bee"):
        assert text in out, text


def test_review_week_53(ok):
    ok("log", "Ana Ruiz", "--new", "-c", "coffee", "--when", "2027-01-01", today="2027-01-02")
    data = ok("review", "--week", "2026-W53", "--json", today="2027-01-10").json()
    assert (data["start"], data["end"], data["touches"]["total"]) == ("2026-12-28", "2027-01-03", 1)
    assert data["next_week"] == "2027-W01"


@pytest.mark.parametrize(("week", "message"), [
    ("2026-W60", "is not an ISO week"),
    ("2025-W53", "is not an ISO week"),  # 2025 has 52 weeks
    ("next year", "is not an ISO week"),
    ("2026-W50", "has not started yet"),
    ("2026-02-30", "is not a date on the calendar"),
])
def test_review_bad_week(ok, nc, week, message):
    result = nc("review", "--week", week)
    assert result.code == 1 and result.out == "" and message in result.err
    assert len(result.err.splitlines()) == 1


def test_review_on_empty_database(ok):
    data = ok("review", "--json").json()
    assert data["touches"]["total"] == 0 and data["goals"] == [] and data["due_next_week"] == []
    assert "Weekly review 2026-W48" in ok("review").out


# --- stats --------------------------------------------------------------------------


def test_stats_json(ok):
    ok("add", "Ana Ruiz", "--cadence", "1w", today="2026-11-01")
    ok("add", "Bob Lee", "--cadence", "1m", today="2026-11-01")
    ok("log", "ana", "-c", "call", "--when", "2026-10-28", "--give")
    ok("log", "ana", "-c", "call", "--when", "2026-11-10", "--by", "alice")
    ok("log", "bob", "-c", "email", "--when", "2026-11-20", "--ask")
    ok("log", "bob", "-c", "email", "--when", "2026-11-21", "--give")
    ok("log", "bob", "-c", "coffee", "--when", "2025-01-01")  # before --since
    assert ok("stats", "--since", "4w", "--json").json()["by"] is None
    data = ok("stats", "--since", "4w", "--by", "--json").json()
    assert data["since"] == "2026-10-26"
    assert [(w["week"], w["touches"]) for w in data["weeks"]] == [
        ("2026-W44", 1), ("2026-W45", 0), ("2026-W46", 1), ("2026-W47", 2), ("2026-W48", 0),
    ]
    assert data["touches"] == 4
    assert data["channels"] == {"call": 2, "email": 2}
    assert data["give_ask"] == {"given": 2, "asked": 1, "ratio": 2.0}
    # Ana is due 2026-11-17 (overdue), Bob 2026-12-21.
    assert data["on_schedule"] == {"cadenced": 2, "on_schedule": 1, "share": 0.5}
    assert data["by"] == [
        {"by": "tester", "touches": 3, "contacts": 2, "given": 2, "asked": 1},
        {"by": "alice", "touches": 1, "contacts": 1, "given": 0, "asked": 0},
    ]
    assert ok("stats", "--json").json()["touches"] == 4  # default: one year back
    assert ok("stats", "--since", "2y", "--json").json()["touches"] == 5


def test_stats_text_chart_and_by(ok):
    ok("log", "Ana Ruiz", "--new", "-c", "call", "--when", "2026-11-10")
    ok("log", "ana", "-c", "email", "--when", "2026-11-11")
    ok("log", "ana", "-c", "email", "--when", "2026-11-20", "--by", "alice")
    out = ok("stats", "--since", "2026-11-01").out
    assert "2026-W46  " + "█" * 40 + " 2" in out and "2026-W47  " + "█" * 20 + " 1" in out
    assert "email" in out and "67%" in out and "By who logged them" not in out
    out = ok("stats", "--since", "2026-11-01", "--by").out
    assert "By who logged them" in out and "alice" in out and "tester" in out


def test_review_lists_wrap_between_names_on_a_terminal(ok, monkeypatch):
    for number in range(8):
        ok("add", f"Person {number}")
    monkeypatch.setattr("netcadence.render.review.on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "40")
    lines = ok("review").out.splitlines()
    start = lines.index("New contacts: 8") + 1
    listed = lines[start:start + 8]
    assert listed[0] == "  Person 0 (person-0, 2026-11-23),"
    assert listed[1:8] == [f"    Person {n} (person-{n}, 2026-11-23)," for n in range(1, 7)] + [
        "    Person 7 (person-7, 2026-11-23)"]


def test_stats_chart_fits_a_narrow_terminal(ok, monkeypatch):
    ok("log", "Ana Ruiz", "--new", "-c", "call", "--when", "2026-11-10")
    ok("log", "ana", "-c", "email", "--when", "2026-11-11")
    monkeypatch.setattr("netcadence.render.review.on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "30")
    out = ok("stats", "--since", "40w").out
    chart = [line for line in out.splitlines() if "█" in line or "▁" in line]
    assert chart and all(len(line) <= 30 for line in chart), chart
    assert "  2026-W46  " + "█" * 16 + " 2\n" in out  # the widest bar: 30 - 14 columns


@pytest.mark.parametrize(("since", "message"), [
    ("abc", "neither a duration nor a date"),
    ("0w", "neither a duration nor a date"),
    ("in 2 weeks", "is after today"),
    ("1001y", "too long"),
    ("2026-02-30", "not a date on the calendar"),
])
def test_stats_bad_since(ok, nc, since, message):
    result = nc("stats", "--since", since)
    assert result.code == 1 and result.out == "" and message in result.err


# --- dormant ------------------------------------------------------------------------


@pytest.fixture
def silent(ok):
    ok("cadence", "define", "chase", "--every", "1m", "--give-up-after", "1")
    ok("add", "Ana Ruiz", "--cadence", "1m", today="2025-01-01")
    ok("log", "ana", "--when", "2026-05-01", today="2026-05-01")           # 206 days
    ok("add", "Bob Lee", "--met", "2025-10-01", today="2026-06-01")        # met: 418 days
    ok("add", "Chloé Martin", today="2026-05-10")                          # created: 197 days
    ok("add", "Fay Gone", "--cadence", "chase", today="2026-01-01")
    ok("log", "fay", "-c", "email", "--when", "2026-01-05", today="2026-01-05")  # 322, unresponsive
    ok("add", "Arch Ived", today="2025-01-01")
    ok("archive", "arch")
    ok("add", "Paul Paused", today="2025-01-01")
    ok("pause", "paul")
    ok("log", "Recent Rita", "--new", "--when", "2026-11-01")
    return ok


def test_dormant_json_longest_first(silent):
    rows = silent("dormant", "--json").json()
    assert [(r["slug"], r["days_silent"], r["last_touch"]) for r in rows] == [
        ("bob-lee", 418, None), ("fay-gone", 322, "2026-01-05"), ("ana-ruiz", 206, "2026-05-01"),
        ("chloe-martin", 197, None),
    ]
    assert {"slug", "name", "last_touch", "days_silent"} <= set(rows[0])
    assert rows[1]["status"] == "unresponsive"


def test_dormant_days_option_and_setting(silent):
    assert [r["slug"] for r in silent("dormant", "--days", "300", "--json").json()] == [
        "bob-lee", "fay-gone"]
    assert [r["slug"] for r in silent("dormant", "--days", "1y", "--json").json()] == ["bob-lee"]
    silent("config", "set", "dormant-days", "200")
    assert len(silent("dormant", "--json").json()) == 3
    out = silent("dormant").out
    assert "Bob Lee" in out and "418d" in out and "3 contacts silent for 200 days or more" in out
    assert "No dormant contacts" in silent("dormant", "--days", "1000").out


@pytest.mark.parametrize("days", ["0", "abc", "-5", "2x", "²"])
def test_dormant_bad_days(silent, nc, days):
    result = nc("dormant", "--days", days)
    assert result.code == 1 and result.out == "" and "--days" in result.err


@pytest.mark.parametrize("days, words", [("1001y", "too long"), ("9" * 5000, "out of range")])
def test_dormant_days_beyond_the_calendar(silent, nc, days, words):
    result = nc("dormant", "--days", days)
    assert result.code == 1 and words in result.err and "unexpected" not in result.err


# --- plan, capacity, vacation --------------------------------------------------------


@pytest.fixture
def backlog(ok):
    """Five weekly contacts, all overdue by different amounts, and one due on Wednesday."""
    for index, name in enumerate(["Ana", "Bob", "Cleo", "Dan", "Eve"]):
        ok("add", name, "--cadence", "1w", today=f"2026-11-0{index + 1}")
    ok("add", "Fred", "--cadence", "1w", today="2026-11-18")
    return ok


def test_plan_without_capacity(backlog):
    rows = backlog("plan", "--json").json()
    assert [(r["date"], r["slug"]) for r in rows] == [
        ("2026-11-23", "ana"), ("2026-11-23", "bob"), ("2026-11-23", "cleo"),
        ("2026-11-23", "dan"), ("2026-11-23", "eve"), ("2026-11-25", "fred"),
    ]
    assert set(rows[0]) >= {"date", "slug", "name", "due"} and rows[0]["due"] == "2026-11-08"


def test_plan_of_one_day_says_day(backlog):
    assert "over 1 day (" in backlog("plan", "--days", "1").out


def test_plan_with_capacity(backlog):
    backlog("config", "set", "capacity", "2")
    rows = backlog("plan", "--days", "3", "--json").json()
    assert [(r["date"], r["slug"]) for r in rows] == [
        ("2026-11-23", "ana"), ("2026-11-23", "bob"), ("2026-11-24", "cleo"),
        ("2026-11-24", "dan"), ("2026-11-25", "eve"), ("2026-11-25", "fred"),
    ]
    rows = backlog("plan", "--days", "2", "--json").json()  # Fred is due after the window
    assert [(r["date"], r["slug"]) for r in rows][-2:] == [("2026-11-24", "dan"), (None, "eve")]
    out = backlog("plan", "--days", "2").out
    assert "4 planned over 2 days (at most 2 a day); 1 does not fit" in out


def test_plan_skips_vacation_days(backlog):
    backlog("pause", "--all", "--until", "2026-11-25")
    rows = backlog("plan", "--days", "5", "--json").json()
    assert {r["date"] for r in rows} == {"2026-11-25", "2026-11-27"}
    assert backlog("due", "--json").json() == []
    out = backlog("plan", "--days", "5").out
    assert "On vacation 2026-11-23 to 2026-11-24" in out


def test_plan_errors(ok, nc):
    result = nc("plan", "--days", "0")
    assert result.code == 1 and "--days must be a whole number ≥ 1" in result.err
    assert nc("plan", "--days", "abc").code == 2
    assert "Nothing to plan" in ok("plan").out


def test_capacity_caps_the_agenda_table_not_json(backlog):
    backlog("config", "set", "capacity", "2")
    out = backlog("due").out
    assert "ana" in out and "bob" in out and "cleo" not in out
    assert "3 more wait beyond today's capacity of 2" in out
    assert "cleo" in backlog("due", "--all").out
    assert len(backlog("due", "--json").json()) == 5


def test_vacation_moves_due_dates_by_its_length(ok):
    ok("add", "Ana", "--cadence", "1w", today="2026-11-01")
    ok("log", "ana", "--when", "2026-11-10", today="2026-11-10")  # due 2026-11-17
    ok("pause", "--all", "--until", "2026-11-30")
    for day in ("2026-11-23", "2026-11-26", "2026-11-29"):
        assert ok("due", "--json", today=day).json() == []
    assert "On vacation until 2026-11-30" in ok("due", today="2026-11-26").out
    rows = ok("due", "--json", today="2026-11-30").json()
    assert [(r["slug"], r["due"]) for r in rows] == [("ana", "2026-11-24")]  # 11-17 + 7 days


def test_resume_all_ends_the_vacation_early(ok, nc):
    ok("add", "Ana", "--cadence", "1w", today="2026-11-01")
    ok("log", "ana", "--when", "2026-11-10", today="2026-11-10")
    ok("pause", "--all")
    assert ok("due", "--json", today="2026-11-24").json() == []
    ok("resume", "--all", today="2026-11-25")
    rows = ok("due", "--json", today="2026-11-25").json()
    assert [(r["slug"], r["due"]) for r in rows] == [("ana", "2026-11-19")]  # 11-17 + 2 days
    result = nc("resume", "--all", today="2026-11-25")
    assert result.code == 1 and "no vacation is in force" in result.err


@pytest.mark.parametrize("command", ["review", "stats", "dormant", "plan"])
def test_commands_have_help(ok, command):
    out = ok(command, "--help").out
    assert "--json" in out and len(out.splitlines()) > 3


def test_demo_ends_with_the_weekly_review(ok):
    out = ok("demo").out
    assert "Weekly review 2026-W48 (2026-11-23 to 2026-11-29)" in out
    assert out.index("Weekly review") > out.index("overdue")
    assert ok("info", "--json").json()["contacts"] == 0  # never the user's database


def test_demo_json_is_the_agenda_and_the_review(ok):
    data = ok("demo", "--json").json()
    assert set(data) >= {"due", "review"}
    assert data["due"] and {"slug", "due", "status", "step", "action"} <= set(data["due"][0])
    assert data["review"]["week"] == "2026-W48"
    assert ok("info", "--json").json()["contacts"] == 0
