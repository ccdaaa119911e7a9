"""Faults: damaged, read-only, locked or misplaced databases give one clear line,
never a traceback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from netcadence.store.db import libpq_url
from tests.helpers import dump_database, pg_server_url

NETCADENCE = [sys.executable, "-m", "netcadence"]


def one_line_error(result, *words: str) -> None:
    assert result.code == 1, result
    assert result.out == ""
    assert result.err.endswith("\n") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err, result.err


def seeded(ok) -> None:
    ok("add", "Ana Ruiz", "--cadence", "2w", "--email", "ana@example.com")
    ok("log", "ana", "--channel", "call", "--when", "2026-11-01")


# --- files that are not (whole) databases ------------------------------------------


@pytest.mark.sqlite_only
def test_a_file_that_is_not_a_database(db_url, nc):
    path = Path(db_url)
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    before = path.read_bytes()
    for args in (["due"], ["list"], ["log", "ana"], ["add", "Bob"], ["info", "--json"]):
        one_line_error(nc(*args), "not a netcadence database")
    assert path.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_truncated_database(db_url, ok, nc):
    seeded(ok)
    for n in range(12):
        ok("add", f"Person {n}", "--note", "x" * 6000)
    path = Path(db_url)
    assert not Path(db_url + "-wal").exists() or Path(db_url + "-wal").stat().st_size == 0
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.truncate(size // 3)
    before = path.read_bytes()
    for args in (["list"], ["log", "ana"], ["add", "Bob"], ["find", "person"]):
        result = nc(*args)
        one_line_error(result)
        assert "damaged" in result.err or "not a netcadence database" in result.err
    assert path.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_path_that_is_a_folder(tmp_path, nc):
    folder = tmp_path / "folder.db"
    folder.mkdir()
    one_line_error(nc("--db", folder, "due"), "is a folder")
    one_line_error(nc("--db", folder, "add", "Ana"), "is a folder")
    assert list(folder.iterdir()) == []


@pytest.mark.sqlite_only
def test_a_missing_folder_is_created_private(tmp_path, ok):
    path = tmp_path / "new" / "deeper" / "netcadence.db"
    ok("--db", path, "add", "Ana Ruiz")
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert ok("--db", path, "list", "--json").json()[0]["slug"] == "ana-ruiz"


@pytest.mark.sqlite_only
def test_a_folder_that_cannot_be_created(tmp_path, nc):
    blocker = tmp_path / "file"
    blocker.write_text("I am a file")
    one_line_error(nc("--db", blocker / "sub" / "netcadence.db", "add", "Ana"), "cannot create")
    assert blocker.read_text() == "I am a file"


def test_unusable_database_urls(nc):
    one_line_error(nc("--db", "mysql://user@host/db", "due"), "cannot use a mysql database")
    one_line_error(nc("--db", "sqlite:///:memory:", "due"), "SQLite URL")
    one_line_error(nc("--db", "sqlite:///x.db?mode=ro", "info"), "no options", "sqlite:///x.db")


@pytest.mark.sqlite_only
def test_a_file_name_that_looks_like_a_uri_is_that_file(db_url, tmp_path, monkeypatch, ok):
    """SQLite takes a name starting with `file:` as a URI: netcadence opens the file named."""
    monkeypatch.chdir(tmp_path)
    ok("--db", "file:people.db", "add", "Ana Ruiz")
    assert ok("--db", "file:people.db", "list", "--json").json()[0]["slug"] == "ana-ruiz"
    ok("--db", "file:people.db", "backup", "file:copy.db")
    assert sorted(p.name for p in tmp_path.glob("*people*")) == ["file:people.db"]
    assert stat.S_IMODE((tmp_path / "file:people.db").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "file:copy.db").stat().st_mode) == 0o600


# --- read-only databases -----------------------------------------------------------


def _read_only_mount_works() -> str | None:
    """Why a read-only bind mount cannot be used here, or None when it can."""
    if os.geteuid() != 0:
        return "needs root to make a read-only bind mount (as a user, chmod is enough)"
    if not shutil.which("unshare") or not shutil.which("mount"):
        return "needs unshare and mount"
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,ro,bind /tmp"],
        capture_output=True,
    )
    return None if probe.returncode == 0 else "this system does not allow bind mounts"


def require_read_only_mount() -> None:
    why = _read_only_mount_works()
    if why:
        pytest.skip(why)


def run_read_only(folder: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    """Run netcadence with `folder` mounted read-only (root ignores chmod, not this)."""
    script = (
        f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" '
        '&& exec "$@"'
    )
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", *NETCADENCE, *args],
        env=env, capture_output=True, text=True, timeout=60,
    )


@pytest.mark.sqlite_only
def test_a_read_only_database_can_be_read_but_not_written(db_url, ok, tmp_path):
    """chmod 0400 does not stop root, so the folder is also mounted read-only."""
    require_read_only_mount()
    seeded(ok)
    path = Path(db_url)
    path.chmod(0o400)
    before = path.read_bytes()
    env = {**os.environ, "NETCADENCE_DB": db_url, "NETCADENCE_TODAY": "2026-11-23",
           "NETCADENCE_CONFIG": str(tmp_path / "config.toml")}
    shown = run_read_only(path.parent, env, "show", "ana", "--json")
    assert shown.returncode == 0, shown.stderr
    import json

    assert json.loads(shown.stdout)["touches"][0]["channel"] == "call"
    for args in (["due"], ["list"], ["info"]):
        done = run_read_only(path.parent, env, *args)
        assert done.returncode == 0, (args, done.stderr)
    writes = (["log", "ana", "--channel", "email"], ["add", "Bob Stone"], ["rm", "ana", "--yes"])
    for args in writes:
        done = run_read_only(path.parent, env, *args)
        assert done.returncode == 1, (args, done)
        assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
        assert "read-only" in done.stderr and "Traceback" not in done.stderr
    assert path.read_bytes() == before


# --- locks -------------------------------------------------------------------------


def test_a_locked_database_waits_then_gives_up(db_url, ok, nc, backend):
    seeded(ok)
    before = dump_database(db_url if backend == "postgresql" else "sqlite:///" + db_url)
    release = threading.Event()
    locked = threading.Event()

    def hold_the_lock():
        if backend == "sqlite":
            conn = sqlite3.connect(db_url, isolation_level=None)
            conn.execute("BEGIN EXCLUSIVE")
        else:
            import psycopg

            from netcadence.store.db import WRITE_LOCK_KEY

            conn = psycopg.connect(libpq_url(db_url))
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
        locked.set()
        release.wait(30)
        conn.rollback() if backend == "postgresql" else conn.execute("ROLLBACK")
        conn.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert locked.wait(10)
        # Reading is not blocked by a writer.
        assert ok("show", "ana", "--json").json()["slug"] == "ana-ruiz"
        started = time.monotonic()
        result = nc("log", "ana", "--channel", "email")
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join()
    one_line_error(result, "locked")
    assert 4 <= waited < 15
    after = dump_database(db_url if backend == "postgresql" else "sqlite:///" + db_url)
    assert after == before
    assert ok("log", "ana", "--channel", "email").code == 0


# --- PostgreSQL servers and passwords ------------------------------------------------


def test_info_json_shape(db_url, ok, backend):
    seeded(ok)
    info = ok("info", "--json").json()
    assert set(info) == {"database", "backend", "schema_revision", "contacts", "touches"}
    assert info["backend"] == backend
    assert (info["contacts"], info["touches"]) == (1, 1)
    from netcadence.store.db import HEAD_REVISION

    assert info["schema_revision"] == HEAD_REVISION
    if backend == "sqlite":
        assert info["database"] == db_url
    text = ok("info").out
    assert HEAD_REVISION in text and backend in text


def test_a_password_in_the_url_is_never_printed(db_url, ok, nc, backend):
    if backend == "postgresql":
        # The test server trusts loopback, so any password connects.
        url = db_url.replace("://", "://netcadence:s3cr3t-pw@", 1).replace(
            "netcadence:s3cr3t-pw@netcadence@", "netcadence:s3cr3t-pw@")
        ok("--db", url, "add", "Ana Ruiz")
        for args in (["info"], ["info", "--json"]):
            shown = ok("--db", url, *args)
            assert "s3cr3t-pw" not in shown.out + shown.err
            assert "***" in shown.out
    refused = nc("--db", "postgresql+psycopg://ana:s3cr3t-pw@127.0.0.1:1/nothing", "due")
    one_line_error(refused)
    assert "s3cr3t-pw" not in refused.err and "***" in refused.err
    refused = nc("--db", "postgresql://ana:s3cr3t-pw@127.0.0.1:1/nothing?password=s3cr3t-pw",
                 "info", "--json")
    one_line_error(refused)
    assert "s3cr3t-pw" not in refused.err


def test_mask_password():
    from netcadence.store.db import mask_password

    assert mask_password("postgresql+psycopg://ana:pw@host:5432/db") == (
        "postgresql+psycopg://ana:***@host:5432/db")
    assert mask_password("postgresql://ana:p@ss@host/db") == "postgresql://ana:***@host/db"
    assert mask_password("postgresql://host/db?password=pw&sslmode=require") == (
        "postgresql://host/db?password=***&sslmode=require")
    assert mask_password("postgresql://ana@host/db") == "postgresql://ana@host/db"


@pytest.mark.skipif(pg_server_url() is None, reason="needs NETCADENCE_TEST_PG")
def test_a_missing_postgresql_database(nc):
    from tests.helpers import pg_url_for

    one_line_error(nc("--db", pg_url_for("nc_does_not_exist"), "due"), "cannot connect")


# --- a closed pipe -------------------------------------------------------------------


@pytest.mark.sqlite_only
@pytest.mark.parametrize("args", [
    ["due"], ["due", "--json"], ["list"], ["list", "--json"], ["find", "person"],
    ["export", "json"], ["plan"], ["review"], ["dormant"],
])
def test_a_closed_pipe_ends_quietly(db_url, ok, tmp_path, args):
    """`netcadence due | head -1`: the reader goes away after one line; the command stops
    with status 0 and says nothing, whichever way it was started."""
    import json

    # Touched long ago: every one is overdue and dormant, so each listing is long.
    people = [{"name": f"Person {n:04}", "cadence": "1w"} for n in range(3000)]
    touches = [{"contact": f"Person {n:04}", "date": "2026-03-01"} for n in range(3000)]
    source = tmp_path / "many.json"
    source.write_text(json.dumps({"netcadence": 1, "contacts": people, "touches": touches}))
    ok("import", "json", source)
    env = {**os.environ, "NETCADENCE_DB": db_url, "NETCADENCE_TODAY": "2026-11-23",
           "NETCADENCE_CONFIG": str(tmp_path / "config.toml")}
    env.pop("NETCADENCE_DEBUG", None)
    command = subprocess.Popen([*NETCADENCE, *args], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert command.stdout is not None and command.stderr is not None
    assert command.stdout.readline()
    command.stdout.close()
    status = command.wait(timeout=60)
    assert (status, command.stderr.read()) == (0, b"")


@pytest.mark.sqlite_only
def test_json_is_utf8_whatever_the_locale_says(db_url, ok, tmp_path):
    ok("add", "Zoë Núñez")
    env = {**os.environ, "NETCADENCE_DB": db_url, "NETCADENCE_TODAY": "2026-11-23",
           "NETCADENCE_CONFIG": str(tmp_path / "config.toml"), "PYTHONIOENCODING": "ascii"}
    shown = subprocess.run([*NETCADENCE, "show", "zoe", "--json"], env=env, capture_output=True)
    assert shown.returncode == 0, shown.stderr
    import json

    assert json.loads(shown.stdout.decode("utf-8"))["name"] == "Zoë Núñez"
    listed = subprocess.run([*NETCADENCE, "list"], env=env, capture_output=True)
    assert listed.returncode == 0 and listed.stderr == b""
    assert b"Zo? N??ez" in listed.stdout  # what ASCII cannot hold shows as '?'
