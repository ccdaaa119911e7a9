"""One set of limits for both backends, at every door, with the same message.

SQLite would store a 600-character company, a NUL character or a touch id of 2³¹;
PostgreSQL refuses each. A network that fits one backend must fit the other, so
the same value gets the same answer on both: a command refuses it in one line and
writes nothing, an import names the entry and skips it.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import dump_database

LONG_COMPANY = "C" * 600
COMPANY_MESSAGE = "company is too long: at most 500 characters (it has 600)"


def write(tmp_path, doc, name="in.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("args, message", [
    (("add", "Ana", "--company", LONG_COMPANY), COMPANY_MESSAGE),
    (("edit", "bob", "--company", LONG_COMPANY), COMPANY_MESSAGE),
    (("add", "N" * 501), "name is too long: at most 500 characters (it has 501)"),
    (("add", "Ana", "--phone", "5" * 101), "phone is too long: at most 100 characters"),
    (("add", "Ana", "--tag", "t" * 201), "tag is too long: at most 200 characters"),
    (("log", "bob", "--note", "n" * 100_001), "note is too long: at most 100,000 characters"),
    (("log", "bob", "--by", "b" * 201), "by is too long: at most 200 characters"),
    (("cadence", "define", "c" * 201, "--every", "1w"),
     "a cadence's name is too long: at most 200 characters"),
    (("cadence", "define", "chase", "--every", "1w", "--give-up-after", "5000000000"),
     "give up after 5000000000 is out of range"),
    (("goal", "add", "g" * 201, "--count", "1"), "a goal's name is too long"),
    (("event", "E" * 501, "--met", "bob"), "an event's name is too long"),
    (("add", "Ana\udcff"), "name is not valid text: it holds a lone surrogate (\\udcff)"),
    (("show", "bob\udcff"), "a value given is not valid text: it holds a lone surrogate"),
])
def test_commands_refuse_what_the_database_cannot_hold(ok, nc, db_url, args, message):
    ok("add", "Bob Lee")
    before = dump_database(db_url)
    result = nc(*args)
    assert result.code == 1 and result.out == ""
    assert message in result.err and len(result.err.strip().splitlines()) == 1
    assert dump_database(db_url) == before


def test_control_characters_are_dropped_at_every_door(ok, tmp_path):
    ok("add", "Ana\x07 Ruiz", "--company", "Ac\x00me\x1b", "--note", "one\r\ntwo\x00")
    ana = ok("show", "ana-ruiz", "--json").json()
    assert (ana["name"], ana["company"], ana["note"]) == ("Ana Ruiz", "Acme", "one\ntwo")
    path = write(tmp_path, {"netcadence": 1, "contacts": [
        {"name": "Bo\u0000b", "slug": "bob", "company": "Ac\u0000me", "tags": ["c\u0000lient"]}],
        "touches": [{"contact": "bob", "date": "2026-11-02", "note": "he\u0000llo",
                     "by": "s\u0000am"}]})
    ok("import", "json", path)
    bob = ok("show", "bob", "--json").json()
    assert (bob["name"], bob["company"], bob["tags"]) == ("Bob", "Acme", ["client"])
    assert (bob["touches"][0]["note"], bob["touches"][0]["by"]) == ("hello", "sam")


def test_import_json_names_and_skips_what_the_database_cannot_hold(ok, tmp_path):
    """The same values, in a file: the entry is named and skipped, the rest goes in."""
    path = write(tmp_path, {"netcadence": 1, "contacts": [
        {"name": "Ana", "slug": "ana"},
        {"name": "Long Company", "company": LONG_COMPANY},
        {"name": "Bad \ud800 Name"},
        {"name": "Many Phones", "phones": ["5" * 101]}],
        "touches": [{"contact": "ana", "date": "2026-11-01", "id": 2 ** 31},
                    {"contact": "ana", "date": "2026-11-02", "id": 10 ** 23},
                    {"contact": "ana", "date": "2026-11-03", "id": 7, "note": "n" * 100_001},
                    {"contact": "ana", "date": "2026-11-04", "id": 8, "note": "kept"}],
        "goals": [{"name": "calls", "period": "week", "target": 10 ** 20},
                  {"name": "g" * 201, "period": "week", "target": 1}],
        "events": [{"name": "E" * 501, "date": "2026-11-01"}],
        "cadences": [{"name": "chase", "every": "1w", "give_up_after": 2 ** 40}]})
    result = ok("import", "json", path)
    assert "1 created, 0 updated, 0 unchanged, 10 skipped" in result.out
    for line in (
        f"skipped contacts[1]: {COMPANY_MESSAGE}",
        "skipped contacts[2]: name is not valid text: it holds a lone surrogate (\\ud800)",
        "skipped contacts[3]: phone is too long: at most 100 characters (it has 101)",
        "skipped touches[0]: id 2147483648 is out of range; give a whole number from 1 to "
        "2,147,483,647",
        "skipped touches[1]: id 100000000000000000000000 is out of range",
        "skipped touches[2]: note is too long: at most 100,000 characters",
        "skipped goals[0]: a goal's target of 100000000000000000000 is out of range",
        "skipped goals[1]: a goal's name is too long: at most 200 characters",
        "skipped events[0]: an event's name is too long: at most 500 characters",
        "skipped cadences[0]: give up after 1099511627776 is out of range",
    ):
        assert line in result.out
    assert [t["note"] for t in ok("show", "ana", "--json").json()["touches"]] == ["kept"]


def test_a_file_nested_too_deeply_is_refused_in_one_line(nc, ok, db_url, tmp_path):
    ok("add", "Bob Lee")
    before = dump_database(db_url)
    path = tmp_path / "deep.json"
    path.write_text('{"netcadence": 1, "contacts": [{"name": "Ana"}], "touches": ['
                    + "[" * 100_000 + "]" * 100_000 + "]}", encoding="utf-8")
    result = nc("import", "json", path)
    assert result.code == 1 and result.out == ""
    assert "nested too deeply" in result.err and len(result.err.strip().splitlines()) == 1
    assert dump_database(db_url) == before


def test_a_number_of_thousands_of_digits_is_refused_in_one_line(nc, tmp_path):
    path = tmp_path / "digits.json"
    path.write_text('{"netcadence": 1, "goals": [{"name": "g", "period": "week", "target": '
                    + "9" * 5000 + "}]}", encoding="utf-8")
    result = nc("import", "json", path)
    assert result.code == 1 and result.out == ""
    assert "is not JSON" in result.err and "digits" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_a_vacation_that_ends_before_it_starts_is_skipped(ok, tmp_path):
    ok("add", "Ana", "--cadence", "1w", today="2026-11-01")
    path = write(tmp_path, {"netcadence": 1,
                            "vacations": [{"start": "2026-11-20", "until": "2026-11-10"},
                                          {"start": "2026-11-01", "until": "2026-11-03",
                                           "ended": "2026-10-01"}],
                            "contacts": [{"name": "Ana", "pauses": [
                                {"start": "2026-11-05", "until": "2026-11-05"}]}]})
    result = ok("import", "json", path)
    assert ("skipped vacations[0]: until 2026-11-10 is not after the start 2026-11-20"
            in result.out)
    assert "skipped vacations[1]: ended 2026-10-01 is before the start 2026-11-01" in result.out
    assert ("contacts[0].pauses[0]: until 2026-11-05 is not after the start 2026-11-05; "
            "a pause ends after it begins; dropped") in result.err
    assert "0 created, 0 updated, 1 unchanged, 2 skipped" in result.out
    doc = ok("export", "json").json()
    assert doc["vacations"] == [] and doc["contacts"][0]["pauses"] == []
    due = ok("due", "--json").json()[0]["due"]
    assert due == ok("show", "ana", "--json").json()["next_due"] == "2026-11-08"
    assert ok("plan", "--json").json()[0]["due"] == due
