"""Start-up cost: the daily commands load neither the ORM, the migrations, Typer nor Rich.

Each command runs in its own process against an up-to-date SQLite database, and
the process reports every module it loaded.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from netcadence.cli.app import COMMANDS

pytestmark = pytest.mark.sqlite_only

HEAVY = ("sqlmodel", "sqlalchemy", "alembic", "typer", "rich", "rapidfuzz", "pydantic")
REPORT = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n"))
from netcadence.cli.main import run
run(sys.argv[1:])
"""


def loaded(*args: str, whole: bool = False) -> tuple[subprocess.CompletedProcess, set[str]]:
    """The command's process, and the packages it loaded (every module with `whole`)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("_NETCADENCE_COMPLETE", None)
    result = subprocess.run(
        [sys.executable, "-c", REPORT, *args], env=env, capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=60,
    )
    line = result.stderr.rsplit("MODULES ", 1)[-1]
    return result, {name if whole else name.split(".")[0] for name in line.split()}


@pytest.fixture
def network(ok):
    ok("cadence", "define", "new-contact", "--step", "1d:email:thanks", "--every", "3m")
    ok("add", "Ana Ruiz", "--cadence", "1w", "--tag", "client", today="2026-11-01")
    ok("log", "Bob Lee", "--new", "--cadence", "new-contact", "--when", "2026-11-10")
    return ok


@pytest.mark.parametrize("args", [
    ("due",), (), ("--json",), ("due", "--json"), ("due", "--within", "2w", "--tag", "client"),
    ("log", "ana", "--note", "coffee soon", "-c", "email"),
])
def test_daily_commands_load_no_heavy_module(network, args):
    result, modules = loaded(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert not modules & set(HEAVY), f"{args} loaded {sorted(modules & set(HEAVY))}"


def test_the_agenda_it_prints_is_the_agenda(network):
    result, _ = loaded("due", "--json")
    rows = __import__("json").loads(result.stdout)
    assert [row["slug"] for row in rows] == ["bob-lee", "ana-ruiz"]


def test_an_error_still_reads_as_one_line(network):
    """The quick path reports it itself: Typer is not loaded to run the command again."""
    result, modules = loaded("log", "nobody-at-all")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("netcadence: no contact matches 'nobody-at-all'")
    assert not modules & set(HEAVY), f"log <unknown> loaded {sorted(modules & set(HEAVY))}"


COMMAND_MODULES = set(COMMANDS.values())


@pytest.mark.parametrize(("args", "module"), [
    (("info",), "tools"), (("show", "ana"), "contacts"), (("list",), "contacts"),
    (("cadence", "list"), "cadences"), (("config", "show"), "settings"),
])
def test_other_commands_load_only_their_own_module(network, args, module):
    result, modules = loaded(*args, whole=True)
    assert result.returncode == 0, result.stderr
    commands = {name.rsplit(".", 1)[-1] for name in modules
                if name.startswith("netcadence.cli.") and name.rsplit(".", 1)[-1] in
                COMMAND_MODULES}
    assert commands == {module}


def test_help_goes_through_the_full_app(network):
    result, modules = loaded("due", "--help")
    assert result.returncode == 0
    assert "--within" in result.stdout
    assert "typer" in modules


def test_completion_of_a_contact_loads_no_heavy_module(network, monkeypatch):
    monkeypatch.setenv("_NETCADENCE_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "netcadence log an")
    monkeypatch.setenv("COMP_CWORD", "2")
    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-c", REPORT], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.split("\n")[0] == "ana-ruiz"
    modules = {n.split(".")[0] for n in result.stderr.rsplit("MODULES ", 1)[-1].split()}
    assert not modules & set(HEAVY)


def test_the_goals_above_the_agenda_load_no_heavy_module(network, nc):
    if nc("goal", "add", "calls", "--count", "5", "--per", "week", "--channel", "call").code:
        pytest.skip("no goals in this build")
    result, modules = loaded("due")
    assert result.returncode == 0, result.stderr
    assert "calls" in result.stdout.splitlines()[0]
    assert not modules & set(HEAVY), f"due loaded {sorted(modules & set(HEAVY))}"


@pytest.mark.parametrize("args", [
    ("review",), ("review", "--json"), ("stats",), ("stats", "--by"), ("goal", "list"),
    ("goal", "list", "--json"),
])
def test_the_weekly_commands_load_no_heavy_module(network, nc, args):
    if nc("goal", "add", "calls", "--count", "5", "--per", "week", "--tag", "client").code:
        pytest.skip("no goals in this build")
    result, modules = loaded(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert not modules & set(HEAVY), f"{args} loaded {sorted(modules & set(HEAVY))}"


# What the agenda's rows of other kinds need, loaded only when one may show.
RELATIONSHIP_MODULES = {"netcadence.app.intros", "netcadence.app.relations",
                        "netcadence.engine.intros", "netcadence.engine.jobs",
                        "netcadence.engine.strength", "netcadence.store.intros",
                        "netcadence.store.jobs", "netcadence.store.relations"}


def test_due_asks_first_whether_an_introduction_or_a_job_change_waits(network, monkeypatch):
    """Most days no proposal waits and no job change is recent: `due` then loads
    nothing of them (nor strength, which lists and schedules use)."""
    network("intro", "ana", "bob", "--propose", today="2026-11-20")  # not waiting yet
    result, modules = loaded("due", whole=True)
    assert result.returncode == 0, result.stderr
    assert not modules & RELATIONSHIP_MODULES, sorted(modules & RELATIONSHIP_MODULES)
    monkeypatch.setenv("NETCADENCE_TODAY", "2026-12-10")  # the proposal now waits
    result, modules = loaded("due", "--json", whole=True)
    assert result.returncode == 0, result.stderr
    assert "netcadence.app.intros" in modules
    assert "intro" in [row["kind"] for row in __import__("json").loads(result.stdout)]


# Modules `due` has no use for, which cost it most at start (measured as installed:
# dataclasses with the inspect module it imports, 10 ms of a 50 ms `due`; the cadence
# rules and the contact store a few more): its records are named tuples, and the
# rules load only when schedules are computed again.
NOT_FOR_DUE = {"dataclasses", "inspect", "typing", "netcadence.engine.schedule",
               "netcadence.store.schedule", "netcadence.store.contacts",
               "netcadence.store.cadences"}


@pytest.mark.parametrize("args", [("due",), ("due", "--json"), ()])
def test_due_loads_neither_dataclasses_nor_the_cadence_rules(network, args):
    result, modules = loaded(*args, whole=True)
    assert result.returncode == 0, result.stderr
    assert not modules & NOT_FOR_DUE, sorted(modules & NOT_FOR_DUE)
