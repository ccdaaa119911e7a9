"""Introductions, double opt-in (SPEC §13): intro A B, --propose, ok, made, drop, outcome,
list, suggest, the rows in `due`, and JSON export and import."""

from __future__ import annotations

import re

import pytest

INTRO_KEYS = {"id", "a", "b", "state", "proposed", "a_agreed", "b_agreed", "made", "dropped",
              "note", "outcome"}


@pytest.fixture
def people(ok):
    ok("add", "Ana Ruiz", "--tag", "needs:fintech")
    ok("add", "Bob Lee", "--tag", "offers:Fintech")
    ok("add", "Cy Ode", "--tag", "offers:fintech", "--tag", "needs:design")
    ok("add", "Dee Sign", "--tag", "offers:design")
    return ok


def intro_id(out: str) -> str:
    return re.search(r"introduction (\d+)", out).group(1)


def listed(ok, *args) -> list[dict]:
    return ok("intro", "list", *args, "--json").json()


def timeline(ok, who: str) -> list[dict]:
    return ok("show", who, "--json").json()["touches"]


def test_intro_a_b_is_made_now_and_known(people):
    ok = people
    ok("intro", "ana", "bob", "--note", "both in fintech")
    for who in ("ana", "bob"):
        [touch] = timeline(ok, who)
        assert (touch["channel"], touch["direction"], touch["give"], touch["note"]) == (
            "intro", "out", True, "both in fintech")
    [row] = listed(ok)
    assert set(row) == INTRO_KEYS
    assert row | {"id": 0} == {"id": 0, "a": "ana-ruiz", "b": "bob-lee", "state": "made",
                               "proposed": "2026-11-23", "a_agreed": None, "b_agreed": None,
                               "made": "2026-11-23", "dropped": None,
                               "note": "both in fintech", "outcome": None}
    assert "made 2026-11-23" in ok("intro", "list").out
    # Known as introduced: no longer suggested.
    assert ("ana-ruiz", "bob-lee") not in [
        (s["a"], s["b"]) for s in ok("intro", "suggest", "--json").json()]


def test_double_opt_in(people):
    ok = people
    out = ok("intro", "ana", "bob", "--propose", "--note", "fintech").out
    number = intro_id(out)
    assert out.startswith(f"Proposed introduction {number}: Ana Ruiz (ana-ruiz) and Bob Lee")
    assert timeline(ok, "ana") == []
    assert listed(ok)[0]["state"] == "proposed"
    assert "waiting for Bob Lee" in ok("intro", "ok", number, "ana").out
    assert listed(ok)[0]["state"] == "half-agreed"
    assert "already agreed" in ok("intro", "ok", number, "ana-ruiz").out
    assert "both agree" in ok("intro", "ok", number, "Bob Lee").out
    assert listed(ok)[0]["state"] == "agreed"
    out = ok("intro", "made", number, today="2026-11-25").out
    assert f"Made introduction {number}" in out
    for who in ("ana", "bob"):
        [touch] = timeline(ok, who)
        assert (touch["date"], touch["channel"], touch["direction"], touch["give"]) == (
            "2026-11-25", "intro", "out", True)
        assert touch["note"] == "fintech"
    row = listed(ok)[0]
    assert (row["state"], row["proposed"], row["made"]) == ("made", "2026-11-23", "2026-11-25")
    assert "proposed 2026-11-23, made 2026-11-25" in ok("intro", "list").out
    ok("intro", "outcome", number, "they signed a pilot")
    assert listed(ok)[0]["outcome"] == "they signed a pilot"


def test_made_needs_both_unless_forced(people, nc):
    ok = people
    number = intro_id(ok("intro", "ana", "bob", "--propose").out)
    ok("intro", "ok", number, "ana")
    result = nc("intro", "made", number)
    assert result.code == 1 and result.out == ""
    assert result.err == (f"netcadence: introduction {number} waits for the OK of Bob Lee "
                          f"(netcadence intro ok {number} bob-lee); --force makes it anyway\n")
    assert timeline(ok, "ana") == []
    ok("intro", "made", number, "--force")
    assert [t["note"] for t in timeline(ok, "bob")] == ["introduced to Ana Ruiz"]


