"""Touches through the command line: log, touch edit, touch rm, intro, event."""

from __future__ import annotations

import io

import pytest


def info(ok):
    return ok("info", "--json").json()


def show(ok, who, today=None):
    return ok("show", who, "--json", today=today).json()


def last_touch(ok, who):
    return show(ok, who)["touches"][0]


# --- log -------------------------------------------------------------------------


def test_log_prints_touch_id_and_next_due(ok):
    ok("add", "Ana Ruiz", "--cadence", "2w")
    out = ok("log", "Ana Ruiz", "--channel", "coffee", "--note", "wants intros to fintech").out
    touch = last_touch(ok, "ana")
    assert f"touch {touch['id']}" in out and "2026-12-07" in out
    assert touch == {
        "id": touch["id"],
        "date": "2026-11-23",
        "channel": "coffee",
        "direction": "out",
        "note": "wants intros to fintech",
        "give": False,
        "ask": False,
        "by": "tester",
        "source": None,
    }


def test_log_defaults_and_short_channel(ok):
    ok("add", "Ana")
    ok("log", "ana")
    assert last_touch(ok, "ana")["channel"] == "other"
    ok("log", "ana", "-c", "VOICEMAIL")
    assert last_touch(ok, "ana")["channel"] == "voicemail"


@pytest.mark.parametrize(
    ("when", "day"),
    [
        ("2026-11-20", "2026-11-20"),
        ("today", "2026-11-23"),
        ("yesterday", "2026-11-22"),
        ("3 days ago", "2026-11-20"),
        ("3d ago", "2026-11-20"),
        ("2w ago", "2026-11-09"),
        ("1m ago", "2026-10-23"),
        ("monday", "2026-11-23"),  # today is a Monday: the most recent one on or before today
        ("Fri", "2026-11-20"),
        ("last monday", "2026-11-16"),
        ("last friday", "2026-11-20"),
        ("SUNDAY", "2026-11-22"),
    ],
)
def test_log_when_forms(ok, when, day):
    ok("add", "Ana")
    ok("log", "ana", "--when", when)
    assert last_touch(ok, "ana")["date"] == day


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-c", "cofee"), "coffee"),
        (("-c", "lunch"), "channel"),
        (("--when", "tomorrow"), "after today"),
        (("--when", "in 2 weeks"), "after today"),
        (("--when", "next monday"), "after today"),
        (("--when", "2026-02-30"), "2026-02-30"),
        (("--when", "someday"), "not a date"),
        (("--cadence", "2w"), "--new"),
    ],
)
def test_log_bad_values_write_nothing(ok, nc, args, message):
    ok("add", "Ana")
    result = nc("log", "ana", *args)
    assert result.code == 1 and result.out == ""
    assert message in result.err and result.err.count("\n") == 1
    assert info(ok)["touches"] == 0


def test_log_in_give_ask_and_by(ok, monkeypatch):
    ok("add", "Ana")
    ok("log", "ana", "--in", "--give", "--by", "Sam")
    assert last_touch(ok, "ana") | {"id": 0} == {
        "id": 0,
        "date": "2026-11-23",
        "channel": "other",
        "direction": "in",
        "note": "",
        "give": True,
        "ask": False,
        "by": "Sam",
        "source": None,
    }
    monkeypatch.setenv("NETCADENCE_USER", "Robin")
    ok("log", "ana", "--ask", "--when", "yesterday")
    assert show(ok, "ana")["touches"][1]["by"] == "Robin"
    data = show(ok, "ana")
    # --in --give: they gave (got); the outbound --ask: you asked.
    assert (data["given"], data["asked"], data["got"], data["were_asked"]) == (0, 1, 1, 0)


def test_ask_before_giving_warns_but_succeeds(ok):
    ok("add", "Ana")
    result = ok("log", "ana", "--ask")
    assert "give" in result.err and "Ana" in result.err
    assert "Logged" in result.out
    assert ok("log", "ana", "--give").err == ""
    assert ok("log", "ana", "--ask").err == ""


def test_ask_with_give_on_the_same_touch_does_not_warn(ok):
    ok("add", "Ana")
    assert ok("log", "ana", "--ask", "--give").err == ""


def test_log_new_creates_and_enrolls_on_the_touch_date(ok):
    ok("log", "Bob Lee", "--new", "-c", "coffee", "--when", "2026-11-01", "--cadence", "monthly")
    bob = show(ok, "bob-lee")
    assert bob["name"] == "Bob Lee" and bob["cadence"] == "monthly"
    assert bob["next_due"] == "2026-12-01"
    assert ok("show", "bob-lee").out.count("since 2026-11-01") == 1


def test_log_new_without_cadence(ok):
    ok("log", "Bob Lee", "--new")
    bob = show(ok, "bob-lee")
    assert (bob["cadence"], bob["next_due"], len(bob["touches"])) == (None, None, 1)


