"""Cadence commands: define, set, tag, list, rm."""

from __future__ import annotations

import pytest


def show(ok, who, today=None):
    return ok("show", who, "--json", today=today).json()


def cadences(ok):
    return {c["name"]: c for c in ok("cadence", "list", "--json").json()}


# --- define and list --------------------------------------------------------------


def test_define_steps_and_list_json(ok):
    out = ok(
        "cadence",
        "define",
        "new-contact",
        "--step",
        "1d:email:thank-you note",
        "--step",
        "1w:follow up",
        "--step",
        "1m:coffee",
        "--step",
        "2W",
        "--every",
        "3m",
        "--stop-on-reply",
        "--give-up-after",
        "3",
    ).out
    assert "new-contact" in out
    found = ok("cadence", "list", "--json").json()
    assert found == [
        {
            **found[0],
            "name": "new-contact",
            "steps": [
                {"offset": "1d", "channel": "email", "label": "thank-you note"},
                {"offset": "1w", "channel": None, "label": "follow up"},
                {"offset": "1m", "channel": "coffee", "label": None},
                {"offset": "2w", "channel": None, "label": None},
            ],
            "every": "3m",
            "stop_on_reply": True,
            "give_up_after": 3,
        }
    ]


def test_define_every_only_and_list_order(ok):
    ok("cadence", "define", "monthly-ish", "--every", "monthly")
    ok("cadence", "define", "a-weekly", "--every", "1w")
    found = ok("cadence", "list", "--json").json()
    assert [c["name"] for c in found] == ["a-weekly", "monthly-ish"]
    assert found[1] == {
        **found[1],
        "steps": [],
        "every": "1m",
        "stop_on_reply": False,
        "give_up_after": None,
    }
    out = ok("cadence", "list").out
    assert "a-weekly" in out and "monthly-ish" in out


def test_empty_cadence_list(ok):
    assert ok("cadence", "list", "--json").json() == []
    assert "cadence define" in ok("cadence", "list").out


def test_cadence_list_shows_tag_defaults_given_as_durations(ok):
    ok("cadence", "tag", "client", "monthly")
    ok("cadence", "tag", "Friend", "3m")
    assert "Tag defaults given as a duration: client → monthly, friend → 3m" in ok(
        "cadence", "list").out
    assert ok("cadence", "list", "--json").json() == []


@pytest.mark.parametrize(
    "args",
    [
        ("x",),
        ("x", "--every", "0d"),
        ("x", "--every", "-1w"),
        ("x", "--every", "5 minutes"),
        ("x", "--step", "soon:email"),
        ("x", "--step", "1d:fax:hello"),
        ("x", "--every", "1w", "--give-up-after", "0"),
        ("none", "--every", "1w"),
        ("default", "--every", "1w"),
        ("  ", "--every", "1w"),
    ],
)
def test_define_bad_values(ok, nc, args):
    result = nc("cadence", "define", *args)
    assert result.code == 1 and result.out == "" and result.err.count("\n") == 1
    assert cadences(ok) == {}


def test_redefine_needs_replace(ok, nc):
    ok("cadence", "define", "keep", "--every", "1m")
    ok("add", "Ana", "--cadence", "keep")
    result = nc("cadence", "define", "keep", "--every", "1w")
    assert result.code == 1 and "--replace" in result.err
    assert cadences(ok)["keep"]["every"] == "1m"
    ok("cadence", "define", "keep", "--every", "1w", "--replace")
    assert cadences(ok)["keep"]["every"] == "1w"
    assert show(ok, "ana")["next_due"] == "2026-11-30"


def test_names_that_differ_only_in_case_are_one_name(ok, nc):
    ok("cadence", "define", "Keep", "--every", "1m")
    result = nc("cadence", "define", "keep", "--every", "3m")
    assert result.code == 1 and "'Keep'" in result.err and result.out == ""
    assert list(cadences(ok)) == ["Keep"]
    ok("add", "Ana", "--cadence", "KEEP")
    assert show(ok, "ana")["cadence"] == "Keep"
    ok("cadence", "define", "Été", "--every", "2m")  # the same on SQLite and PostgreSQL
    assert nc("cadence", "define", "été", "--every", "3m").code == 1
    ok("add", "Bob", "--cadence", "ÉTÉ")
    assert show(ok, "bob")["cadence"] == "Été"


