"""The command lines read without Typer print, exit and store exactly as the Typer app does.

cli/fast.py reads the hot commands (cli/hot.py) before Typer loads. Each line here
runs both ways on identical databases; stdout, stderr, exit status and what was
stored must be the same, for lines that succeed and for lines netcadence itself
refuses (reported by the quick path, never by running the command again through
Typer). Only what the parser rejects, and --help, goes to Typer.
"""

from __future__ import annotations

import shutil

import pytest

from netcadence.cli import fast
from netcadence.cli.main import dispatch

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def network(ok, nc):
    ok("cadence", "define", "new-contact", "--step", "1d:email:thank-you note",
       "--step", "1w:email:follow up", "--step", "1m:coffee", "--every", "3m")
    ok("cadence", "define", "prospect", "--step", "2d:email", "--every", "2m",
       "--give-up-after", "2")
    ok("cadence", "tag", "client", "2w")
    ok("add", "Ana Ruiz", "--tag", "client", "--email", "ana@example.com", today="2026-10-01")
    ok("add", "Ana Lopez", "--cadence", "1m", today="2026-09-01")
    ok("add", "José Núñez", "--cadence", "quarterly", "--tag", "partner", today="2026-06-01")
    ok("add", "[bold]Zed[/bold]", "--cadence", "1w", today="2026-11-20")
    ok("add", "Quiet Person", "--cadence", "prospect", today="2026-10-01")
    ok("log", "Bob Lee", "--new", "--cadence", "new-contact", "--when", "2026-11-01")
    ok("log", "bob", "-c", "email", "--when", "2026-11-02")
    ok("log", "quiet", "-c", "email", "--when", "2026-10-05")
    ok("log", "quiet", "-c", "email", "--when", "2026-10-09")
    ok("add", "No Cadence")
    return ok


def run_both(args, capsys):
    """(quick path result, Typer result), each (code, stdout, stderr)."""
    results = []
    for use_fast in (True, False):
        capsys.readouterr()
        try:
            code = dispatch([str(a) for a in args], fast=use_fast)
        except SystemExit as done:
            code = done.code
        out, err = capsys.readouterr()
        results.append((code, out, err))
    return results


def served(args) -> bool:
    """Whether the quick path runs this line itself (else the Typer app does)."""
    try:
        fast.read([str(a) for a in args])
    except fast.ToTyper:
        return False
    return True


DUE_LINES = [
    (), ("--json",), ("due",), ("due", "--json"), ("due", "--within", "2w"),
    ("due", "--within=1m", "--json"), ("due", "--on", "friday"), ("due", "--on", "2026-12-20"),
    ("due", "--tag", "client"), ("due", "--tag", "CLIENT", "--json"), ("due", "--limit", "2"),
    ("due", "--all"), ("due", "--within", "1y", "--limit", "3", "--json"),
    ("--json", "due"), ("due", "--json", "--json"), ("due", "--within", "1d", "--within", "3w"),
    ("due", "--limit", " 2"),
]
DUE_ERRORS = [  # netcadence's own errors, reported by the quick path
    ("due", "--within", "soon"), ("due", "--on", "2026-02-30"), ("due", "--limit", "0"),
    ("due", "--limit", "-1"), ("due", "--tag", "x", "--on", "someday"),
]
DUE_TO_TYPER = [  # the parser's errors and help
    ("due", "--limit", "x"), ("due", "--help"), ("due", "-h"), ("due", "--bogus"),
    ("due", "extra"), ("due", "--within"), ("due", "--json=1"), ("--version",),
    ("due", "--", "x"), ("--help",), ("--db",), ("nosuchcommand",), ("--", "due"),
]


@pytest.mark.parametrize("args", DUE_LINES + DUE_ERRORS)
def test_due_read_without_typer_prints_the_same(network, capsys, args):
    fast_result, typer_result = run_both(args, capsys)
    assert fast_result == typer_result
    assert served(args)
    if args in DUE_ERRORS:
        assert fast_result[0] == 1 and fast_result[1] == "" and fast_result[2].count("\n") == 1
    else:
        assert fast_result[0] == 0 and fast_result[1]


@pytest.mark.parametrize("args", DUE_TO_TYPER)
def test_due_lines_it_does_not_read_go_to_typer(network, capsys, args):
    assert not served(args)
    fast_result, typer_result = run_both(args, capsys)
    assert fast_result == typer_result