def test_log_new_uses_an_existing_exact_contact(ok):
    ok("add", "Bob Lee", "--email", "bob@example.com")
    ok("log", "bob lee", "--new")
    ok("log", "BOB@example.com", "--new")
    ok("log", "bob-lee", "--new")
    assert info(ok) == info(ok) | {"contacts": 1, "touches": 3}


def test_log_new_does_not_use_prefixes(ok):
    ok("add", "Bob Lee")
    ok("log", "Bob", "--new")
    assert sorted(r["slug"] for r in ok("list", "--json").json()) == ["bob", "bob-lee"]


def test_log_new_with_an_email_names_the_contact_after_it(ok):
    ok("log", "sam@example.com", "--new", "-c", "email")
    sam = ok("list", "--json").json()[0]
    assert sam["name"] == "sam@example.com"
    assert show(ok, sam["slug"])["emails"] == ["sam@example.com"]


def test_log_new_with_a_bad_cadence_writes_nothing(ok, nc):
    result = nc("log", "Bob", "--new", "--cadence", "sometimes")
    assert result.code == 1 and "sometimes" in result.err
    assert info(ok)["contacts"] == 0


# --- touch edit / touch rm ---------------------------------------------------------


@pytest.fixture
def series(spec_series):
    ok = spec_series
    ok("log", "bob", "--new", "-c", "coffee", "--when", "2026-11-01", "--cadence", "new-contact")
    ok("log", "bob", "-c", "email", "--when", "2026-11-02")
    return ok


def due_of(ok, today=None):
    bob = show(ok, "bob", today)
    return bob["next_due"], bob["step"]


def test_touch_edit_each_option(series):
    ok = series
    touch_id = last_touch(ok, "bob")["id"]
    assert due_of(ok) == ("2026-11-09", "2/3")
    out = ok("touch", "edit", touch_id, "--when", "2026-11-05").out
    assert "2026-11-12" in out
    assert due_of(ok) == ("2026-11-12", "2/3")
    ok("touch", "edit", touch_id, "--channel", "call", "--note", "called instead")
    assert last_touch(ok, "bob") | {"id": 0} == {
        "id": 0,
        "date": "2026-11-05",
        "channel": "call",
        "direction": "out",
        "note": "called instead",
        "give": False,
        "ask": False,
        "by": "tester",
        "source": None,
    }
    ok("touch", "edit", touch_id, "--in")
    assert last_touch(ok, "bob")["direction"] == "in"
    assert due_of(ok) == ("2026-11-06", "1/3")  # an inbound touch completes no step
    ok("touch", "edit", touch_id, "--out", "--give", "--ask")
    touch = last_touch(ok, "bob")
    assert (touch["direction"], touch["give"], touch["ask"]) == ("out", True, True)
    ok("touch", "edit", touch_id, "--no-give", "--no-ask")
    touch = last_touch(ok, "bob")
    assert (touch["give"], touch["ask"]) == (False, False)
    assert due_of(ok) == ("2026-11-12", "2/3")


def test_touch_rm_undoes_exactly(series, monkeypatch):
    ok = series
    before = show(ok, "bob")
    out = ok("log", "bob", "-c", "email", "--when", "2026-11-12").out
    touch_id = last_touch(ok, "bob")["id"]
    assert f"touch {touch_id}" in out
    assert due_of(ok) == ("2026-12-12", "3/3")
    ok("touch", "rm", touch_id, "--yes")
    assert show(ok, "bob") == before


def test_touch_rm_refuses_without_a_terminal(series, nc, monkeypatch):
    ok = series
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    touch_id = last_touch(ok, "bob")["id"]
    result = nc("touch", "rm", touch_id)
    assert result.code == 1 and "--yes" in result.err and result.out == ""
    assert info(ok)["touches"] == 2


@pytest.mark.parametrize("command", [("edit",), ("rm", "--yes")])
@pytest.mark.parametrize("touch_id", ["abc", "999", "1.5", "-"])
def test_touch_id_must_exist(ok, nc, command, touch_id):
    ok("log", "bob", "--new")
    result = nc("touch", command[0], touch_id, *command[1:])
    assert result.code == 1 and result.out == "" and "touch" in result.err
    assert "Traceback" not in result.err
    assert info(ok)["touches"] == 1


@pytest.mark.parametrize(
    "args", [("--when", "tomorrow"), ("--channel", "fax"), ("--when", "2026-13-01")]
)
def test_touch_edit_bad_values_change_nothing(ok, nc, args):
    ok("log", "bob", "--new", "--when", "2026-11-20")
    touch = last_touch(ok, "bob")
    result = nc("touch", "edit", touch["id"], *args)
    assert result.code == 1 and result.out == ""
    assert last_touch(ok, "bob") == touch


def test_touch_edit_without_an_option_is_an_error(ok, nc):
    ok("log", "bob", "--new", "--when", "2026-11-20")
    touch = last_touch(ok, "bob")
    result = nc("touch", "edit", touch["id"])
    assert result.code == 1 and result.out == "" and "nothing to change" in result.err
    assert last_touch(ok, "bob") == touch


