"""A command that fails takes back the database file it created, unless someone
else has it open (tests/cli/test_no_database.py has the commands' side)."""

from __future__ import annotations

import sqlite3

import pytest

from netcadence.store import db as store

pytestmark = pytest.mark.sqlite_only


def _new_database(path):
    store.command_starts()
    store.open_database(store.locate(str(path))).close()
    assert path.exists()


def test_an_empty_new_database_is_taken_back_after_a_failure(tmp_path):
    path = tmp_path / "made" / "x.db"
    _new_database(path)
    store.command_ended(failed=True)
    assert not (tmp_path / "made").exists()


def test_it_stays_after_a_command_that_succeeded(tmp_path):
    path = tmp_path / "x.db"
    _new_database(path)
    store.command_ended(failed=False)
    assert path.exists()


def test_it_stays_while_another_connection_has_it_open(tmp_path):
    """Another process may be about to write into it: its rows must not vanish."""
    path = tmp_path / "x.db"
    _new_database(path)
    other = sqlite3.connect(path)
    try:
        other.execute("SELECT COUNT(*) FROM contact").fetchone()  # maps the log, as a reader
        store.command_ended(failed=True)
        assert path.exists()
    finally:
        other.close()