@pytest.mark.sqlite_only
def test_case_twins_left_by_older_versions_still_work(ok, db_url, tmp_path):
    import sqlite3

    ok("cadence", "define", "Monthly", "--every", "1m")
    with sqlite3.connect(db_url) as conn:  # as versions before the check allowed
        conn.execute("INSERT INTO cadence (name, every, stop_on_reply) VALUES ('monthly', '3m', 0)")
    ok("add", "Ana", "--cadence", "monthly")
    ok("cadence", "define", "monthly", "--every", "6w", "--replace")
    assert cadences(ok)["monthly"]["every"] == "6w" and cadences(ok)["Monthly"]["every"] == "1m"
    exported = ok("export", "json").out
    (tmp_path / "all.json").write_text(exported)
    ok("--db", tmp_path / "copy.db", "import", "json", tmp_path / "all.json")
    assert ok("--db", tmp_path / "copy.db", "export", "json").out == exported


# --- set --------------------------------------------------------------------------


def test_set_by_name_inline_none_default_and_from(ok):
    ok("cadence", "define", "new-contact", "--step", "1d:email:thanks", "--every", "3m")
    ok("cadence", "tag", "client", "monthly")
    ok("add", "Ana", "--tag", "client")
    ok("cadence", "set", "ana", "new-contact")
    ana = show(ok, "ana")
    assert (ana["cadence"], ana["cadence_source"], ana["next_due"], ana["step"]) == (
        "new-contact",
        "own",
        "2026-11-24",
        "1/1",
    )
    out = ok("cadence", "set", "ana", "2w", "--from", "2026-11-01").out
    assert "2026-11-15" in out
    assert (show(ok, "ana")["cadence"], show(ok, "ana")["next_due"]) == ("2w", "2026-11-15")
    ok("cadence", "set", "ana", "none")
    ana = show(ok, "ana")
    assert (ana["cadence"], ana["cadence_source"], ana["next_due"]) == (None, "none", None)
    ok("cadence", "set", "ana", "default", "--from", "last friday")
    ana = show(ok, "ana")
    assert (ana["cadence"], ana["cadence_source"], ana["next_due"]) == (
        "monthly",
        "tag",
        "2026-12-20",
    )


def test_set_errors_change_nothing(ok, nc):
    ok("add", "Ana", "--cadence", "2w")
    before = show(ok, "ana")
    for args in (
        ("ana", "sometimes"),
        ("ana", "2w", "--from", "2026-02-30"),
        ("ana", "2w", "--from", "tomorrow"),
        ("nobody", "2w"),
        ("ana", "0w"),
    ):
        result = nc("cadence", "set", *args)
        assert result.code == 1 and result.out == "", args
    assert show(ok, "ana") == before


# --- tag --------------------------------------------------------------------------


def test_tag_default_applies_and_none_removes_it(ok, nc):
    ok("add", "Ana", "--tag", "Client", today="2026-11-01")
    ok("add", "Bob", "--tag", "client", "--cadence", "1w", today="2026-11-01")
    out = ok("cadence", "tag", "CLIENT", "monthly", today="2026-11-10").out
    assert "client" in out
    ana = show(ok, "ana")
    assert (ana["cadence"], ana["cadence_source"], ana["next_due"]) == (
        "monthly",
        "tag",
        "2026-12-10",
    )
    assert show(ok, "bob")["cadence"] == "1w"
    assert cadences(ok) == {}  # an inline default defines no cadence
    ok("cadence", "tag", "client", "none")
    assert (show(ok, "ana")["cadence"], show(ok, "ana")["next_due"]) == (None, None)
    result = nc("cadence", "tag", "client", "none")
    assert result.code == 1
    assert nc("cadence", "tag", "client", "sometimes").code == 1


def test_most_frequent_tag_default_wins(ok):
    ok("cadence", "define", "series-only", "--step", "1d:email")
    ok("cadence", "define", "fortnight", "--every", "2w")
    ok("cadence", "tag", "a", "quarterly")
    ok("cadence", "tag", "b", "monthly")
    ok("cadence", "tag", "c", "series-only")
    ok("add", "Ana", "--tag", "a", "--tag", "b", "--tag", "c")
    assert show(ok, "ana")["cadence"] == "monthly"
    ok("cadence", "tag", "d", "fortnight")
    ok("cadence", "tag", "e", "14d")
    ok("edit", "ana", "--tag", "d", "--tag", "e")
    assert show(ok, "ana")["cadence"] == "14d"  # a tie goes to the alphabetically first name
    ok("add", "Bob", "--tag", "c", "--tag", "a")
    assert show(ok, "bob")["cadence"] == "quarterly"  # a series without an interval counts longest


