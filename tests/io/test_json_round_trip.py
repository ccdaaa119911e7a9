"""export json → import json into an empty database → export json gives the same bytes,
for networks generated with hypothesis: same and folded-same names, shared emails,
LinkedIn URL variants, touch ids, events, goals, pauses, a vacation, odd Unicode."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import TODAY

ROUND_TRIP = settings(max_examples=12, deadline=None, database=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])
FIRST_DAY = date(2025, 6, 1)
LAST_DAY = date.fromisoformat(TODAY)

NAMES = ["John Smith", "john smith", "José Núñez", "Jose Nunez", "JOSE NUNEZ", "李小龍",
         "Zoë", "Zoe\u0308", "Ken O’Brien", "👩‍💻 Dev", "محمد علي", "ﬀ Ligature",
         "  spaced   out  ", "Tab\tName", "Bell\x07", "[bold]markup[/bold]", "Straße",
         "İlker", "Ǆemal", "-", "x" * 300]
SLUGS = ["john-smith", "john-smith-2", "jose-nunez", "jose-nunez-2", "a", "contact",
         "李小龍", "Not A Slug", None, None]
EMAILS = ["a@example.com", "A@Example.com", "b@example.org", "josé@exämple.com",
          "not-an-email", "mailto:c@example.net"]
LINKEDIN = [None, "https://www.linkedin.com/in/pat?trk=1", "https://linkedin.com/in/pat",
            "http://uk.linkedin.com/in/pat/", "https://linkedin.com/in/other"]
TEXTS = [None, "Acme", "ACME", "Ac\x00me", "Ünïcode GmbH", " padded ", "line\nbreak"]
NOTES = [None, "", "multi\nline", "tab\there", "\r\nwindows\r\n", "emoji 🎉", " pad "]
TAGS = ["Client", "client", "Música", "musica", "vip ", "needs:intro"]
CADENCES = [None, "none", "monthly", "2w", "new-contact", "series-only", "Monthly"]
CHANNELS = ["call", "coffee", "email", "event", "other", None, "Email"]
EVENTS = ["Fintech Night", "fintech  night", "Meetup ✨"]


def days():
    return st.integers(0, (LAST_DAY - FIRST_DAY).days).map(
        lambda n: (FIRST_DAY + timedelta(days=n)).isoformat())


@st.composite
def windows(draw):
    start = date.fromisoformat(draw(days()))
    until = draw(st.one_of(st.none(), st.integers(1, 60)))
    ended = draw(st.one_of(st.none(), st.integers(0, 60)))
    return {"start": start.isoformat(),
            "until": (start + timedelta(days=until)).isoformat() if until else None,
            "ended": (start + timedelta(days=ended)).isoformat() if ended is not None else None}


@st.composite
def contacts(draw):
    contact = {"name": draw(st.sampled_from(NAMES)), "slug": draw(st.sampled_from(SLUGS)),
               "emails": draw(st.lists(st.sampled_from(EMAILS), max_size=3)),
               "phones": draw(st.lists(st.sampled_from(["+1 555 0100", "+1 555 0100 ",
                                                        "555-0101"]), max_size=2)),
               "company": draw(st.sampled_from(TEXTS)), "title": draw(st.sampled_from(TEXTS)),
               "linkedin": draw(st.sampled_from(LINKEDIN)),
               "vcard_uid": draw(st.sampled_from([None, "uid-1", "uid-2"])),
               "note": draw(st.sampled_from(NOTES)), "how": draw(st.sampled_from(TEXTS)),
               "tags": draw(st.lists(st.sampled_from(TAGS), max_size=3)),
               "met": draw(st.one_of(st.none(), days())),
               "created": draw(st.one_of(st.none(), days())),
               "cadence": draw(st.sampled_from(CADENCES)),
               "enrolled": draw(st.one_of(st.none(), days())),
               "status": draw(st.sampled_from([None, "active", "archived"])),
               "pauses": draw(st.lists(windows(), max_size=2))}
    if draw(st.booleans()):
        until = draw(days())
        contact["snooze"] = {"until": until, "set_on": draw(days())}
    return {key: value for key, value in contact.items() if value is not None}


@st.composite
def networks(draw):
    people = draw(st.lists(contacts(), min_size=1, max_size=8))
    taken = set()
    for number, person in enumerate(people):  # a slug given twice would be one person
        if "slug" in person and person["slug"] in taken:
            person["slug"] = f"{person['slug']}-{number}"
        taken.add(person.get("slug"))
    who = [p.get("slug") or p["name"] for p in people]
    touches = []
    for _ in range(draw(st.integers(0, 12))):
        touch = {"contact": draw(st.sampled_from(who)), "date": draw(days()),
                 "channel": draw(st.sampled_from(CHANNELS)),
                 "direction": draw(st.sampled_from(["out", "in", None])),
                 "note": draw(st.sampled_from(NOTES)), "give": draw(st.booleans()),
                 "ask": draw(st.booleans())}
        touch_id = draw(st.one_of(st.none(), st.integers(1, 12), st.just(2_147_483_647)))
        if touch_id is not None:
            touch["id"] = touch_id
        if draw(st.booleans()):
            touch["by"] = draw(st.sampled_from([None, "sam", " Sam\x00 "]))
        if draw(st.integers(0, 3)) == 0:
            touch["event"] = {"name": draw(st.sampled_from(EVENTS)), "date": touch["date"]}
        touch["source"] = draw(st.sampled_from([None, None, "mail", "calendar"]))
        touches.append({key: value for key, value in touch.items() if value is not None})
    goals = [{"name": draw(st.sampled_from(["calls", "Calls", "partners", "events"])),
              "period": draw(st.sampled_from(["week", "month", "quarter"])),
              "target": draw(st.integers(1, 9)),
              "tag": draw(st.sampled_from([None, "client", "Música"])),
              "channel": draw(st.sampled_from([None, "call", "event"])),
              "direction": draw(st.sampled_from(["out", "in", "any"])),
              "count_by": draw(st.sampled_from(["contacts", "touches"]))}
             for _ in range(draw(st.integers(0, 3)))]
    setting = draw(st.fixed_dictionaries({}, optional={
        "capacity": st.integers(1, 20), "dormant_days": st.integers(30, 400),
        "default_cadence": st.sampled_from(["monthly", "2w"]),
        "occasion_lead": st.sampled_from(["3d", "1w"]), "sync_max_recipients": st.just(25)}))
    return {
        "netcadence": 1,
        "cadences": [{"name": "monthly", "every": "1m"},
                     {"name": "new-contact", "every": "3m", "stop_on_reply": True,
                      "steps": [{"offset": "1d", "channel": "email", "label": "thanks"},
                                {"offset": "1w"}]},
                     {"name": "series-only", "give_up_after": 2,
                      "steps": [{"offset": "2w", "channel": "call"}]}],
        "tag_defaults": [{"tag": "client", "cadence": "monthly"},
                         {"tag": "Música", "cadence": "6w"}],
        "contacts": people,
        "events": [{"name": draw(st.sampled_from(EVENTS)), "date": draw(days())}],
        "touches": touches,
        "goals": goals,
        "vacations": draw(st.lists(windows(), max_size=2)),
        "settings": setting,
    }


def emptied(url: str, template: Path) -> None:
    """The database at url made empty again: a fresh copy of a migrated SQLite file, or
    every PostgreSQL table emptied."""
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect("postgresql://" + url.split("://", 1)[1], autocommit=True) as db:
            tables = [t for (t,) in db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                "current_schema() AND table_name NOT IN ('alembic_version', 'meta')")]
            db.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        return
    target = Path(url)
    for extra in ("-wal", "-shm"):
        Path(str(target) + extra).unlink(missing_ok=True)
    shutil.copyfile(template, target)


def write(path: Path, doc) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@given(network=networks())
@ROUND_TRIP
def test_export_import_export_gives_the_same_bytes(ok, monkeypatch, tmp_path, db_url,
                                                   another_db_url, sqlite_template, network):
    for url in (db_url, another_db_url):
        emptied(url, sqlite_template)
    monkeypatch.setenv("NETCADENCE_DB", db_url)
    ok("import", "json", write(tmp_path / "network.json", network))
    first = ok("export", "json").out
    exported = json.loads(first)
    # Different slugs in one file are different people, whatever else they share.
    assert len(exported["contacts"]) >= len({p["slug"] for p in network["contacts"]
                                             if "slug" in p})
    monkeypatch.setenv("NETCADENCE_DB", another_db_url)
    monkeypatch.setenv("NETCADENCE_USER", "someone-else")
    result = ok("import", "json", write(tmp_path / "export.json", exported))
    assert (f"{len(exported['contacts'])} created, 0 updated, 0 unchanged, 0 skipped"
            in result.out), result.out
    assert ok("export", "json").out == first
    monkeypatch.setenv("NETCADENCE_USER", "tester")