def test_drop_and_what_cannot_follow(people, nc):
    ok = people
    number = intro_id(ok("intro", "ana", "bob", "--propose").out)
    ok("intro", "drop", number)
    assert listed(ok)[0]["state"] == "dropped"
    assert listed(ok, "--open") == []
    for args in (("ok", number, "ana"), ("made", number, "--force"), ("drop", number)):
        result = nc("intro", *args)
        assert result.code == 1 and "was dropped on 2026-11-23" in result.err
    # Proposed again: a new one.
    again = intro_id(ok("intro", "ana", "bob", "--propose").out)
    assert again != number
    assert [r["state"] for r in listed(ok, "--open")] == ["proposed"]


def test_mistakes_are_one_line_and_change_nothing(people, nc):
    ok = people
    number = intro_id(ok("intro", "ana", "bob", "--propose").out)
    for args, message in (
        (("intro", "ok", "99", "ana"), "there is no introduction 99"),
        (("intro", "made", "x"), "'x' is not an introduction id"),
        (("intro", "drop", "0"), "'0' is not an introduction id"),
        (("intro", "ok", number, "cy"), f"Cy Ode (cy-ode) is not part of introduction {number}"),
        (("intro", "ok", number, "nobody"), "no contact matches 'nobody'"),
        (("intro", "ana", "bob", "--propose"), "already have an open introduction"),
        (("intro", "ana", "ana", "--propose"), "two different people"),
        (("intro", "ana", "ana"), "two different people"),
        (("intro", "ana", "nobody"), "no contact matches"),
        (("intro", "outcome", number, "  "),
         f"say what came of it, e.g. netcadence intro outcome {number} \"they signed\""),
        (("intro", "ana", "cy", "--propose", "--by", "sam"), "--by"),
        (("intro", "ana", "cy", "--propose", "--when", "tomorrow"), "after today"),
        (("intro", "ana", "cy", "--propose", "--when", "2026-02-30"), "not a date"),
        (("intro", "ana", "cy", "--when", "tomorrow"), "after today"),
        (("intro", "made", "99"), "there is no introduction 99"),
        (("intro", "drop", "99"), "there is no introduction 99"),
        (("intro", "outcome", "99", "they met"), "there is no introduction 99"),
        (("intro", "suggest", "nobody"), "no contact matches 'nobody'"),
    ):
        result = nc(*args)
        assert (result.code, result.out) == (1, ""), args
        assert message in result.err and result.err.count("\n") == 1, (args, result.err)
    assert len(listed(ok)) == 1 and listed(ok)[0]["state"] == "proposed"
    assert all(timeline(ok, who) == [] for who in ("ana", "bob", "cy"))
    assert nc("intro", "ana").code == 2  # a missing argument: the parser's
    assert nc("intro", "list", "--nope").code == 2


def test_made_now_makes_an_open_proposal(people):
    ok = people
    number = intro_id(ok("intro", "ana", "bob", "--propose").out)
    out = ok("intro", "bob", "ana", "--when", "yesterday").out
    assert f"introduction {number}, proposed 2026-11-23, is made" in out
    [row] = listed(ok)
    assert (row["state"], row["made"]) == ("made", "2026-11-22")


def test_list_text(people):
    ok = people
    assert "No introductions yet" in ok("intro", "list").out
    number = intro_id(ok("intro", "ana", "bob", "--propose", "--note", "fintech").out)
    ok("intro", "ok", number, "bob")
    out = ok("intro", "list").out
    assert "half-agreed" in out and "Bob Lee (bob-lee) ✓" in out and "fintech" in out
    assert "proposed 2026-11-23" in out
    assert [r["state"] for r in listed(ok, "--open")] == ["half-agreed"]
    assert listed(ok)[0]["b_agreed"] == "2026-11-23" and listed(ok)[0]["a_agreed"] is None
    ok("intro", "drop", number, today="2026-11-25")
    assert "No open introductions." in ok("intro", "list", "--open", today="2026-11-25").out
    assert "proposed 2026-11-23, dropped 2026-11-25" in ok("intro", "list").out
    assert listed(ok)[0]["dropped"] == "2026-11-25"


