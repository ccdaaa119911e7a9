"""The give and ask ledger (SPEC §13): what the flags mean on inbound touches, `ledger`,
and the four counts in show and review."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from netcadence.engine.ledger import LedgerTouch, ledger
from netcadence.store import relations
from netcadence.store.db import locate, open_database

KEYS = {"slug", "name", "gave", "asked", "got", "were_asked", "owe_answer",
        "asked_before_giving"}


def show(ok, who: str) -> dict:
    return ok("show", who, "--json").json()


def test_inbound_give_and_ask_are_theirs(ok):
    ok("add", "Ana Ruiz")
    ok("log", "ana", "--in", "--give", "--note", "sent me a lead", "--when", "2026-11-01")
    ok("log", "ana", "--in", "--ask", "--note", "wants an intro", "--when", "2026-11-02")
    ok("log", "ana", "--give", "--when", "2026-11-03")
    ok("log", "ana", "--ask", "--when", "2026-11-04")
    data = show(ok, "ana")
    assert (data["given"], data["asked"], data["got"], data["were_asked"]) == (1, 1, 1, 1)
    out = ok("show", "ana").out
    assert "given 1, asked 1; they gave 1, asked you 1" in out


def test_the_warning_is_only_for_your_own_asks(ok):
    ok("add", "Ana")
    assert ok("log", "ana", "--in", "--ask").err == ""  # they asked you: no warning
    assert ok("log", "ana", "--in", "--give").err == ""
    # They gave to you; you have still never given to them.
    result = ok("log", "ana", "--ask")
    assert result.err == "netcadence: you have never given to Ana; give before you ask\n"
    ok("log", "ana", "--give")
    assert ok("log", "ana", "--ask").err == ""


def test_ledger_lists_contacts_with_any_give_or_ask_open_first(ok):
    ok("add", "Ana Ruiz")
    ok("add", "Bob Lee")
    ok("add", "Cy Quiet")
    ok("add", "Dee Even")
    ok("log", "ana", "--give", "--when", "2026-11-01")
    ok("log", "ana", "--in", "--ask", "--when", "2026-11-05")  # after your last give: open
    ok("log", "bob", "--ask")  # you asked, never gave: open
    ok("log", "cy", "-c", "call")  # no give, no ask: not listed
    ok("log", "dee", "--in", "--ask", "--when", "2026-11-01")
    ok("log", "dee", "--give", "--when", "2026-11-02")  # answered
    rows = ok("ledger", "--json").json()
    assert [r["slug"] for r in rows] == ["ana-ruiz", "bob-lee", "dee-even"]
    assert all(set(r) == KEYS for r in rows)
    assert rows[0] == {"slug": "ana-ruiz", "name": "Ana Ruiz", "gave": 1, "asked": 0, "got": 0,
                       "were_asked": 1, "owe_answer": 1, "asked_before_giving": 0}
    assert rows[1] | {"slug": "", "name": ""} == {
        "slug": "", "name": "", "gave": 0, "asked": 1, "got": 0, "were_asked": 0,
        "owe_answer": 0, "asked_before_giving": 1}
    assert (rows[2]["owe_answer"], rows[2]["asked_before_giving"]) == (0, 0)
    out = ok("ledger").out
    assert out.splitlines()[0].split() == ["name", "slug", "you", "gave", "you", "asked",
                                           "they", "gave", "they", "asked", "open"]
    assert "you owe 1 answer" in out and "asked before giving" in out
    assert out.index("Ana Ruiz") < out.index("Bob Lee") < out.index("Dee Even")
    assert "Cy Quiet" not in out


def test_an_empty_ledger(ok):
    ok("add", "Ana")
    assert ok("ledger", "--json").json() == []
    assert "No gives or asks yet" in ok("ledger").out


def test_archived_contacts_are_left_out(ok):
    ok("add", "Ana")
    ok("log", "ana", "--give")
    ok("archive", "ana")
    assert ok("ledger", "--json").json() == []


def test_review_gives_the_four_counts(ok):
    ok("add", "Ana")
    ok("log", "ana", "--give", "--when", "2026-11-10")
    ok("log", "ana", "--in", "--give", "--when", "2026-11-24", today="2026-11-24")
    ok("log", "ana", "--in", "--ask", "--when", "2026-11-24", today="2026-11-24")
    ok("log", "ana", "--ask", "--when", "2026-11-25", today="2026-11-25")
    data = ok("review", "--json", today="2026-11-25").json()
    assert data["give_ask"] == {
        "given": 0, "asked": 1, "got": 1, "were_asked": 1,
        "given_all_time": 1, "asked_all_time": 1, "got_all_time": 1, "were_asked_all_time": 1}
    assert "gave 0, asked 1; they gave 1, asked you 1 this week" in ok(
        "review", today="2026-11-25").out


def test_stats_count_your_own_gives_and_asks(ok):
    ok("add", "Ana")
    ok("log", "ana", "--give")
    ok("log", "ana", "--in", "--give")
    ok("log", "ana", "--in", "--ask")
    assert ok("stats", "--json").json()["give_ask"] == {"given": 1, "asked": 0, "ratio": None}


def test_touch_edit_turns_a_give_into_theirs(ok):
    ok("add", "Ana")
    touch = ok("log", "ana", "--give").out.split()[2]
    ok("touch", "edit", touch, "--in")
    data = show(ok, "ana")
    assert (data["given"], data["got"]) == (0, 1)


def test_flags_recorded_before_the_meaning_count_by_it(ok, db_url):
    """An inbound touch flagged give or ask by an older netcadence is kept as it is and
    counted by the meaning of today: they gave, they asked."""
    ok("add", "Ana")
    db = open_database(locate(db_url))
    try:
        with db.write():
            cid = db.value("SELECT id FROM contact")
            db.run("INSERT INTO touch (contact_id, touched_on, channel, direction, note, give, "
                   "ask) VALUES (?, '2026-10-01', 'email', 'in', 'old', ?, ?)", (cid, True, True))
    finally:
        db.close()
    data = show(ok, "ana")
    assert (data["given"], data["asked"], data["got"], data["were_asked"]) == (0, 0, 1, 1)
    assert ok("ledger", "--json").json()[0]["owe_answer"] == 1


def test_the_ledger_in_sql_is_the_engine_s(ok, db_url):
    """store/relations.py counts in SQL what engine/ledger.py says, contact by contact."""
    rng = random.Random(16)
    for n in range(12):
        ok("add", f"Person {n}")
    db = open_database(locate(db_url))
    start = date(2026, 9, 1)
    try:
        ids = [cid for (cid,) in db.rows("SELECT id FROM contact ORDER BY id")]
        expected = {}
        rows = []
        for cid in ids:
            touches = [LedgerTouch(start + timedelta(days=rng.randrange(60)),
                                   rng.choice(["in", "out"]), rng.random() < 0.4,
                                   rng.random() < 0.4) for _ in range(rng.randrange(8))]
            rows += [(cid, t.day.isoformat(), t.direction, t.give, t.ask) for t in touches]
            if any(t.give or t.ask for t in touches):
                expected[cid] = ledger(touches)
        with db.write():
            db.run_many("INSERT INTO touch (contact_id, touched_on, channel, direction, note, "
                        "give, ask) VALUES (?, ?, 'email', ?, '', ?, ?)", rows)
        assert relations.ledgers(db) == expected
        for cid in ids:
            assert relations.ledger_of(db, cid) == expected.get(cid, ledger([]))
    finally:
        db.close()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("args", [
    ("ledger",), ("ledger", "--json"), ("at", "acme"), ("at", "acme", "--json"),
    ("brief", "ana"), ("brief", "ana", "--json"), ("intro", "list"),
    ("intro", "list", "--open", "--json"), ("intro", "suggest"), ("intro", "suggest", "--json"),
    ("intro", "suggest", "ana"),
])
def test_reading_relationships_creates_no_database(nc, tmp_path, monkeypatch, args):
    """SPEC §2: a command that only reads creates nothing on a missing file."""
    path = tmp_path / "nope" / "x.db"
    monkeypatch.setenv("NETCADENCE_DB", str(path))
    result = nc(*args)
    assert result.code == 1 and f"no database at {path} yet" in result.err
    assert not path.parent.exists()
