"""Random command lines: never a traceback, and a command that fails writes nothing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import dump_database

SKIPPED_COMMANDS = {"demo"}  # builds its own throwaway database; covered by its own tests

VALUES = [
    "Ana Ruiz", "ana", "ana-ruiz", "ANA", "José Núñez", "jose", "bob", "ana@example.com", "Nobody",
    "2026-11-20", "2026-02-30", "yesterday", "tomorrow", "3 days ago", "in 2 weeks", "monday",
    "last friday", "2027-01-01", "2w", "0d", "-1m", "monthly", "1x", "3q", "none", "default",
    "0", "1", "-1", "5", "99999999999999999999", "call", "coffee", "emial", "client", "week",
    "month", "2026-W47", "2026-W99", "1d:email:thanks", "1w", "bad:step:x:y", "capacity",
    "dormant_days", "json", "csv", "ics", "linkedin", "x.json", "", " ", "[bold]x[/bold]",
    "\x1b[31mred", "a\nb", "--", "-", "%", "_", "'; DROP TABLE contact; --",
]


def command_catalogue() -> list[tuple[list[str], list[str]]]:
    """Every command path with the options it takes (read from the application)."""
    from netcadence.cli import compat
    from netcadence.cli.app import app

    found = []

    def walk(command, path):
        subcommands = compat.commands_of(command)
        if subcommands:
            for name, sub in subcommands.items():
                if name not in SKIPPED_COMMANDS:
                    walk(sub, [*path, name])
            return
        options = [o for p in command.params if p.param_type_name == "option" for o in p.opts]
        found.append((path, [o for o in options if o not in ("--help", "-h")]))

    walk(compat.get_command(app), [])
    return found


CATALOGUE = command_catalogue()


@st.composite
def command_lines(draw):
    path, options = draw(st.sampled_from(CATALOGUE))
    words = st.one_of(
        st.sampled_from(VALUES),
        st.sampled_from(options or ["--json"]),
        st.text(max_size=12),
    )
    args = draw(st.lists(words, max_size=6))
    prefix = draw(st.sampled_from([[], [], ["--json"]]))
    return [*prefix, *path, *args]


@pytest.fixture
def seeded(ok, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files a command line names land here
    ok("cadence", "define", "new-contact", "--step", "1d:email:thanks", "--every", "3m")
    ok("add", "Ana Ruiz", "--email", "ana@example.com", "--tag", "client", "--cadence", "2w")
    ok("add", "José Núñez", "--cadence", "new-contact")
    ok("add", "Bob Stone")
    ok("log", "ana", "--channel", "coffee", "--when", "2026-11-02", "--give")
    ok("goal", "add", "calls", "--count", "2", "--per", "week", "--channel", "call")
    return ok


def _check(nc, url, args):
    before = dump_database(url)
    result = nc(*args)
    assert "Traceback" not in result.err + result.out, (args, result.err)
    assert "unexpected error" not in result.err, (args, result.err)
    assert result.code in (0, 1, 2), (args, result)
    if result.code != 0:
        assert result.err.strip(), (args, "an error without a message")
        assert dump_database(url) == before, (args, result.err, "a failed command wrote")


def test_random_command_lines(db_url, seeded, nc, backend):
    url = db_url if backend == "postgresql" else "sqlite:///" + db_url

    @settings(
        max_examples=150 if backend == "sqlite" else 40, deadline=None, database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(command_lines())
    def run(args):
        _check(nc, url, args)

    run()