def test_enrollment_moves_when_the_applicable_cadence_changes(ok):
    ok("cadence", "tag", "client", "monthly", today="2026-11-01")
    ok("cadence", "tag", "vip", "1w", today="2026-11-01")
    ok("add", "Ana", "--tag", "client", today="2026-11-01")
    assert show(ok, "ana")["next_due"] == "2026-12-01"
    ok("edit", "ana", "--tag", "partner", today="2026-11-05")  # no default: nothing changes
    assert show(ok, "ana")["next_due"] == "2026-12-01"
    ok("edit", "ana", "--tag", "vip", today="2026-11-10")
    assert (show(ok, "ana")["cadence"], show(ok, "ana")["next_due"]) == ("1w", "2026-11-17")
    ok("cadence", "tag", "client", "2w", today="2026-11-12")  # still 1w applies: no change
    assert show(ok, "ana")["next_due"] == "2026-11-17"
    ok("edit", "ana", "--untag", "vip", today="2026-11-14")
    assert (show(ok, "ana")["cadence"], show(ok, "ana")["next_due"]) == ("2w", "2026-11-28")


# --- rm ---------------------------------------------------------------------------


def test_rm_refused_while_used(ok, nc):
    ok("cadence", "define", "used", "--every", "1m")
    ok("cadence", "define", "tagged", "--every", "1m")
    ok("cadence", "define", "free", "--every", "1m")
    ok("add", "Ana", "--cadence", "used")
    ok("cadence", "tag", "client", "tagged")
    for name, hint in (("used", "1 contact"), ("tagged", "client")):
        result = nc("cadence", "rm", name)
        assert result.code == 1 and hint in result.err and result.out == ""
    ok("cadence", "rm", "free")
    assert sorted(cadences(ok)) == ["tagged", "used"]
    result = nc("cadence", "rm", "tagd")
    assert result.code == 1 and "did you mean" in result.err
    ok("cadence", "set", "ana", "none")
    ok("cadence", "rm", "used")
    assert sorted(cadences(ok)) == ["tagged"]


def test_rm_refused_while_it_is_the_default_cadence_setting(ok, nc):
    ok("cadence", "define", "starter", "--every", "2w")
    ok("config", "set", "default_cadence", "starter")
    result = nc("cadence", "rm", "starter")
    assert result.code == 1 and "default_cadence" in result.err and result.out == ""
    assert "starter" in cadences(ok)
    ok("config", "unset", "default_cadence")
    ok("cadence", "rm", "starter")
    assert cadences(ok) == {}


def test_tag_reports_how_many_contacts_it_reaches(ok):
    ok("add", "Ana", "--tag", "Café")
    assert "(1 contact)" in ok("cadence", "tag", "cafe", "monthly").out
    assert ok("show", "ana", "--json").json()["cadence"] == "monthly"
    assert [r["slug"] for r in ok("list", "--json", "--tag", "CAFÉ").json()] == ["ana"]
    assert "(0 contacts)" in ok("cadence", "tag", "other", "monthly").out


def test_list_names_the_tags_a_cadence_is_the_default_of(ok):
    ok("cadence", "define", "steady", "--every", "1m")
    ok("cadence", "tag", "Client", "steady")
    ok("cadence", "tag", "partner", "steady")
    assert cadences(ok)["steady"]["tags"] == ["client", "partner"]
    assert "client, partner" in ok("cadence", "list").out


def test_an_inline_duration_keeps_its_interval_in_messages_when_a_cadence_takes_its_name(ok):
    ok("add", "Hal", "--cadence", "monthly")  # inline: every 1m
    ok("cadence", "define", "monthly", "--every", "1w")
    ok("add", "Jo", "--cadence", "monthly")  # the defined one: every 1w
    assert ok("log", "hal", "-c", "call").out.strip().endswith(
        "next due 2026-12-23 (cadence monthly)")
    assert ok("log", "jo", "-c", "call").out.strip().endswith(
        "next due 2026-11-30 (every 1w, cadence monthly)")
    ok("cadence", "tag", "weekly-ish", "monthly")
    ok("edit", "hal", "--tag", "weekly-ish")
    assert ok("cadence", "set", "hal", "default").out.strip().endswith(
        "next due 2026-11-30 (every 1w, cadence monthly)")
