"""export csv and ics, writing to a file, and backup."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.helpers import FIXTURES


def network(ok):
    ok("cadence", "define", "new-contact", "--step", "1d:email:thank-you note",
       "--step", "1w:email:follow up", "--every", "3m")
    ok("log", "Bob Lee", "--new", "-c", "coffee", "--when", "2026-11-01", "--cadence",
       "new-contact", today="2026-11-01")
    ok("add", "Ana Ruiz", "--email", "ana@example.com", "--email", "a@r.example",
       "--phone", "+34 600", "--tag", "client", "--tag", "vip", "--company", "=cmd|' /C calc'!A0",
       "--title", "@boss", "--cadence", "2w", today="2026-11-10")
    ok("add", "Never Due")
    ok("add", "Paused One", "--cadence", "1w", today="2026-11-01")
    ok("pause", "paused-one")


def test_export_csv(ok):
    network(ok)
    ok("import", "google", FIXTURES / "google" / "contacts.csv")
    rows = list(csv.reader(io.StringIO(ok("export", "csv").out)))
    assert rows[0] == ["slug", "name", "status", "company", "title", "emails", "phones", "tags",
                       "cadence", "next_due", "last_touch"]
    by_slug = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert [row[0] for row in rows[1:]] == sorted(by_slug)
    ana = by_slug["ana-ruiz"]
    assert ana["emails"] == "ana@example.com; a@r.example"
    assert ana["phones"] == "'+34 600"
    assert ana["tags"] == "client; vip"
    assert ana["company"] == "'=cmd|' /C calc'!A0"
    assert ana["title"] == "'@boss"
    assert (ana["cadence"], ana["next_due"], ana["last_touch"]) == ("2w", "2026-11-24", "")
    bob = by_slug["bob-lee"]
    assert (bob["cadence"], bob["next_due"], bob["last_touch"]) == (
        "new-contact", "2026-11-02", "2026-11-01")
    assert by_slug["never-due"]["next_due"] == ""
    assert by_slug["paused-one"]["status"] == "paused"
    mallory = next(row for row in by_slug.values() if "HYPERLINK" in row["name"])
    assert mallory["name"].startswith("'=HYPERLINK")


def test_export_ics_parsed_with_icalendar(ok):
    from icalendar import Calendar

    network(ok)
    text = ok("export", "ics").out
    assert "DUE;VALUE=DATE:20261102" in text
    calendar = Calendar.from_ical(text)
    todos = {str(t["uid"]): t for t in calendar.walk("VTODO")}
    assert set(todos) == {"bob-lee@netcadence", "ana-ruiz@netcadence"}
    bob = todos["bob-lee@netcadence"]
    assert bob.decoded("due") == date(2026, 11, 2)
    assert str(bob["summary"]) == "Bob Lee: step 1/2 email: thank-you note (new-contact)"
    assert bob.decoded("dtstamp") == datetime(2026, 11, 23, tzinfo=UTC)
    assert str(todos["ana-ruiz@netcadence"]["summary"]) == "Ana Ruiz: 2w"
    assert ok("export", "ics").out == text
    ok("log", "bob", "-c", "email", "--when", "2026-11-02")
    later = Calendar.from_ical(ok("export", "ics").out)
    bob = next(t for t in later.walk("VTODO") if str(t["uid"]) == "bob-lee@netcadence")
    assert "step 2/2" in str(bob["summary"])


def test_export_ics_read_by_todoman(ok, tmp_path):
    pytest.importorskip("todoman")
    from icalendar import Calendar

    network(ok)
    target = tmp_path / "due.ics"
    ok("export", "ics", "-o", target)
    vdir = tmp_path / "tasks" / "netcadence"
    vdir.mkdir(parents=True)
    for todo in Calendar.from_ical(target.read_bytes()).walk("VTODO"):
        single = Calendar()
        single.add("prodid", "-//netcadence tests//EN")
        single.add("version", "2.0")
        single.add_component(todo)
        (vdir / f"{todo['uid']}.ics").write_bytes(single.to_ical())
    config = tmp_path / "todoman.py"
    config.write_text(f'path = "{tmp_path / "tasks"}/*"\ncache_path = "{tmp_path / "cache.db"}"\n'
                      'date_format = "%Y-%m-%d"\ntime_format = "%H:%M"\n')
    todo = Path(sys.executable).with_name("todo")
    listed = subprocess.run(
        [str(todo), "--config", str(config), "--porcelain", "list", "--sort", "due"],
        capture_output=True, text=True, check=True, env={**os.environ, "TZ": "UTC"},
    )
    tasks = json.loads(listed.stdout)
    summaries = sorted(task["summary"] for task in tasks)
    assert summaries == ["Ana Ruiz: 2w", "Bob Lee: step 1/2 email: thank-you note (new-contact)"]
    bob = next(task for task in tasks if task["summary"].startswith("Bob"))
    assert datetime.fromtimestamp(bob["due"], UTC).date() == date(2026, 11, 2)
    assert all(not task["completed"] for task in tasks)


def test_export_to_a_file_is_atomic_and_private(ok, tmp_path):
    network(ok)
    target = tmp_path / "out.json"
    target.write_text("old")
    result = ok("export", "json", "-o", target)
    assert "Exported json" in result.out
    assert json.loads(target.read_text(encoding="utf-8"))["netcadence"] == 1
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


def test_export_errors(nc, tmp_path):
    unknown = nc("export", "jsn")
    assert unknown.code == 1 and "json" in unknown.err and unknown.out == ""
    missing = nc("export", "csv", "-o", tmp_path / "no" / "such" / "dir.csv")
    assert missing.code == 1 and "does not exist" in missing.err


@pytest.mark.sqlite_only
def test_backup_is_a_usable_private_copy(ok, tmp_path, db_url):
    network(ok)
    result = ok("backup")
    expected = Path(db_url).with_name("netcadence-2026-11-23.db")
    assert str(expected) in result.out
    assert expected.stat().st_mode & 0o777 == 0o600
    copy = sqlite3.connect(expected)
    assert copy.execute("SELECT count(*) FROM contact").fetchone()[0] == 4
    copy.close()
    target = tmp_path / "mine.db"
    ok("backup", target)
    ok("add", "After Backup")
    from netcadence.cli.main import dispatch

    assert dispatch(["--db", str(target), "list", "--json"]) == 0


@pytest.mark.sqlite_only
def test_backup_while_another_connection_writes(ok, tmp_path, db_url):
    network(ok)
    writer = sqlite3.connect(db_url, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE contact SET note = 'in flight'")
    ok("backup", tmp_path / "during.db")
    writer.execute("COMMIT")
    writer.close()
    copy = sqlite3.connect(tmp_path / "during.db")
    assert copy.execute("SELECT count(*) FROM contact WHERE note = 'in flight'").fetchone()[0] == 0
    copy.close()


@pytest.mark.sqlite_only
def test_backup_refuses_postgresql_and_bad_targets(nc, tmp_path, monkeypatch, db_url):
    assert nc("backup", tmp_path / "missing" / "x.db").code == 1
    same = nc("backup", db_url)
    assert same.code == 1 and "itself" in same.err
    monkeypatch.setenv("NETCADENCE_DB", "postgresql+psycopg://me:secret@localhost:1/nc")
    refused = nc("backup")
    assert refused.code == 1
    assert "pg_dump" in refused.err
    assert "secret" not in refused.err
