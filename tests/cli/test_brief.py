"""A brief before you call (SPEC §12): `brief CONTACT [--json]`."""

from __future__ import annotations

import pytest

KEYS = {"slug", "name", "company", "title", "tags", "met", "how", "cadence", "step",
        "next_due", "last_touch", "touches_12m", "gave", "asked", "got", "were_asked",
        "strength", "next_occasion", "notes", "open_asks"}


@pytest.fixture
def ana(spec_series):
    ok = spec_series
    ok("add", "Ana Ruiz", "--company", "Acme", "--title", "CTO", "--tag", "client",
       "--met", "2025-03-01", "--how", "fintech meetup", "--note", "two kids, loves sailing")
    ok("cadence", "set", "ana", "new-contact", "--from", "2026-11-01")
    ok("log", "ana", "-c", "coffee", "--when", "2025-06-01", "--note", "long ago")
    ok("log", "ana", "-c", "email", "--when", "2026-11-02", "--note", "thanks")
    ok("log", "ana", "-c", "call", "--in", "--ask", "--when", "2026-11-10",
       "--note", "wants intros")
    ok("log", "ana", "-c", "email", "--in", "--give", "--when", "2026-11-12", "--note", "a lead")
    ok("log", "ana", "-c", "text", "--when", "2026-11-20")
    return ok


def test_json(ana):
    ok = ana
    ok("edit", "ana", "--birthday", "12-02", "--anniversary", "2010-11-25")
    data = ok("brief", "ana", "--json").json()
    assert set(data) == KEYS
    assert data | {"strength": 0} == {
        "slug": "ana-ruiz", "name": "Ana Ruiz", "company": "Acme", "title": "CTO",
        "tags": ["client"], "met": "2025-03-01", "how": "fintech meetup",
        "cadence": "new-contact", "step": "3/3", "next_due": "2026-12-20",
        "last_touch": "2026-11-20", "touches_12m": {"in": 2, "out": 2},
        "gave": 0, "asked": 0, "got": 1, "were_asked": 1, "strength": 0,
        "next_occasion": {"kind": "anniversary", "date": "2026-11-25"},
        "notes": {"contact": "two kids, loves sailing", "touches": [
            {"date": "2026-11-12", "channel": "email", "direction": "in", "note": "a lead"},
            {"date": "2026-11-10", "channel": "call", "direction": "in", "note": "wants intros"},
            {"date": "2026-11-02", "channel": "email", "direction": "out", "note": "thanks"},
        ]},
        "open_asks": [{"date": "2026-11-10", "who": "they", "note": "wants intros"}],
    }
    assert data["strength"] == ok("show", "ana", "--json").json()["strength"] > 0


def test_no_occasion_and_a_birthday_first(ana):
    ok = ana
    assert ok("brief", "ana", "--json").json()["next_occasion"] is None
    ok("edit", "ana", "--birthday", "1990-11-25", "--anniversary", "November 25")
    assert ok("brief", "ana", "--json").json()["next_occasion"] == {
        "kind": "birthday", "date": "2026-11-25"}


def test_text(ana):
    out = ana("brief", "ana").out
    for text in ("Ana Ruiz (ana-ruiz)", "CTO at Acme", "client",
                 "met:       2025-03-01 · fintech meetup",
                 "new-contact, step 3/3; next due 2026-12-20",
                 "last 2026-11-20; in the last 12 months 2 out, 2 in",
                 "you gave 0, asked 0; they gave 1, asked you 1", "two kids, loves sailing",
                 "2026-11-12 email: a lead", "2026-11-10 they asked, you owe an answer: "
                 "wants intros"):
        assert text in out, text
    assert "long ago" not in out  # only the three newest notes


def test_answered_asks_are_not_open(ana):
    ok = ana
    ok("log", "ana", "--give", "--note", "sent the intro")
    assert ok("brief", "ana", "--json").json()["open_asks"] == []


def test_your_ask_before_any_give_is_open(ok):
    ok("add", "Bob")
    ok("log", "bob", "--ask", "--note", "a reference?")
    assert ok("brief", "bob", "--json").json()["open_asks"] == [
        {"date": "2026-11-23", "who": "you", "note": "a reference?"}]


def test_unknown_contact(ok, nc):
    ok("add", "Ana")
    result = nc("brief", "nobody")
    assert (result.code, result.out) == (1, "") and "no contact matches" in result.err