def test_due_with_a_capacity_and_an_empty_day(network, monkeypatch, capsys, ok):
    ok("config", "set", "capacity", "2")
    for args in [("due",), ("due", "--all"), ("due", "--json")]:
        fast_result, typer_result = run_both(args, capsys)
        assert fast_result == typer_result
    assert "more wait" in fast_result[1] or fast_result[1].startswith("[")
    monkeypatch.setenv("NETCADENCE_TODAY", "2026-06-01")
    fast_result, typer_result = run_both(("due",), capsys)
    assert fast_result == typer_result
    assert "Nothing due" in fast_result[1]


def test_due_on_vacation_and_with_goals(network, capsys, ok):
    ok("goal", "add", "calls", "--count", "2", "--per", "week")
    fast_result, typer_result = run_both(("due",), capsys)
    assert fast_result == typer_result
    ok("pause", "--all", "--until", "2026-12-01")
    fast_result, typer_result = run_both(("due",), capsys)
    assert fast_result == typer_result
    assert "vacation" in fast_result[1].lower()


REPORT_LINES = [
    ("review",), ("review", "--json"), ("review", "--week", "2026-W47"),
    ("review", "--week=2026-11-10", "--json"), ("stats",), ("stats", "--since", "8w"),
    ("stats", "--by", "--json"), ("stats", "--since=2026-10-01", "--by"),
    ("goal", "list"), ("goal", "list", "--json"), ("--db", "{db}", "review"),
    ("--json", "review"), ("--json", "stats", "--by"), ("--json", "goal", "list", "--json"),
    ("review", "--json", "--json"),
]
REPORT_ERRORS = [
    ("review", "--week", "2026-W99"), ("review", "--week", "2027-W02"),
    ("stats", "--since", "soon"), ("stats", "--since", "2030-01-01"),
]
REPORT_TO_TYPER = [
    ("review", "--help"), ("review", "--bogus"), ("review", "extra"), ("stats", "--by=yes"),
    ("goal", "list", "x"), ("goal", "rm", "nothing"), ("goal",), ("goal", "--help"),
    ("goal", "--json", "list"), ("--json", "goal", "rm", "x"),
]


@pytest.fixture
def goals(network, ok):
    ok("goal", "add", "weekly reach", "--count", "2")
    ok("goal", "add", "client calls", "--count", "1", "--per", "month", "--tag", "client",
       "--channel", "call")
    ok("goal", "add", "events", "--count", "1", "--per", "quarter", "--count-by", "events")
    return ok


@pytest.mark.parametrize("args", REPORT_LINES + REPORT_ERRORS)
def test_the_weekly_commands_read_without_typer_print_the_same(goals, capsys, args):
    from netcadence.store.db import locate

    args = tuple(str(locate(None).path) if a == "{db}" else a for a in args)
    fast_result, typer_result = run_both(args, capsys)
    assert fast_result == typer_result
    assert served(args)
    assert fast_result[0] == (1 if args in REPORT_ERRORS else 0)
    assert fast_result[1] or fast_result[2].startswith("netcadence: ")


def test_no_goals_yet_reads_the_same(network, capsys):
    fast_result, typer_result = run_both(("goal", "list"), capsys)
    assert fast_result == typer_result
    assert "No goals yet" in fast_result[1]


@pytest.mark.parametrize("args", REPORT_TO_TYPER)
def test_weekly_lines_it_does_not_read_go_to_typer(goals, capsys, args):
    assert not served(args)
    fast_result, typer_result = run_both(args, capsys)
    assert fast_result == typer_result
    assert fast_result[1] or fast_result[2].startswith(("netcadence:", "Usage", "Error"))


