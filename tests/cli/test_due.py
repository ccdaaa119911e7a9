"""The agenda: `netcadence due` and bare `netcadence` (SPEC §1, §6)."""

from __future__ import annotations

import re

import pytest

from netcadence.text import fold, slugify

DUE_KEYS = {
    "slug",
    "name",
    "due",
    "days_overdue",
    "status",
    "cadence",
    "step",
    "action",
    "last_touch",
}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture
def network(ok):
    """On 2026-11-23: Wes weekly 7 days late, Quinn quarterly 10 days late, Dot due today,
    Upton due in 5 days, Mo monthly due in 20 days, Nat with no cadence."""
    ok("cadence", "tag", "client", "1w")
    ok("add", "Wes Weekly", "--cadence", "1w", "--tag", "client")
    ok("log", "wes", "-c", "call", "--when", "2026-11-09")
    ok("add", "Quinn Quarterly", "--cadence", "1q")
    ok("log", "quinn", "-c", "call", "--when", "2026-08-13")
    ok("add", "Dot Today", "--cadence", "2w")
    ok("log", "dot", "-c", "email", "--when", "2026-11-09")
    ok("add", "Upton Soon", "--cadence", "1w")
    ok("log", "upton", "--when", "2026-11-21")
    ok("add", "Mo Monthly", "--cadence", "monthly", today="2026-11-12")
    ok("add", "Nat None")
    ok("log", "nat", "--when", "2025-01-01")
    return ok


def due(ok, *args, today=None):
    return ok("due", "--json", *args, today=today).json()


def test_due_json_shape_and_order(network):
    rows = due(network)
    assert [r["slug"] for r in rows] == ["wes-weekly", "quinn-quarterly", "dot-today"]
    for row in rows:
        assert set(row) >= DUE_KEYS
        assert ISO.match(row["due"]) and (row["last_touch"] is None or ISO.match(row["last_touch"]))
    wes = rows[0]
    assert {k: wes[k] for k in DUE_KEYS} == {
        "slug": "wes-weekly",
        "name": "Wes Weekly",
        "due": "2026-11-16",
        "days_overdue": 7,
        "status": "overdue",
        "cadence": "1w",
        "step": None,
        "action": None,
        "last_touch": "2026-11-09",
    }
    assert (rows[1]["days_overdue"], rows[1]["status"]) == (10, "overdue")
    assert (rows[2]["days_overdue"], rows[2]["status"], rows[2]["due"]) == (0, "due", "2026-11-23")


def test_due_within_adds_upcoming_after_the_rest(network):
    rows = due(network, "--within", "3w")
    assert [(r["slug"], r["status"]) for r in rows] == [
        ("wes-weekly", "overdue"),
        ("quinn-quarterly", "overdue"),
        ("dot-today", "due"),
        ("upton-soon", "upcoming"),
        ("mo-monthly", "upcoming"),
    ]
    assert rows[3]["days_overdue"] == -5
    assert rows[4]["last_touch"] is None
    assert [r["slug"] for r in due(network, "--within", "5d")][-1] == "upton-soon"
    assert "mo-monthly" not in [r["slug"] for r in due(network, "--within", "5d")]


def test_due_on_a_later_date(network):
    rows = due(network, "--on", "2026-11-28")
    assert [(r["slug"], r["days_overdue"]) for r in rows][-1] == ("upton-soon", 0)
    assert due(network, "--on", "2026-11-28") == due(network, today="2026-11-28")


def test_due_tag_and_limit(network):
    assert [r["slug"] for r in due(network, "--tag", "CLIENT")] == ["wes-weekly"]
    assert [r["slug"] for r in due(network, "--limit", "2")] == ["wes-weekly", "quinn-quarterly"]
    out = network("due", "--limit", "1").out
    assert "Wes Weekly" in out and "Quinn" not in out
    # the counts are the whole agenda's, and a line says what --limit left out
    assert "2 overdue, 1 due today" in out and "2 more not shown (--limit 1)" in out


def test_series_step_and_action_in_due(ok):
    ok(
        "cadence",
        "define",
        "intro",
        "--step",
        "1d:email:thanks",
        "--step",
        "1w:coffee",
        "--step",
        "2w:catch up",
    )
    ok("log", "bob", "--new", "-c", "coffee", "--cadence", "intro", "--when", "2026-11-20")
    assert due(ok)[0] | {"urgency": 0} == {
        "slug": "bob",
        "name": "bob",
        "due": "2026-11-21",
        "days_overdue": 2,
        "status": "overdue",
        "kind": "cadence",
        "what": "step 1/3 email: thanks",
        "cadence": "intro",
        "step": "1/3",
        "action": "email: thanks",
        "last_touch": "2026-11-20",
        "urgency": 0,
    }
    ok("log", "bob", "-c", "email", "--when", "2026-11-21")
    assert (due(ok, "--within", "1m")[0]["step"], due(ok, "--within", "1m")[0]["action"]) == (
        "2/3",
        "coffee",
    )


def test_ties_go_by_days_overdue_then_name_then_slug(ok):
    for name in ("Zed", "Amy", "Amy"):
        ok("add", name, "--cadence", "1w", today="2026-11-13")
    ok("add", "Old", "--cadence", "2w", today="2026-10-26")  # 14 days late on 2w: urgency 1
    rows = due(ok)
    assert [r["slug"] for r in rows] == ["old", "amy", "amy-2", "zed"]


