"""The command lines read without Typer print and exit exactly as the Typer app does.

`due` and `log` are read by cli/fast.py before Typer loads; each case here runs
both ways on identical databases and compares stdout, stderr, exit status and
what was stored.
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


def run_both(args, monkeypatch, capsys):
    """(fast result, Typer result), each (code, stdout, stderr)."""
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


DUE_LINES = [
    (), ("--json",), ("due",), ("due", "--json"), ("due", "--within", "2w"),
    ("due", "--within=1m", "--json"), ("due", "--on", "friday"), ("due", "--on", "2026-12-20"),
    ("due", "--tag", "client"), ("due", "--tag", "CLIENT", "--json"), ("due", "--limit", "2"),
    ("due", "--all"), ("due", "--within", "1y", "--limit", "3", "--json"),
    ("--json", "due"),
]
DUE_FALLBACKS = [
    ("due", "--within", "soon"), ("due", "--on", "2026-02-30"), ("due", "--limit", "0"),
    ("due", "--limit", "x"), ("due", "--limit", "-1"), ("due", "--help"), ("due", "--bogus"),
    ("due", "--json", "--json"), ("due", "extra"), ("due", "--within"), ("due", "--json=1"),
    ("--version",), ("due", "--", "x"),
]


@pytest.mark.parametrize("args", DUE_LINES)
def test_due_read_without_typer_prints_the_same(network, monkeypatch, capsys, args):
    fast_result, typer_result = run_both(args, monkeypatch, capsys)
    assert fast_result == typer_result
    assert fast_result[0] == 0 and fast_result[1]
    capsys.readouterr()
    assert fast.run(list(args)) == 0, "this line should not need Typer"


@pytest.mark.parametrize("args", DUE_FALLBACKS)
def test_due_lines_it_does_not_read_go_to_typer(network, monkeypatch, capsys, args):
    assert fast.run(list(args)) is None
    fast_result, typer_result = run_both(args, monkeypatch, capsys)
    assert fast_result == typer_result


def test_due_with_a_capacity_and_an_empty_day(network, monkeypatch, capsys, ok):
    ok("config", "set", "capacity", "2")
    for args in [("due",), ("due", "--all"), ("due", "--json")]:
        fast_result, typer_result = run_both(args, monkeypatch, capsys)
        assert fast_result == typer_result
    assert "more wait" in fast_result[1] or fast_result[1].startswith("[")
    monkeypatch.setenv("NETCADENCE_TODAY", "2026-06-01")
    fast_result, typer_result = run_both(("due",), monkeypatch, capsys)
    assert fast_result == typer_result
    assert "Nothing due" in fast_result[1]


def test_due_on_vacation_and_with_goals(network, monkeypatch, capsys, ok, nc):
    if nc("goal", "add", "calls", "--count", "2", "--per", "week").code == 0:
        fast_result, typer_result = run_both(("due",), monkeypatch, capsys)
        assert fast_result == typer_result
    ok("pause", "--all", "--until", "2026-12-01")
    fast_result, typer_result = run_both(("due",), monkeypatch, capsys)
    assert fast_result == typer_result
    assert "vacation" in fast_result[1].lower()


REPORT_LINES = [
    ("review",), ("review", "--json"), ("review", "--week", "2026-W47"),
    ("review", "--week=2026-11-10", "--json"), ("stats",), ("stats", "--since", "8w"),
    ("stats", "--by", "--json"), ("stats", "--since=2026-10-01", "--by"),
    ("goal", "list"), ("goal", "list", "--json"), ("--db", "{db}", "review"),
    ("--json", "review"), ("--json", "stats", "--by"), ("--json", "goal", "list", "--json"),
]
REPORT_FALLBACKS = [
    ("review", "--week", "2026-W99"), ("review", "--week", "2027-W02"), ("review", "--help"),
    ("review", "--bogus"), ("review", "extra"), ("stats", "--since", "soon"),
    ("stats", "--since", "2030-01-01"), ("stats", "--by=yes"), ("goal", "list", "x"),
    ("goal", "rm", "nothing"), ("goal",), ("review", "--json", "--json"), ("goal", "--help"),
]


@pytest.fixture
def goals(network, ok):
    ok("goal", "add", "weekly reach", "--count", "2")
    ok("goal", "add", "client calls", "--count", "1", "--per", "month", "--tag", "client",
       "--channel", "call")
    ok("goal", "add", "events", "--count", "1", "--per", "quarter", "--count-by", "events")
    return ok


@pytest.mark.parametrize("args", REPORT_LINES)
def test_the_weekly_commands_read_without_typer_print_the_same(
    goals, monkeypatch, capsys, args
):
    from netcadence.store.db import locate

    args = tuple(str(locate(None).path) if a == "{db}" else a for a in args)
    fast_result, typer_result = run_both(args, monkeypatch, capsys)
    assert fast_result == typer_result
    assert fast_result[0] == 0 and fast_result[1]
    capsys.readouterr()
    assert fast.run(list(args)) == 0, "this line should not need Typer"


def test_no_goals_yet_reads_the_same(network, monkeypatch, capsys):
    fast_result, typer_result = run_both(("goal", "list"), monkeypatch, capsys)
    assert fast_result == typer_result
    assert "No goals yet" in fast_result[1]


@pytest.mark.parametrize("args", REPORT_FALLBACKS)
def test_weekly_lines_it_does_not_read_go_to_typer(goals, monkeypatch, capsys, args):
    assert fast.run(list(args)) is None
    fast_result, typer_result = run_both(args, monkeypatch, capsys)
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
]
LOG_FALLBACKS = [
    ("log", "nobody"), ("log", "ana"), ("log", "ana-ruiz", "--when", "tomorrow"),
    ("log", "ana-ruiz", "-c", "coffe"), ("log", "ana-ruiz", "--cadence", "1w"),
    ("log", "Somebody New", "--new"), ("log", "ana-ruiz", "--help"), ("log",),
    ("log", "ana-ruiz", "extra"), ("log", "ana-ruiz", "--when", "2026-02-30"),
    ("log", "ana-ruiz", "-c=coffee"), ("log", "ana-ruiz", "--note", "-x"),
    ("--json", "log", "ana-ruiz"),
]


def _two_copies(tmp_path, monkeypatch, db_url):
    from netcadence.cli.session import current

    current().close()  # the last command's connection: its writes reach the file
    copies = []
    for name in ("fast.db", "typer.db"):
        target = tmp_path / name
        shutil.copy(db_url, target)
        copies.append(str(target))
    return copies


def _log_both(args, tmp_path, monkeypatch, capsys, db_url):
    results = []
    for use_fast, path in zip((True, False), _two_copies(tmp_path, monkeypatch, db_url),
                              strict=True):
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


@pytest.mark.parametrize("args", LOG_LINES)
def test_log_read_without_typer_records_and_prints_the_same(
    network, tmp_path, monkeypatch, capsys, db_url, args,
):
    fast_result, typer_result = _log_both(args, tmp_path, monkeypatch, capsys, db_url)
    assert fast_result == typer_result
    assert fast_result[0] == 0 and fast_result[1].startswith("Logged touch")


@pytest.mark.parametrize("args", LOG_FALLBACKS)
def test_log_lines_it_does_not_read_go_to_typer(
    network, tmp_path, monkeypatch, capsys, db_url, args,
):
    fast_result, typer_result = _log_both(args, tmp_path, monkeypatch, capsys, db_url)
    assert fast_result == typer_result
    succeeds = {("log", "ana-ruiz", "--help"), ("log", "Somebody New", "--new"),
                ("log", "ana-ruiz", "--note", "-x")}
    assert (fast_result[0] == 0) == (args in succeeds)
    assert fast.run(list(args)) is None or args not in succeeds


def test_the_gentle_warning_on_an_ask(network, tmp_path, monkeypatch, capsys, db_url):
    fast_result, _ = _log_both(("log", "jose", "--ask"), tmp_path, monkeypatch, capsys, db_url)
    assert "give before you ask" in fast_result[2]