LOG_LINES = [
    ("log", "ana-ruiz", "--note", "wants intros to fintech"),
    ("log", "Ana Ruiz", "-c", "coffee", "--when", "yesterday"),
    ("log", "ana@example.com", "--channel=email", "--in"),
    ("log", "jose", "--ask"),
    ("log", "bob", "-c", "email", "--give", "--ask", "--by", "Me", "--when", "2026-11-12"),
    ("log", "bold-zed-bold", "--note", "[red]x[/red]"),
    ("log", "quiet", "-c", "text"),
    ("log", "no cadence"),
    ("log", "lopez", "--note", ""),
    ("log", "ana-ruiz", "--note", "-x"),
    ("log", "Somebody New", "--new"),
    ("log", "Somebody New", "--new", "--cadence", "prospect", "-c", "coffee"),
    ("log", "ana-ruiz", "--new", "--cadence", "2w"),
    ("log", "--in", "ana-ruiz", "-c", "call", "-c", "visit"),
    ("log", "ana-ruiz", "-ccall"), ("log", "--note", "x", "--", "ana-ruiz"),
]
LOG_ERRORS = [
    ("log", "nobody"), ("log", "ana"), ("log", "ana-ruiz", "--when", "tomorrow"),
    ("log", "ana-ruiz", "-c", "coffe"), ("log", "ana-ruiz", "--cadence", "1w"),
    ("log", "ana-ruiz", "--when", "2026-02-30"), ("log", "New One", "--new", "--cadence", "x"),
    ("log", "ana-ruiz", "-c=coffee"), ("log", "--", "--new"),
]
LOG_TO_TYPER = [
    ("log", "ana-ruiz", "--help"), ("log",), ("log", "ana-ruiz", "extra"),
    ("--json", "log", "ana-ruiz"), ("log", "ana-ruiz", "--when"), ("log", "ana-ruiz", "-x"),
    ("log", "ana-ruiz", "--in=yes"), ("log", "--", "ana-ruiz", "--note", "x"),
]


def _copies(tmp_path, db_url):
    """Two copies of the database, one for each path."""
    copies = []
    for name in ("fast.db", "typer.db"):
        target = tmp_path / name
        shutil.copy(db_url, target)
        copies.append(str(target))
    return copies


def _log_both(args, tmp_path, monkeypatch, capsys, db_url):
    results = []
    for use_fast, path in zip((True, False), _copies(tmp_path, db_url), strict=True):
        monkeypatch.setenv("NETCADENCE_DB", path)
        capsys.readouterr()
        code = dispatch([str(a) for a in args], fast=use_fast)
        out, err = capsys.readouterr()
        dispatch(["list", "--json", "--status", "all"])
        listed, _ = capsys.readouterr()
        dispatch(["show", args[1], "--json"] if len(args) > 1 else ["list", "--json"])
        shown, _ = capsys.readouterr()
        results.append((code, out, err, listed, shown))
    monkeypatch.setenv("NETCADENCE_DB", db_url)
    return results


@pytest.mark.parametrize("args", LOG_LINES + LOG_ERRORS)
def test_log_read_without_typer_records_and_prints_the_same(
    network, tmp_path, monkeypatch, capsys, db_url, args,
):
    fast_result, typer_result = _log_both(args, tmp_path, monkeypatch, capsys, db_url)
    assert fast_result == typer_result
    assert served(args)
    if args in LOG_ERRORS:
        assert fast_result[0] == 1 and fast_result[1] == "" and fast_result[2].count("\n") == 1
    else:
        assert fast_result[0] == 0 and "Logged touch" in fast_result[1]


@pytest.mark.parametrize("args", LOG_TO_TYPER)
def test_log_lines_it_does_not_read_go_to_typer(
    network, tmp_path, monkeypatch, capsys, db_url, args,
):
    assert not served(args)
    fast_result, typer_result = _log_both(args, tmp_path, monkeypatch, capsys, db_url)
    assert fast_result == typer_result
    succeeds = {("log", "ana-ruiz", "--help")}
    assert (fast_result[0] == 0) == (args in succeeds)


def test_an_error_runs_the_command_once(network, monkeypatch, capsys):
    """A refused line is reported by the quick path: the Typer app is never asked."""
    from netcadence.cli import main

    def no_typer(argv=None):
        raise AssertionError("the Typer app ran")

    monkeypatch.setattr(main, "_dispatch_typer", no_typer)
    for args in (("log", "nobody"), ("due", "--within", "soon"), ("review", "--week", "x")):
        capsys.readouterr()
        assert dispatch(list(args)) == 1
        assert capsys.readouterr().err.startswith("netcadence: ")


def test_the_gentle_warning_on_an_ask(network, tmp_path, monkeypatch, capsys, db_url):
    fast_result, _ = _log_both(("log", "jose", "--ask"), tmp_path, monkeypatch, capsys, db_url)
    assert "give before you ask" in fast_result[2]