def test_capacity_caps_the_table_not_the_json(network):
    ok = network
    ok("config", "set", "capacity", "2")
    out = ok("due").out
    assert "Wes Weekly" in out and "Quinn Quarterly" in out and "Dot Today" not in out
    assert "1 more wait" in out
    assert len(due(ok)) == 3
    assert len(due(ok, "--limit", "1")) == 1
    full = ok("due", "--all").out
    assert "Dot Today" in full and "more wait" not in full


def test_due_plain_text_table(network):
    out = network("due").out
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert any("Wes Weekly" in line and "2026-11-16" in line for line in lines)
    assert "2 overdue, 1 due today" in out


def test_nothing_due(ok):
    assert ok("due").out.startswith("Nothing due")
    assert due(ok) == []
    ok("add", "Ana", "--cadence", "2w")
    out = ok("due").out
    assert "Nothing due" in out and "2026-12-07" in out


def test_bare_netcadence_is_due(network):
    ok = network
    assert ok().out == ok("due").out
    assert ok("--json").json() == due(ok)


def test_json_before_a_command_is_the_commands_own_json(network, nc):
    ok = network
    assert ok("--json", "due", "--within", "1w").json() == due(ok, "--within", "1w")
    for command in (["list"], ["review"], ["stats"], ["goal", "list"], ["cadence", "list"]):
        assert ok("--json", *command).json() == ok(*command, "--json").json(), command
    before = ok("show", "wes", "--json").json()["touches"]
    refused = nc("--json", "log", "wes")  # log prints no JSON
    assert (refused.code, refused.out) == (2, "")
    assert "--json" in refused.err and len(refused.err.strip().splitlines()) == 1
    assert ok("show", "wes", "--json").json()["touches"] == before
    for command in (["cadence", "define", "m", "--every", "1m"],
                    ["goal", "add", "g", "--count", "1"]):
        refused = nc("--json", *command)
        assert refused.code == 2 and "prints no JSON" in refused.err, command
    assert "m" not in [c["name"] for c in ok("cadence", "list", "--json").json()]
    assert ok("goal", "list", "--json").json() == []


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--limit", "abc"), 2),
        (("--limit", "0"), 1),
        (("--within", "soon"), 1),
        (("--within", "0d"), 1),
        (("--on", "2026-02-30"), 1),
        (("--on", "whenever"), 1),
        (("--bogus",), 2),
        (("--within",), 2),
    ],
)
def test_due_errors(nc, args, code):
    result = nc("due", *args)
    assert result.code == code and result.out == ""
    assert "Traceback" not in result.err and result.err.strip()


def test_vacation_empties_the_agenda(network):
    ok = network
    ok("pause", "--all", "--until", "2026-12-01")
    assert due(ok) == []
    assert "vacation" in ok("due").out.lower()
    ok("resume", "--all")
    assert len(due(ok)) == 3


def test_an_empty_database_says_how_to_begin(ok):
    out = ok("due").out
    assert "No contacts yet" in out and "netcadence add" in out and "--new" in out
    assert ok("due", "--json").json() == []
    ok("add", "Ana")
    assert "No contacts yet" not in ok("due").out


def test_nothing_due_names_the_next_one(ok):
    ok("add", "Zoe", "--cadence", "2w")
    ok("add", "Ana B", "--cadence", "2w")
    ok("add", "Ab", "--cadence", "3w")
    ok("add", "Paused", "--cadence", "1w")
    ok("pause", "paused")
    assert "Next: Ana B (ana-b) on 2026-12-07" in ok("due").out


def test_nothing_due_with_a_tag_names_the_next_one_with_that_tag(ok):
    ok("add", "Ana", "--cadence", "1w", "--tag", "cafe")
    ok("add", "Bob", "--cadence", "2w", "--tag", "client")
    assert "Next: Bob (bob) on 2026-12-07" in ok("due", "--tag", "client").out
    out = ok("due", "--tag", "nosuch").out
    assert "Nothing due" in out and "Next:" not in out


def test_ties_and_upcoming_rows_follow_the_folded_name_on_every_backend(ok):
    """Rows due the same day come by name as netcadence folds it, compared character by
    character (not by the database's collation, which would skip spaces and
    punctuation), then by slug; upcoming rows by date, then name."""
    names = ["Ab Zed", "A Czar", "émile", "Emma", "O'Neil", "O Neil", "Zoë", "ana", "Ana"]
    for name in names:
        ok("add", name, "--cadence", "1w", today="2026-11-13")  # all 3 days late
        ok("add", f"{name} Later", "--cadence", "1w", today="2026-11-18")  # in 2 days
    ok("add", "Early Bird", "--cadence", "1w", today="2026-11-17")  # in 1 day
    rows = due(ok, "--within", "1w")
    late = [r for r in rows if r["status"] == "overdue"]
    upcoming = [r for r in rows if r["status"] == "upcoming"]
    assert [r["name"] for r in late] == sorted(names, key=lambda n: (fold(n), slugify(n)))
    assert [r["slug"] for r in late if r["name"].lower() == "ana"] == ["ana", "ana-2"]
    assert upcoming[0]["name"] == "Early Bird"
    assert [r["name"] for r in upcoming[1:]] == sorted(
        (f"{n} Later" for n in names), key=lambda n: (fold(n), slugify(n)))
    # The piped table lists them in the same order.
    table = ok("due", "--within", "1w").out.splitlines()[1:-1]
    assert [line.split("  ")[0] for line in table] == [r["status"] for r in rows]
    assert all(r["slug"] in line for r, line in zip(rows, table, strict=True))
