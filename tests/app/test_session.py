"""A command's session: one database, and one today for the whole command."""

from __future__ import annotations

from datetime import date

from netcadence.app.session import Session


def test_today_is_read_once_per_command(monkeypatch):
    """A command that runs across midnight keeps working on the day it started."""
    monkeypatch.setenv("NETCADENCE_TODAY", "2026-11-23")
    session = Session()
    assert session.today() == date(2026, 11, 23)
    monkeypatch.setenv("NETCADENCE_TODAY", "2026-11-24")  # midnight passes
    assert session.today() == date(2026, 11, 23)
    assert Session().today() == date(2026, 11, 24)  # the next command


def test_due_on_sets_the_day_the_command_works_on(monkeypatch):
    monkeypatch.setenv("NETCADENCE_TODAY", "2026-11-23")
    session = Session()
    session.as_of(date(2026, 12, 1))
    assert session.today() == date(2026, 12, 1)