def test_stale_proposals_show_in_due_for_each_side_not_agreed(people):
    ok = people
    ok("add", "Eve Late", "--cadence", "1w", today="2026-10-01")
    number = intro_id(ok("intro", "ana", "bob", "--propose", "--when", "2026-11-01").out)
    assert [r["kind"] for r in ok("due", "--json", today="2026-11-15").json()] == ["cadence"]
    ok("intro", "ok", number, "ana", today="2026-11-10")
    rows = ok("due", "--json", today="2026-11-16").json()
    intro_rows = [r for r in rows if r["kind"] == "intro"]
    assert intro_rows == [{
        "slug": "bob-lee", "name": "Bob Lee", "due": "2026-11-15", "days_overdue": 1,
        "status": "overdue", "kind": "intro",
        "what": f"intro {number} with Ana Ruiz: waiting for their OK",
        "cadence": None, "step": None, "action": None, "last_touch": None,
        "urgency": round(1 / 14, 4)}]
    assert f"intro {number} with Ana Ruiz" in ok("due", today="2026-11-16").out
    # The daily digest is the same agenda.
    assert [r["kind"] for r in ok("remind", "--format", "json", today="2026-11-16").json()[
        "rows"]] == [r["kind"] for r in rows]
    assert [r["kind"] for r in ok("due", "--json", "--tag", "offers:fintech",
                                  today="2026-11-16").json()] == ["intro"]
    assert ok("due", "--json", "--tag", "needs:fintech", today="2026-11-16").json() == []
    ok("intro", "ok", number, "bob", today="2026-11-16")
    assert [r["kind"] for r in ok("due", "--json", today="2026-11-16").json()] == ["cadence"]


def test_a_proposal_nobody_agreed_to_is_a_row_for_each_side(people):
    ok = people
    number = intro_id(ok("intro", "ana", "bob", "--propose", "--when", "2026-11-01").out)
    ok("log", "bob", "-c", "email", "--when", "2026-11-20")
    rows = [r for r in ok("due", "--json").json() if r["kind"] == "intro"]
    assert [(r["slug"], r["what"], r["days_overdue"], r["last_touch"]) for r in rows] == [
        ("ana-ruiz", f"intro {number} with Bob Lee: waiting for their OK", 8, None),
        ("bob-lee", f"intro {number} with Ana Ruiz: waiting for their OK", 8, "2026-11-20")]
    # Made or dropped, it waits for nobody.
    ok("intro", "drop", number)
    assert [r for r in ok("due", "--json").json() if r["kind"] == "intro"] == []


def test_intro_rows_wait_during_a_vacation_and_for_paused_or_archived_people(people):
    ok = people
    ok("intro", "ana", "bob", "--propose", "--when", "2026-10-01")
    ok("archive", "bob")
    assert [r["slug"] for r in ok("due", "--json").json()] == ["ana-ruiz"]
    ok("pause", "ana")
    assert ok("due", "--json").json() == []
    ok("resume", "ana")
    assert [r["slug"] for r in ok("due", "--json").json()] == ["ana-ruiz"]
    ok("pause", "--all", "--until", "2026-12-01")
    assert ok("due", "--json").json() == []


def test_suggest(people):
    ok = people
    ok("log", "cy", "-c", "coffee", "--when", "2026-11-20")  # Cy is the stronger contact
    rows = ok("intro", "suggest", "--json").json()
    assert rows == [
        {"a": "ana-ruiz", "b": "cy-ode", "tags": ["needs:fintech", "offers:fintech"]},
        {"a": "cy-ode", "b": "dee-sign", "tags": ["needs:design", "offers:design"]},
        {"a": "ana-ruiz", "b": "bob-lee", "tags": ["needs:fintech", "offers:fintech"]},
    ]
    assert ok("intro", "suggest", "dee", "--json").json() == [rows[1]]
    out = ok("intro", "suggest").out
    assert "Ana Ruiz (ana-ruiz) and Cy Ode (cy-ode): needs:fintech, offers:fintech" in out
    ok("intro", "ana", "cy", "--propose")
    ok("archive", "dee")
    assert ok("intro", "suggest", "--json").json() == [rows[2]]


def test_suggest_compares_topics_as_tags_are(ok):
    """Case and accents aside, as tags compare (SPEC §2)."""
    ok("add", "Ana Ruiz", "--tag", "needs:Diseño Web")
    ok("add", "Bob Lee", "--tag", "OFFERS:diseno web")
    ok("add", "Cy Ode", "--tag", "offers:diseno")  # another topic
    assert ok("intro", "suggest", "--json").json() == [
        {"a": "ana-ruiz", "b": "bob-lee", "tags": ["needs:diseño web", "offers:diseno web"]}]


def test_nothing_to_suggest(ok):
    ok("add", "Ana")
    assert ok("intro", "suggest", "--json").json() == []
    assert "needs:TOPIC and offers:TOPIC" in ok("intro", "suggest").out


