"""A command that only reads creates no database: it says there is none yet (SPEC §2)."""

from __future__ import annotations

import stat

import pytest

from tests.helpers import FIXTURES

pytestmark = pytest.mark.sqlite_only

READ_ONLY = [
    ("due",), (), ("--json",), ("due", "--json"), ("due", "--within", "2w"), ("list",),
    ("show", "ana"), ("find", "ana"), ("review",), ("stats",), ("dormant",), ("plan",),
    ("export", "json"), ("export", "csv"), ("export", "ics"), ("info",), ("cadence", "list"),
    ("goal", "list"), ("config", "show"), ("backup",), ("list", "--json"),
]


@pytest.mark.parametrize("args", READ_ONLY)
def test_a_read_only_command_on_a_missing_file_creates_nothing(nc, tmp_path, monkeypatch, args):
    path = tmp_path / "nope" / "deeper" / "x.db"
    monkeypatch.setenv("NETCADENCE_DB", str(path))
    result = nc(*args)
    assert (result.code, result.out) == (1, "")
    assert result.err == (f"netcadence: no database at {path} yet: `netcadence add` or an "
                          "import creates it\n")
    assert not (tmp_path / "nope").exists()


@pytest.mark.parametrize("args", [("--db", "{path}", "due"), ("--db", "{path}", "info")])
def test_the_same_with_db_and_a_url(nc, tmp_path, args):
    path = tmp_path / "nope" / "x.db"
    for given in (str(path), f"sqlite:///{path}"):
        result = nc(*[given if word == "{path}" else word for word in args])
        assert result.code == 1 and f"no database at {path} yet" in result.err
    assert not path.parent.exists()


@pytest.fixture
def default_location(tmp_path, monkeypatch):
    """No --db and no NETCADENCE_DB: the user data folder, here under tmp_path."""
    monkeypatch.delenv("NETCADENCE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    return tmp_path / "data-home" / "netcadence" / "netcadence.db"


@pytest.mark.parametrize("args", [(), ("due",), ("due", "--within", "1w")])
def test_the_first_agenda_on_the_default_location_says_how_to_begin(ok, default_location, args):
    out = ok(*args).out
    assert "No contacts yet" in out and "netcadence add" in out
    assert not (default_location.parent.parent).exists()


def test_its_json_is_an_empty_agenda(ok, default_location):
    assert ok("--json").json() == []
    assert ok("due", "--json").json() == []
    assert not default_location.parent.parent.exists()


def test_other_read_only_commands_on_the_default_location_say_so(nc, default_location):
    result = nc("list")
    assert result.code == 1 and f"no database at {default_location} yet" in result.err
    assert not default_location.parent.parent.exists()


def test_a_writing_command_creates_it_private(ok, default_location):
    ok("add", "Ana Ruiz")
    assert stat.S_IMODE(default_location.stat().st_mode) == 0o600
    assert stat.S_IMODE(default_location.parent.stat().st_mode) == 0o700
    assert [row["slug"] for row in ok("list", "--json").json()] == ["ana-ruiz"]
    assert "No contacts yet" not in ok("due").out


@pytest.mark.parametrize("args", [
    ("add", "Ana", "--cadence", "bogus"), ("log", "zed", "-c", "email"),
    ("intro", "ok", "5", "ana"), ("snooze", "zed", "1w"), ("touch", "rm", "5", "--yes"),
    ("goal", "add", "calls", "--count", "0", "--per", "week"),
    ("event", "Fintech Night", "--met", "zed"), ("import", "json", "{missing}"),
])
def test_a_writing_command_that_fails_leaves_no_database(nc, tmp_path, monkeypatch, args):
    """It may have created the file before it met the error: an error writes nothing."""
    path = tmp_path / "nope" / "deeper" / "x.db"
    monkeypatch.setenv("NETCADENCE_DB", str(path))
    result = nc(*[str(tmp_path / "none.json") if word == "{missing}" else word
                  for word in args])
    assert result.code == 1 and result.out == "" and result.err.count("\n") == 1
    assert not (tmp_path / "nope").exists()


def test_a_database_that_holds_something_stays_when_a_later_command_fails(ok, nc, tmp_path,
                                                                           monkeypatch):
    path = tmp_path / "x.db"
    monkeypatch.setenv("NETCADENCE_DB", str(path))
    ok("add", "Ana Ruiz")
    assert nc("log", "zed", "-c", "email").code == 1
    assert [row["slug"] for row in ok("list", "--json").json()] == ["ana-ruiz"]


def test_an_empty_database_made_before_stays(ok, nc, tmp_path, monkeypatch):
    """Only what the failing command itself created is taken back."""
    from netcadence.store.db import locate, open_database

    path = tmp_path / "x.db"
    monkeypatch.setenv("NETCADENCE_DB", str(path))
    open_database(locate(str(path))).close()  # made by an earlier version, say
    assert nc("log", "zed", "-c", "email").code == 1
    assert path.exists() and ok("info", "--json").json()["contacts"] == 0


@pytest.mark.parametrize("args", [
    ("import", "csv", "{file}", "--map", "name=Name,email=Email", "--dry-run"),
    ("sync", "mail", "{mbox}", "--me", "me@home.example", "--dry-run"),
])
def test_a_dry_run_leaves_no_database(ok, tmp_path, monkeypatch, args):
    path = tmp_path / "nope" / "x.db"
    monkeypatch.setenv("NETCADENCE_DB", str(path))
    people = tmp_path / "people.csv"
    people.write_text("Name,Email\nAna Ruiz,ana@example.com\n", encoding="utf-8")
    mbox = FIXTURES / "mail" / "written" / "outbox.mbox"
    ok(*[{"{file}": str(people), "{mbox}": str(mbox)}.get(word, word) for word in args])
    assert not (tmp_path / "nope").exists()


def test_an_import_of_nothing_keeps_the_database_it_made(ok, tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    monkeypatch.setenv("NETCADENCE_DB", str(path))
    people = tmp_path / "people.csv"
    people.write_text("Name,Email\n", encoding="utf-8")
    ok("import", "csv", str(people), "--map", "name=Name,email=Email")
    assert ok("export", "json").json()["contacts"] == []
