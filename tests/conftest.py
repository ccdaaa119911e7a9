"""Shared fixtures: run netcadence in-process against a fresh database per test."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from netcadence.cli.main import dispatch
from tests.helpers import (
    BACKENDS,
    PG_ENV,
    SPEC_SERIES,
    TODAY,
    PgDatabases,
    Result,
    pg_server_url,
    pg_url_for,
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only: the test is about SQLite files; not run on PostgreSQL"
    )


@pytest.fixture(scope="session")
def pg_databases():
    if pg_server_url() is None:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql+psycopg://user@host:port/db")
    databases = PgDatabases()
    yield databases
    databases.close()


@pytest.fixture
def pg_database(request, pg_databases):
    """A fresh, empty (unmigrated) PostgreSQL database for one test: its URL."""
    name = pg_databases.create(migrated=False)
    yield pg_url_for(name)
    pg_databases.drop(name)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """The backend a test runs on; PostgreSQL only when NETCADENCE_TEST_PG is set."""
    if request.param == "postgresql":
        if request.node.get_closest_marker("sqlite_only"):
            pytest.skip("about SQLite files only")
        if pg_server_url() is None:
            pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql+psycopg://user@host:port/db")
    return request.param


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """An empty SQLite database at the current schema, made once and copied per test."""
    from netcadence.store.db import locate, open_database

    path = tmp_path_factory.mktemp("template") / "netcadence.db"
    open_database(locate(str(path))).close()
    return path


def fresh_database(request, backend: str, path, *, migrated: bool = True) -> str:
    """A new database for one test: a SQLite file at `path` (a copy of the empty template,
    as `add` would create it: 0600 in a 0700 folder; with no schema, no file at all), or
    a PostgreSQL database (at the current schema, or with none) dropped after the test."""
    if backend == "sqlite":
        if migrated:
            path.parent.mkdir(mode=0o700)
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            path.chmod(0o600)
        return str(path)
    databases = request.getfixturevalue("pg_databases")
    name = databases.create(migrated=migrated)
    request.addfinalizer(lambda: databases.drop(name))
    return pg_url_for(name)


@pytest.fixture
def db_url(request, backend, tmp_path) -> str:
    """The database a test runs against, empty: a fresh SQLite file, or a fresh
    PostgreSQL database."""
    return fresh_database(request, backend, tmp_path / "data" / "netcadence.db")


@pytest.fixture
def another_db_url(request, backend, tmp_path) -> str:
    """A second empty database on the same backend as db_url (to restore or merge into)."""
    return fresh_database(request, backend, tmp_path / "another" / "netcadence.db")


@pytest.fixture
def empty_db_url(request, backend, tmp_path) -> str:
    """Like db_url, but a database with no schema at all (not even the first revision)."""
    return fresh_database(request, backend, tmp_path / "empty" / "netcadence.db",
                          migrated=False)


@pytest.fixture
def desk(tmp_path, monkeypatch) -> Path:
    """The user's own folders in a temporary one (HOME, XDG_CONFIG_HOME), and a PATH
    that holds only the programs a test puts in the folder returned (none by default):
    `remind` writes where a user's scheduler reads, and runs programs such as
    systemctl, which a test must never reach for real (tests/helpers.py fakes them)."""
    home = tmp_path / "desk" / "home"
    programs = tmp_path / "desk" / "programs"
    (home / ".config").mkdir(parents=True, exist_ok=True)
    programs.mkdir(exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("PATH", str(programs))
    return programs


@pytest.fixture
def nc(db_url, tmp_path, monkeypatch, capsys, desk):
    """Run a netcadence command line in-process; returns exit code, stdout, stderr."""
    monkeypatch.setenv("NETCADENCE_DB", db_url)
    monkeypatch.setenv("NETCADENCE_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("NETCADENCE_TODAY", TODAY)
    monkeypatch.setenv("NETCADENCE_USER", "tester")
    monkeypatch.delenv("NETCADENCE_DEBUG", raising=False)

    def run(*args: object, today: str | None = None) -> Result:
        capsys.readouterr()
        if today is not None:
            monkeypatch.setenv("NETCADENCE_TODAY", today)
        try:
            code = dispatch([str(a) for a in args])
        finally:
            if today is not None:
                monkeypatch.setenv("NETCADENCE_TODAY", TODAY)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def ok(nc):
    """Like nc, but the command must succeed."""

    def run(*args: object, today: str | None = None) -> Result:
        result = nc(*args, today=today)
        assert result.code == 0, f"{args} exited {result.code}: {result.err}"
        return result

    return run


def pytest_report_header(config):
    return f"TZ={os.environ.get('TZ', '(unset)')}"


@pytest.fixture
def spec_series(ok):
    """SPEC §5's `new-contact` cadence, defined; returns `ok`."""
    ok(*SPEC_SERIES)
    return ok



@pytest.fixture
def zone():
    """The process's time zone for one test: UTC, or the one the test sets with zone(NAME)."""
    before = os.environ.get("TZ")

    def set_zone(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    set_zone("UTC")
    yield set_zone
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()