def test_proposals_go_through_json_exactly(people, tmp_path, monkeypatch):
    ok = people
    first = intro_id(ok("intro", "ana", "bob", "--propose", "--note", "n1",
                        "--when", "2026-11-01").out)
    ok("intro", "ok", first, "bob")
    second = intro_id(ok("intro", "cy", "dee", "--propose").out)
    ok("intro", "drop", second)
    ok("intro", "ana", "dee")
    ok("intro", "outcome", first, "they met")
    exported = ok("export", "json").out
    data = __import__("json").loads(exported)
    assert data["intros"][0] == {
        "id": int(first), "a": "ana-ruiz", "b": "bob-lee", "proposed": "2026-11-01",
        "a_agreed": None, "b_agreed": "2026-11-23", "made": None, "dropped": None,
        "note": "n1", "outcome": "they met"}
    path = tmp_path / "export.json"
    path.write_text(exported, encoding="utf-8")
    monkeypatch.setenv("NETCADENCE_DB", str(tmp_path / "other.db"))
    assert "3 introductions added" in ok("import", "json", str(path)).out
    assert ok("export", "json").out == exported
    assert "3 introductions already there" in ok("import", "json", str(path)).out
    assert ok("export", "json").out == exported


def test_a_bad_proposal_in_a_file_is_skipped_by_its_path(ok, tmp_path):
    ok("add", "Ana")
    ok("add", "Bob")
    path = tmp_path / "in.json"
    path.write_text('{"netcadence": 1, "intros": [{"a": "ana", "b": "ana", "proposed": '
                    '"2026-11-01"}, {"a": "ana", "b": "zed", "proposed": "2026-11-01"}, '
                    '{"a": "ana", "b": "bob", "proposed": "2026-12-01"}, '
                    '{"a": "ana", "b": "bob", "proposed": "2026-11-10", "made": "2026-11-01"}, '
                    '{"a": "ana", "b": "bob", "proposed": "2026-11-10", "id": "7"}, '
                    '{"a": "ana", "b": "bob"}]}')
    out = ok("import", "json", str(path)).out
    assert "intros[0]: an introduction needs two different people" in out
    assert "intros[1]: no contact 'zed'" in out
    assert "intros[2]: proposed after today" in out
    assert "intros[3]: a date before the proposal" in out
    assert "intros[4]: id must be a whole number" in out
    assert "intros[5]: proposed must be a date" in out
    assert ok("intro", "list", "--json").json() == []


def test_removing_a_contact_removes_its_introductions(people):
    ok = people
    ok("intro", "ana", "bob", "--propose", "--when", "2026-11-01")
    ok("intro", "cy", "dee")
    ok("rm", "bob", "--yes")
    assert [(r["a"], r["b"]) for r in listed(ok)] == [("cy-ode", "dee-sign")]
    assert [r for r in ok("due", "--json").json() if r["kind"] == "intro"] == []
    assert [(r["a"], r["b"]) for r in ok("export", "json").json()["intros"]] == [
        ("cy-ode", "dee-sign")]


def test_help_says_both_forms(ok):
    out = ok("intro", "--help").out
    assert "A B | COMMAND" in out
    for word in ("ok", "made", "drop", "outcome", "list", "suggest"):
        assert word in out


@pytest.mark.parametrize("line, expected", [
    ("netcadence intro a", ["ana-ruiz"]),
    ("netcadence intro o", ["ok", "outcome"]),
    ("netcadence intro B", ["Bob Lee"]),
    ("netcadence intro ana-ruiz b", ["bob-lee"]),
    ("netcadence intro ok 1 c", ["cy-ode"]),
    ("netcadence intro suggest d", ["dee-sign"]),
])
def test_completion_offers_its_words_and_contacts(people, monkeypatch, capsys, line, expected):
    from tests.cli.test_completion import complete

    code, out = complete(monkeypatch, capsys, "bash", line)
    assert (code, out.split("\n")[:-1]) == (0, expected)


@pytest.mark.sqlite_only
def test_the_demo_shows_an_open_introduction_and_a_job_change(ok):
    data = ok("demo", "--json").json()
    rows = {row["kind"]: row for row in data["due"] if row["kind"] in ("intro", "news")}
    assert rows["intro"]["slug"] == "hiro-tanaka" and rows["intro"]["status"] == "overdue"
    assert rows["intro"]["what"].endswith("with Ana Ruiz: waiting for their OK")
    assert (rows["news"]["slug"], rows["news"]["what"]) == ("jonas-berg", "moved to Globex")
    assert [c["slug"] for c in data["review"]["job_changes"]] == ["jonas-berg"]
    out = ok("demo").out
    assert "waiting for their OK" in out and "moved to Globex" in out
