"""netcadence JSON: the round trip, hand-written files, bad entries and versions."""

from __future__ import annotations

import json

import pytest


def write(tmp_path, doc, name="in.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def build_network(ok):
    """A network that uses every feature a user can see."""
    ok("cadence", "define", "monthly", "--every", "1m")
    ok("cadence", "define", "new-contact", "--step", "1d:email:thank-you note",
       "--step", "1w:email:follow up", "--step", "1m:coffee", "--every", "3m",
       "--stop-on-reply", "--give-up-after", "3")
    ok("cadence", "define", "series-only", "--step", "2w:call")
    ok("cadence", "tag", "client", "monthly")
    ok("cadence", "tag", "friend", "6w")
    ok("add", "Ana Ruiz", "--email", "ana@example.com", "--email", "ana.r@work.example",
       "--phone", "+34 600 000 000", "--company", "Acme", "--title", "CFO", "--tag", "client",
       "--met", "2025-05-01", "--how", "PyCon", "--linkedin", "https://linkedin.com/in/ana",
       "--note", "likes \"quotes\"\nand lines", today="2026-10-01")
    ok("log", "Bob Lee", "--new", "-c", "coffee", "--when", "2026-10-03", "--cadence",
       "new-contact", "--note", "met at the fair", today="2026-10-03")
    ok("log", "bob", "-c", "email", "--when", "2026-10-04", "--by", "sam", today="2026-10-05")
    ok("log", "bob", "-c", "email", "--when", "2026-10-04", "--by", "sam", today="2026-10-05")
    ok("add", "José Núñez", "--tag", "friend", "--tag", "Música", today="2026-10-10")
    ok("add", "李小龍", "--cadence", "2w", today="2026-10-10")
    ok("add", "Carl Sagan", "--cadence", "series-only", today="2026-10-12")
    ok("add", "No Cadence", today="2026-10-12")
    ok("cadence", "set", "no-cadence", "none", today="2026-10-12")
    ok("log", "ana", "-c", "call", "--in", "--give", "--note", "gave an intro",
       today="2026-11-02")
    ok("log", "ana", "-c", "meeting", "--ask", today="2026-11-03")
    ok("intro", "ana", "josé", today="2026-11-04")
    ok("event", "Fintech Night", "--met", "ana", "--met", "bob", "--when", "2026-11-05",
       today="2026-11-06")
    ok("snooze", "李小龍", "2w", today="2026-11-10")
    ok("pause", "carl-sagan", "--until", "2026-12-24", today="2026-11-11")
    ok("archive", "no-cadence", today="2026-11-12")
    ok("goal", "add", "client calls", "--count", "5", "--per", "week", "--tag", "client",
       "--channel", "call")
    ok("goal", "add", "events", "--count", "1", "--per", "month", "--channel", "event",
       "--count-by", "events")
    ok("log", "Una Answer", "--new", "-c", "coffee", "--when", "2026-10-01", "--cadence",
       "new-contact", today="2026-10-01")
    for day in ("2026-10-02", "2026-10-09", "2026-11-09"):
        ok("log", "una", "-c", "email", "--when", day, today=day)
    ok("pause", "--all", "--until", "2026-11-20", today="2026-11-15")
    ok("resume", "--all", today="2026-11-18")


def test_round_trip_gives_the_same_bytes(ok, nc, tmp_path, monkeypatch):
    build_network(ok)
    first = ok("export", "json").out
    doc = json.loads(first)
    assert doc["netcadence"] == 1
    assert [c["name"] for c in doc["cadences"]] == ["monthly", "new-contact", "series-only"]
    assert len(doc["touches"]) >= 9
    assert doc["goals"][0]["name"] == "client calls"
    assert doc["vacations"] == [
        {"start": "2026-11-15", "until": "2026-11-20", "ended": "2026-11-18"}
    ]
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    monkeypatch.setenv("NETCADENCE_DB", str(tmp_path / "empty.db"))
    monkeypatch.setenv("NETCADENCE_USER", "someone-else")
    result = ok("import", "json", path)
    assert f"{len(doc['contacts'])} created, 0 updated, 0 unchanged, 0 skipped" in result.out
    second = ok("export", "json").out
    assert second == first
    assert ok("due", "--json").out == ok("due", "--json").out
    again = ok("import", "json", path)
    assert f"0 created, 0 updated, {len(doc['contacts'])} unchanged, 0 skipped" in again.out
    assert ok("export", "json").out == first


def test_export_is_sorted_and_deterministic(ok):
    build_network(ok)
    text = ok("export", "json").out
    assert text.endswith("}\n")
    assert ok("export", "json").out == text
    doc = json.loads(text)
    slugs = [c["slug"] for c in doc["contacts"]]
    assert slugs == sorted(slugs)
    keys = [(t["date"], t["id"]) for t in doc["touches"]]
    assert keys == sorted(keys)
    ana = next(c for c in doc["contacts"] if c["slug"] == "ana-ruiz")
    assert ana["emails"] == ["ana@example.com", "ana.r@work.example"]
    assert ana["cadence"] is None and ana["tags"] == ["client"]
    assert ana["enrolled"] == "2026-10-01"
    assert ana["met"] == "2025-05-01"
    carl = next(c for c in doc["contacts"] if c["slug"] == "carl-sagan")
    assert carl["status"] == "paused"
    assert carl["pauses"] == [{"start": "2026-11-11", "until": "2026-12-24", "ended": None}]
    li = next(c for c in doc["contacts"] if c["slug"] == "李小龍")
    assert li["cadence"] == "2w" and li["snooze"] == {"until": "2026-11-24", "set_on": "2026-11-10"}
    assert next(c for c in doc["contacts"] if c["slug"] == "no-cadence")["status"] == "archived"
    assert next(c for c in doc["contacts"] if c["slug"] == "una-answer")["status"] == "unresponsive"
    bob_touch = next(t for t in doc["touches"] if t["by"] == "sam")
    assert bob_touch["contact"] == "bob-lee"
    event = next(t for t in doc["touches"] if t["channel"] == "event")
    assert event["event"] == {"name": "Fintech Night", "date": "2026-11-05"}
    assert doc["events"] == [{"name": "Fintech Night", "date": "2026-11-05"}]
    assert doc["tag_defaults"] == [{"tag": "client", "cadence": "monthly"},
                                   {"tag": "friend", "cadence": "6w"}]


def test_hand_written_file_with_only_the_essentials(ok, tmp_path):
    ok("add", "Old Friend", "--email", "old@friend.example")
    path = write(tmp_path, {
        "netcadence": 1,
        "cadences": [{"name": "monthly", "every": "1m"},
                     {"name": "new-contact", "every": "3m",
                      "steps": [{"offset": "1d", "channel": "email", "label": "thanks"},
                                {"offset": "1w"}]}],
        "contacts": [{"name": "Ana Ruiz", "slug": "ana-ruiz", "tags": ["client"],
                      "cadence": "monthly", "emails": ["ana@example.com"]},
                     {"name": "Bare Name"}],
        "touches": [{"contact": "ana-ruiz", "date": "2026-11-02", "channel": "coffee",
                     "direction": "out", "note": "", "give": False, "ask": False},
                    {"contact": "Bare Name", "date": "2026-11-20"},
                    {"contact": "old friend", "date": "2026-11-21"}],
    })
    result = ok("import", "json", path)
    assert "2 created, 0 updated, 0 unchanged, 0 skipped" in result.out
    assert "3 touches added" in result.out
    ana = ok("show", "ana-ruiz", "--json").json()
    assert ana["cadence"] == "monthly"
    assert ana["next_due"] == "2026-12-02"
    assert ana["touches"][0]["channel"] == "coffee"
    bare = ok("show", "bare-name", "--json").json()
    assert bare["touches"][0]["channel"] == "other"
    assert bare["touches"][0]["direction"] == "out"
    assert bare["touches"][0]["by"] == "tester"  # the defaults of `log`
    assert ok("show", "old-friend", "--json").json()["last_touch"] == "2026-11-21"
    again = ok("import", "json", path)
    assert "0 created, 0 updated, 2 unchanged" in again.out
    assert "3 touches already there" in again.out
    assert len(ok("show", "ana-ruiz", "--json").json()["touches"]) == 1


def test_bad_entries_are_skipped_and_reported_by_path(ok, tmp_path):
    path = write(tmp_path, {
        "netcadence": 1,
        "contacts": [{"name": "Ana Ruiz"}, {"emails": ["x@example.com"]},
                     {"name": "Bad Cadence", "cadence": "sometimes"}, "a string"],
        "touches": [{"contact": "ana-ruiz", "date": "2026-11-02"},
                    {"contact": "ana-ruiz"},
                    {"contact": "nobody", "date": "2026-11-02"},
                    {"contact": "ana-ruiz", "date": "2026-12-25"},
                    {"contact": "ana-ruiz", "date": "2026-11-02", "channel": "pigeon"}],
        "goals": [{"name": "g", "period": "fortnight", "target": 1}],
    })
    result = ok("import", "json", path)
    assert "1 created, 0 updated, 0 unchanged, 8 skipped" in result.out
    for line in ("skipped contacts[1]: no name",
                 "skipped contacts[2]: no cadence named 'sometimes'",
                 "skipped contacts[3]: not an object", "skipped touches[1]: date must be a date",
                 "skipped touches[2]: no contact 'nobody' in the file or the database",
                 "skipped touches[3]: date after today",
                 "skipped touches[4]: 'pigeon' is not a channel",
                 "skipped goals[0]: 'fortnight' is not a goal period"):
        assert line in result.out
    assert len(ok("show", "ana-ruiz", "--json").json()["touches"]) == 1


def test_a_name_in_the_touches_that_two_contacts_share(ok, tmp_path):
    path = write(tmp_path, {"netcadence": 1, "contacts": [
        {"name": "Sam Lee", "emails": ["sam1@example.com"]},
        {"name": "Sam Lee", "emails": ["sam2@example.com"]}],
        "touches": [{"contact": "Sam Lee", "date": "2026-11-01"},
                    {"contact": "sam-lee-2", "date": "2026-11-01"}]})
    result = ok("import", "json", path)
    assert "2 created" in result.out
    assert "skipped touches[0]: contact 'Sam Lee' is ambiguous (sam-lee, sam-lee-2)" in result.out


def test_existing_cadence_and_goal_are_kept(ok, tmp_path):
    ok("cadence", "define", "monthly", "--every", "2m")
    path = write(tmp_path, {"netcadence": 1, "cadences": [{"name": "monthly", "every": "1m"}],
                            "contacts": [{"name": "Ana", "cadence": "monthly"}]})
    result = ok("import", "json", path)
    assert "skipped cadences[0]: a different cadence named 'monthly' exists; kept it" in result.out
    assert ok("cadence", "list", "--json").json()[0]["every"] == "2m"


def test_a_met_date_after_today_is_dropped_with_a_warning(ok, tmp_path):
    path = write(tmp_path, {"netcadence": 1, "contacts": [{"name": "Ana", "met": "2027-01-01"}]})
    result = ok("import", "json", path)
    assert "contacts[0]: met date 2027-01-01 is after today; dropped" in result.err
    assert ok("show", "ana", "--json").json()["met"] is None


def test_dry_run(ok, tmp_path):
    path = write(tmp_path, {"netcadence": 1, "contacts": [{"name": "Ana"}],
                            "touches": [{"contact": "Ana", "date": "2026-11-01"}]})
    result = ok("import", "json", path, "--dry-run")
    assert "1 created" in result.out and "1 touches added" in result.out
    assert ok("list", "--json").json() == []


@pytest.mark.parametrize("content, message", [
    ('{"netcadence": 2, "contacts": []}', "newer netcadence"),
    ('{"contacts": []}', "not a netcadence JSON file"),
    ('[1, 2]', "not a netcadence JSON file"),
    ('{"netcadence": "one"}', "is not a format version"),
    ('{"netcadence": 1, "contacts": {}}', '"contacts" must be a list'),
    ("name,email\nAna,ana@example.com\n", "is not JSON"),
])
def test_files_that_are_refused(nc, ok, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    result = nc("import", "json", path)
    assert result.code == 1
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert result.out == ""
    assert ok("list", "--json").json() == []


def test_damaged_utf8_is_refused_and_windows_1252_read(nc, ok, tmp_path):
    doc = {"netcadence": 1, "contacts": [{"name": "José Núñez"}, {"name": "Zoë"}]}
    path = tmp_path / "in.json"
    path.write_bytes(json.dumps(doc, ensure_ascii=False).encode().replace(b"Zo", b"Z\xffo"))
    result = nc("import", "json", path)
    assert result.code == 1 and "not valid UTF-8" in result.err and result.out == ""
    assert ok("list", "--json").json() == []
    path.write_bytes(json.dumps(doc, ensure_ascii=False).encode("cp1252"))
    ok("import", "json", path)
    assert {c["name"] for c in ok("list", "--json").json()} == {"José Núñez", "Zoë"}


def test_large_json_import(ok, tmp_path):
    contacts = [{"name": f"Person {n}", "slug": f"person-{n}", "cadence": "monthly"}
                for n in range(300)]
    touches = [{"id": n + 1, "contact": f"person-{n % 300}",
                "date": f"2026-{1 + n % 10:02d}-{1 + n % 28:02d}",
                "channel": "email"} for n in range(3000)]
    path = write(tmp_path, {"netcadence": 1, "cadences": [{"name": "monthly", "every": "1m"}],
                            "contacts": contacts, "touches": touches})
    result = ok("import", "json", path)
    assert "300 created" in result.out and "3000 touches added" in result.out
    assert ok("show", "person-7", "--json").json()["next_due"] is not None


def test_cadence_option_and_a_file_saying_none(ok, tmp_path):
    path = write(tmp_path, {"netcadence": 1, "contacts": [
        {"name": "With Default"}, {"name": "Said None", "cadence": "none"},
        {"name": "Own One", "cadence": "1w", "enrolled": "2026-11-01"}]})
    ok("import", "json", path, "--cadence", "2w", "--tag", "imported")
    default = ok("show", "with-default", "--json").json()
    assert (default["cadence"], default["next_due"], default["tags"]) == (
        "2w", "2026-12-07", ["imported"])
    said_none = ok("show", "said-none", "--json").json()
    assert (said_none["cadence"], said_none["cadence_source"]) == (None, "none")
    assert ok("show", "own-one", "--json").json()["next_due"] == "2026-11-08"
    exported = {c["slug"]: c for c in ok("export", "json").json()["contacts"]}
    assert exported["said-none"]["cadence"] == "none"
    assert exported["said-none"]["enrolled"] is None


def export_to(ok, tmp_path, name="export.json"):
    path = tmp_path / name
    path.write_text(ok("export", "json").out, encoding="utf-8")
    return path


def test_people_the_file_keeps_apart_stay_apart(ok, tmp_path, monkeypatch, another_db_url):
    """Same names, names that fold the same, and LinkedIn URLs that differ only by www. and
    a query: six people with a touch each restore as six people and six touches."""
    ok("add", "John Smith", "--company", "Acme", "--email", "js@example.com")
    ok("add", "John Smith", "--company", "Globex", "--email", "js@example.com")
    ok("add", "José Núñez")
    ok("add", "Jose Nunez")
    ok("add", "Pat Lee", "--linkedin", "https://www.linkedin.com/in/pat-lee?trk=people")
    ok("add", "Pat Lee", "--linkedin", "https://linkedin.com/in/pat-lee")
    slugs = ["john-smith", "john-smith-2", "jose-nunez", "jose-nunez-2", "pat-lee", "pat-lee-2"]
    for number, slug in enumerate(slugs, start=1):
        ok("log", slug, "-c", "email", "--note", f"touch {number}")
    first = ok("export", "json").out
    path = export_to(ok, tmp_path)
    monkeypatch.setenv("NETCADENCE_DB", another_db_url)
    result = ok("import", "json", path)
    assert "6 created, 0 updated, 0 unchanged, 0 skipped" in result.out
    assert "6 touches added" in result.out
    assert ok("export", "json").out == first
    assert ok("show", "john-smith-2", "--json").json()["company"] == "Globex"
    again = ok("import", "json", path)
    assert "0 created, 0 updated, 6 unchanged, 0 skipped" in again.out
    assert ok("export", "json").out == first


def touch_ids(ok) -> dict[int, str]:
    return {t["id"]: t["note"] for t in ok("export", "json").json()["touches"]}


def test_merging_another_persons_export_keeps_free_ids(ok, tmp_path, monkeypatch,
                                                       another_db_url):
    """Ids from the file are kept when free and renumbered after the highest when taken."""
    for number in range(1, 6):
        ok("log", f"Their {number}", "--new", "--note", f"theirs {number}")
    theirs = export_to(ok, tmp_path, "theirs.json")
    monkeypatch.setenv("NETCADENCE_DB", another_db_url)
    ok("log", "Mine One", "--new", "--note", "mine 1")
    ok("log", "Mine Two", "--new", "--note", "mine 2")
    result = ok("import", "json", theirs)
    assert "5 created" in result.out and "5 touches added" in result.out
    assert touch_ids(ok) == {1: "mine 1", 2: "mine 2", 3: "theirs 3", 4: "theirs 4",
                             5: "theirs 5", 6: "theirs 1", 7: "theirs 2"}
    again = ok("import", "json", theirs)
    assert "5 touches already there" in again.out
    assert len(touch_ids(ok)) == 7
    ok("log", "mine-one", "--note", "after")
    assert touch_ids(ok)[8] == "after"


def test_merging_into_a_database_with_one_touch_never_makes_id_0(ok, tmp_path, monkeypatch,
                                                                 another_db_url):
    ok("log", "Their One", "--new", "--note", "theirs 1")
    ok("log", "Their Two", "--new", "--note", "theirs 2")
    theirs = export_to(ok, tmp_path, "theirs.json")
    monkeypatch.setenv("NETCADENCE_DB", another_db_url)
    ok("log", "Mine", "--new", "--note", "mine")
    ok("import", "json", theirs)
    assert touch_ids(ok) == {1: "mine", 2: "theirs 2", 3: "theirs 1"}


def test_touches_without_ids_go_after_every_id_of_the_file(ok, tmp_path):
    ok("log", "Mine", "--new", "--note", "mine")
    path = write(tmp_path, {"netcadence": 1, "contacts": [{"name": "Ana"}], "touches": [
        {"contact": "Ana", "date": "2026-11-01", "note": "no id"},
        {"id": 1, "contact": "Ana", "date": "2026-11-02", "note": "taken id"},
        {"id": 9, "contact": "Ana", "date": "2026-11-03", "note": "free id"},
        {"contact": "Ana", "date": "2026-11-04", "note": "no id either"}]})
    ok("import", "json", path)
    assert touch_ids(ok) == {1: "mine", 9: "free id", 10: "no id", 11: "taken id",
                             12: "no id either"}


def test_goals_from_a_file_follow_the_rules_of_goal_add(ok, tmp_path):
    ok("goal", "add", "client calls", "--count", "5", "--channel", "call")
    path = write(tmp_path, {"netcadence": 1, "goals": [
        {"name": "Client Calls", "period": "week", "target": 5, "channel": "call"},
        {"name": "events", "period": "month", "target": 1, "channel": "call",
         "count_by": "events"},
        {"name": "huge", "period": "week", "target": 5_000_000},
        {"name": "partners", "period": "weekly", "target": 1, "tag": "Partner"}]})
    result = ok("import", "json", path)
    assert "1 goals added" in result.out
    assert ("skipped goals[0]: a different goal named 'client calls' exists; kept it"
            in result.out)
    assert "skipped goals[1]: a goal counted by events counts events, never call" in result.out
    assert "skipped goals[2]: a goal's target of 5000000 is out of range" in result.out
    goals = {g["name"]: g for g in ok("goal", "list", "--json").json()}
    assert sorted(goals) == ["client calls", "partners"]
    assert (goals["partners"]["period"], goals["partners"]["tag"]) == ("week", "partner")


def test_network_settings_travel_with_the_export(ok, tmp_path, monkeypatch, another_db_url):
    ok("cadence", "define", "nurture", "--every", "6w")
    path = write(tmp_path, {"netcadence": 1, "settings": {
        "sync-max-recipients": "25", "capacity": 5, "default_cadence": "nurture",
        "occasion_lead": "1W"}})
    result = ok("import", "json", path)
    assert "4 settings set" in result.out
    exported = ok("export", "json")
    assert exported.json()["settings"] == {"capacity": 5, "default_cadence": "nurture",
                                           "occasion_lead": "1w", "sync_max_recipients": 25}
    assert ('"settings": {"capacity": 5, "default_cadence": "nurture", "occasion_lead": "1w", '
            '"sync_max_recipients": 25}\n}\n') in exported.out
    backup = export_to(ok, tmp_path)
    changed = write(tmp_path, {"netcadence": 1, "settings": {
        "capacity": 7, "dormant_days": 90, "colour": "red", "occasion_lead": "soon",
        "default_cadence": "nurture"}}, "changed.json")
    result = ok("import", "json", changed)
    assert "1 settings set" in result.out
    assert "skipped settings.capacity: capacity is 5 in this database; kept it" in result.out
    assert "skipped settings.colour: 'colour' is not a network setting" in result.out
    assert "skipped settings.occasion_lead: 'soon' is not a duration" in result.out
    assert ok("export", "json").json()["settings"]["dormant_days"] == 90
    monkeypatch.setenv("NETCADENCE_DB", another_db_url)
    ok("import", "json", backup)
    assert ok("export", "json").out == backup.read_text(encoding="utf-8")
    unknown = write(tmp_path, {"netcadence": 1, "settings": {"default_cadence": "nurture"}},
                    "unknown.json")
    monkeypatch.setenv("NETCADENCE_DB", str(tmp_path / "third.db"))
    result = ok("import", "json", unknown)
    assert "skipped settings.default_cadence: no cadence named 'nurture'" in result.out
    assert ok("export", "json").json()["settings"] == {}


def test_settings_must_be_an_object(nc, tmp_path):
    path = write(tmp_path, {"netcadence": 1, "settings": [["capacity", 5]]})
    result = nc("import", "json", path)
    assert result.code == 1 and '"settings" must be an object' in result.err
