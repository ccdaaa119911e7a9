"""Shared fixtures: run netcadence in-process against a fresh database per test."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from netcadence.cli.main import dispatch

TODAY = "2026-11-23"
FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def db_url(tmp_path) -> str:
    """The database a test runs against: a fresh SQLite file."""
    return str(tmp_path / "data" / "netcadence.db")


@pytest.fixture
def nc(db_url, tmp_path, monkeypatch, capsys):
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