def test_touch_edit_moves_status_back(ok):
    ok("cadence", "define", "chase", "--every", "1m", "--give-up-after", "2")
    ok("add", "Ana", "--cadence", "chase", today="2026-11-01")
    ok("log", "ana", "-c", "email", "--when", "2026-11-05")
    ok("log", "ana", "-c", "email", "--when", "2026-11-10")
    assert show(ok, "ana")["status"] == "unresponsive"
    ok("touch", "edit", last_touch(ok, "ana")["id"], "--in")
    assert show(ok, "ana")["status"] == "active"


# --- intro ------------------------------------------------------------------------


def test_intro_touches_both(ok):
    ok("add", "Ana Ruiz", "--cadence", "monthly")
    ok("add", "Bob Lee")
    out = ok("intro", "ana", "bob", "--note", "both in fintech").out
    assert "Ana Ruiz" in out and "Bob Lee" in out
    for who in ("ana-ruiz", "bob-lee"):
        data = show(ok, who)
        touch = data["touches"][0]
        assert (touch["channel"], touch["give"], touch["direction"], touch["note"]) == (
            "intro",
            True,
            "out",
            "both in fintech",
        )
        assert data["given"] == 1
    assert show(ok, "ana")["next_due"] == "2026-12-23"


def test_intro_errors(ok, nc):
    ok("add", "Ana")
    assert nc("intro", "ana", "ana").code == 1
    result = nc("intro", "ana", "nobody")
    assert result.code == 1 and result.out == ""
    assert info(ok)["touches"] == 0


# --- event ------------------------------------------------------------------------


def test_event_touches_each_person(ok):
    ok("add", "Ana Ruiz")
    ok("add", "Bob Lee")
    out = ok("event", "Fintech Meetup", "--when", "yesterday", "--met", "ana", "--met", "bob").out
    assert "Fintech Meetup" in out
    for who in ("ana-ruiz", "bob-lee"):
        touch = last_touch(ok, who)
        assert (touch["channel"], touch["date"], touch["direction"]) == (
            "event",
            "2026-11-22",
            "out",
        )
    assert info(ok)["touches"] == 2


def test_an_event_recorded_again_touches_each_person_once(ok):
    ok("add", "Ana Ruiz")
    ok("add", "Bob Lee")
    ok("event", "Meetup", "--met", "ana")
    out = ok("event", "Meetup", "--met", "ana", "--met", "bob").out
    assert "met Bob Lee (bob-lee)" in out and "already recorded there: Ana Ruiz" in out
    assert info(ok)["touches"] == 2
    ok("event", "Meetup", "--when", "yesterday", "--met", "ana")  # another day: another event
    assert info(ok)["touches"] == 3


def test_log_new_says_when_it_creates_the_contact(ok):
    ok("add", "Bob Lee")
    out = ok("log", "Bob", "--new", "-c", "call").out.splitlines()
    assert out[0] == "Added Bob (bob), a new contact" and out[1].startswith("Logged touch")
    out = ok("log", "Bob Lee", "--new").out
    assert "a new contact" not in out and out.startswith("Logged touch")


def test_event_new_creates_people(ok):
    ok("add", "Ana Ruiz")
    out = ok("event", "Meetup", "--met", "ana-ruiz", "--met", "Zed Zee", "--new").out
    assert "Ana Ruiz (ana-ruiz), Zed Zee (zed-zee, new)" in out
    assert info(ok) == info(ok) | {"contacts": 2, "touches": 2}
    assert last_touch(ok, "zed-zee")["channel"] == "event"


@pytest.mark.parametrize("bad", ["Zed Zee", "bo"])
def test_event_all_or_nothing(ok, nc, bad):
    ok("add", "Ana Ruiz")
    ok("add", "Bob Lee")
    ok("add", "Bobby Tables")
    result = nc("event", "Meetup", "--met", "ana", "--met", bad)
    assert result.code == 1 and result.out == ""
    assert info(ok) == info(ok) | {"contacts": 3, "touches": 0}
    assert ok("list", "--json").json()[0]["last_touch"] is None


def test_event_needs_people_and_a_past_date(ok, nc):
    ok("add", "Ana")
    assert nc("event", "Meetup").code == 1
    assert nc("event", "Meetup", "--met", "ana", "--when", "tomorrow").code == 1
    assert nc("event", "  ", "--met", "ana").code == 1
    assert info(ok)["touches"] == 0


def test_event_names_one_person_once(ok):
    ok("add", "Ana Ruiz")
    ok("event", "Meetup", "--met", "ana", "--met", "Ana Ruiz", "--met", "ana-ruiz")
    assert info(ok)["touches"] == 1


def test_intro_when(ok, nc):
    ok("add", "Ana")
    ok("add", "Bob")
    ok("intro", "ana", "bob", "--when", "2026-11-20")
    assert last_touch(ok, "bob")["date"] == "2026-11-20"
    assert last_touch(ok, "ana")["note"] == "introduced to Bob"
    assert nc("intro", "ana", "bob", "--when", "tomorrow").code == 1
