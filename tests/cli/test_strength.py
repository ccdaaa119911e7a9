"""Relationship strength (SPEC §13) as the commands give it: list, show, list --sort."""

from __future__ import annotations

import math

import pytest

from netcadence.store.db import locate, open_database


@pytest.fixture
def three(ok):
    ok("add", "Ana Ruiz")
    ok("add", "Bob Lee")
    ok("add", "Cy Never")
    ok("log", "ana", "-c", "coffee", "--when", "2026-11-23")  # 2
    ok("log", "ana", "-c", "email", "--in", "--when", "2026-08-25")  # 1.5, 90 days ago
    ok("log", "bob", "-c", "email", "--give", "--when", "2026-11-20")  # 1.5
    return ok


def expected(total: float) -> int:
    return round(100 * (1 - math.exp(-total / 4)))


def test_list_and_show_give_it(three):
    ok = three
    found = {r["slug"]: r["strength"] for r in ok("list", "--json").json()}
    assert found == {"ana-ruiz": expected(2 + 0.75), "bob-lee": expected(1.5 * 0.5 ** (3 / 90)),
                     "cy-never": 0}
    ana = ok("show", "ana", "--json").json()
    assert ana["strength"] == expected(2.75) == 50
    parts = ana["strength_parts"]
    assert parts["score"] == 50 and parts["half_life_days"] == 90
    assert [(p["date"], p["weight"], p["age_days"], p["value"]) for p in parts["touches"]] == [
        ("2026-11-23", 2.0, 0, 2.0), ("2026-08-25", 1.5, 90, 0.75)]
    assert "strength:  50/100" in ok("show", "ana").out


def test_it_fades_as_days_pass(three):
    ok = three
    later = {r["slug"]: r["strength"] for r in ok("list", "--json", today="2027-02-21").json()}
    assert later["ana-ruiz"] == expected(2.75 / 2)


def test_sort_by_strength(three):
    ok = three
    assert [r["slug"] for r in ok("list", "--json").json()] == ["ana-ruiz", "bob-lee", "cy-never"]
    ok("log", "cy", "-c", "meeting", "--in", "--give")  # 3 today: the strongest
    assert [r["slug"] for r in ok("list", "--sort", "strength", "--json").json()] == [
        "cy-never", "ana-ruiz", "bob-lee"]
    out = ok("list", "--sort", "Strength").out
    assert out.splitlines()[0].split()[-1] == "strength"
    assert out.index("Cy Never") < out.index("Ana Ruiz") < out.index("Bob Lee")
    assert [r["slug"] for r in ok("list", "--sort", "name", "--json").json()] == [
        "ana-ruiz", "bob-lee", "cy-never"]


def test_an_unknown_sort_key(three, nc):
    result = nc("list", "--sort", "strenght")
    assert (result.code, result.out) == (1, "")
    assert result.err == ("netcadence: 'strenght' is not a sort key; did you mean 'strength'? "
                          "sort by name or strength\n")


def test_touch_rm_takes_its_weight_away(three):
    ok = three
    touch = ok("show", "bob", "--json").json()["touches"][0]["id"]
    ok("touch", "rm", str(touch), "--yes")
    assert ok("show", "bob", "--json").json()["strength"] == 0


def test_a_database_from_before_is_given_its_strengths_once(three, db_url):
    """The stored base comes with the schedule: a database whose schedules an older
    netcadence computed has none, until the first command recomputes them."""
    ok = three
    db = open_database(locate(db_url))
    try:
        with db.write():
            db.run("UPDATE contact SET strength_base = NULL")
            db.run("UPDATE meta SET value = '1' WHERE key = 'engine_version'")
    finally:
        db.close()
    found = {r["slug"]: r["strength"] for r in ok("list", "--json").json()}
    assert found["ana-ruiz"] == 50


def test_every_way_a_touch_comes_in_counts(three, tmp_path, monkeypatch):
    """Touches from `intro`, `event` and `import json` weigh as logged ones do."""
    ok = three
    ok("intro", "bob", "cy")  # outbound, one-way, given: 1.5 each
    ok("event", "Meetup", "--met", "cy")  # two-way: 2
    strengths = {r["slug"]: r["strength"] for r in ok("list", "--json").json()}
    assert strengths["cy-never"] == expected(1.5 + 2)
    assert strengths["bob-lee"] == expected(1.5 * 0.5 ** (3 / 90) + 1.5)
    path = tmp_path / "export.json"
    path.write_text(ok("export", "json").out, encoding="utf-8")
    monkeypatch.setenv("NETCADENCE_DB", str(tmp_path / "other.db"))
    ok("import", "json", str(path))
    assert {r["slug"]: r["strength"] for r in ok("list", "--json").json()} == strengths
