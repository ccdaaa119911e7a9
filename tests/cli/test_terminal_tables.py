"""Tables on narrow terminals and in pipes (today is Monday 2026-11-23).

On a terminal the agenda keeps every word whole: below the width where its columns
fit, it leaves out last touch, then slug, then what, before it folds a name, and it
never breaks a date or a status. In a pipe nothing folds, and names are cut short.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

ESCAPES = re.compile(r"\x1b\[[0-9;]*m")
# Runs netcadence and reports on stderr every module it loaded.
REPORT = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n"))
from netcadence.cli.main import run
run(sys.argv[1:])
"""
LONG = ("Maximiliana Genoveva Fitzgerald-Wolstenholme de la Cruz y Santiesteban Aurelio "
        "Bartolomé Montenegro Villavicencio of Greater Pemberton-on-the-Wold and Sons Ltd")


@pytest.fixture
def agenda(spec_series):
    """Ana 39 days late and never touched, Sofia at a series step, Bob due today, and
    李小龍 (two columns a character) due in a week."""
    ok = spec_series
    ok("add", "Ana Ruiz", "--cadence", "1w", today="2026-10-08")
    ok("log", "Sofia Hugo Nguyen", "--new", "--cadence", "new-contact", "--when", "2026-11-21")
    ok("add", "Bob Lee", "--cadence", "2w", today="2026-11-09")
    ok("log", "bob", "--when", "2026-11-09")
    ok("add", "李小龍", "--cadence", "1w")
    return ok


def on_terminal(ok, monkeypatch, columns: int, *args: str) -> list[str]:
    monkeypatch.setattr("netcadence.render.output.on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return ok(*args).out.splitlines()


def on_pty(columns: int, *args: str) -> tuple[list[str], set[str]]:
    """The command's output in a pseudo-terminal `columns` wide (no COLUMNS: the
    terminal's own size), and the top-level modules it loaded."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {key: value for key, value in os.environ.items()
           if key not in ("COLUMNS", "LINES", "NO_COLOR", "_NETCADENCE_COMPLETE")}
    env.update(TERM="xterm-256color", PYTHONDONTWRITEBYTECODE="1")
    process = subprocess.Popen(
        [sys.executable, "-c", REPORT, *args], stdin=slave, stdout=slave,
        stderr=subprocess.PIPE, env=env,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    stderr = process.communicate(timeout=60)[1].decode()
    assert process.returncode == 0, stderr
    modules = {name.split(".")[0] for name in stderr.rsplit("MODULES ", 1)[-1].split()}
    return chunks and b"".join(chunks).decode().replace("\r\n", "\n").splitlines() or [], modules


WIDTHS = [
    # columns: the columns shown
    (100, ["name", "slug", "due", "when", "what", "last touch"]),
    (80, ["name", "slug", "due", "when", "what"]),
    (70, ["name", "due", "when", "what"]),
    (50, ["name", "due", "when"]),
    (40, ["name", "due", "when"]),
]


@pytest.mark.parametrize(("columns", "shown"), WIDTHS)
def test_a_narrow_terminal_leaves_columns_out_and_keeps_words_whole(
    agenda, monkeypatch, columns, shown
):
    lines = [ESCAPES.sub("", line) for line in
             on_terminal(agenda, monkeypatch, columns, "due", "--within", "2w")]
    table = lines[:lines.index("2 overdue, 1 due today, 1 upcoming")]
    header = table[0]
    assert re.split(r"\s{2,}", header.strip()) == shown
    assert all(len(line) + line.count("李小龍") * 3 <= columns for line in table), table
    rows = "\n".join(table[1:])
    for word in ("overdue", "due", "upcoming", "2026-10-15", "2026-11-23", "2026-11-30",
                 "today", "Ana Ruiz", "Bob Lee", "李小龍"):
        assert word in rows, f"{word!r} broken at {columns} columns:\n" + "\n".join(table)
    assert ("never" in rows) == ("last touch" in shown)
    assert "Sofia" in rows and "Nguyen" in rows  # wrapped between words, not folded
    assert all(len(part) > 1 for line in table for part in line.split())  # no lone letters


@pytest.mark.parametrize(("columns", "shown"), WIDTHS[1:])
@pytest.mark.sqlite_only
def test_a_pseudo_terminal_is_laid_out_as_columns_say(agenda, monkeypatch, columns, shown):
    lines, modules = on_pty(columns, "due", "--within", "2w")
    assert lines == on_terminal(agenda, monkeypatch, columns, "due", "--within", "2w")
    assert "\x1b[31moverdue" in "\n".join(lines)  # styled
    assert not modules & {"rich", "typer", "sqlalchemy"}


def test_a_name_folds_only_once_every_column_that_can_go_is_gone(ok, monkeypatch):
    ok("add", "Ann Featherstonehaugh-Smythe", "--cadence", "1w", today="2026-10-08")
    lines = [ESCAPES.sub("", line) for line in on_terminal(ok, monkeypatch, 40, "due")]
    assert lines[0].split() == ["name", "due", "when"]
    assert lines[1] == "overdue  Ann        2026-10-15  39d late"
    assert [line.strip() for line in lines[2:-1]] == ["Featherst", "onehaugh-", "Smythe"]


@pytest.mark.parametrize(("columns", "shown"), [
    (100, ["name", "slug", "status", "tags", "cadence", "next due", "last touch"]),
    (70, ["name", "slug", "status", "tags", "cadence", "next due"]),
    (50, ["name", "status", "cadence", "next due"]),
    (40, ["name", "status", "next due"]),
])
def test_lists_and_touches_leave_their_own_columns_out(agenda, monkeypatch, columns, shown):
    agenda("log", "bob", "--note", "wants intros to fintech founders", "--by", "maria")
    lines = [ESCAPES.sub("", line) for line in on_terminal(agenda, monkeypatch, columns, "list")]
    assert re.split(r"\s{2,}", lines[0].strip()) == shown
    assert all(len(line) + line.count("李小龍") * 3 <= columns for line in lines), lines
    assert any(line.startswith("Sofia Hugo Nguyen") or line.startswith("Sofia Hugo ")
               for line in lines)
    lines = [ESCAPES.sub("", line) for line in on_terminal(agenda, monkeypatch, 50, "show", "bob")]
    table = lines[lines.index(next(line for line in lines if line.startswith("id "))):]
    assert table[0].split() == ["id", "date", "channel", "dir", "note"]
    assert "wants intros to" in table[1] and "fintech founders" in table[2]


@pytest.fixture
def long_name(ok):
    ok("add", LONG, "--cadence", "1w", today="2026-10-08")
    ok("add", "Bob Lee", "--cadence", "1w", today="2026-10-08")
    return ok


@pytest.mark.parametrize("command", [
    ("due", "--all"), ("due",), ("plan",), ("dormant", "--days", "30"), ("list",),
    ("find", "maximiliana"),
])
def test_piped_tables_cut_long_names_and_json_keeps_them(long_name, command):
    out = long_name(*command).out
    assert LONG not in out
    cut = LONG[:39] + "…"
    row = next(line for line in out.splitlines() if cut in line)
    slug = long_name("list", "--json").json()
    slug = next(contact["slug"] for contact in slug if contact["name"] == LONG)
    assert slug in row.split(), "a slug is never cut: scripts use it to name the contact"
    assert len(row) < len(slug) + 100, row
    assert "…  " in row
    bob = [line for line in out.splitlines() if "Bob Lee" in line]
    assert not bob or bob[0].index("Bob Lee") == row.index(cut)  # still aligned


def test_json_keeps_the_whole_name(long_name):
    assert LONG in [row["name"] for row in long_name("due", "--json").json()]
    assert LONG in [row["name"] for row in long_name("list", "--json").json()]
    slug = next(row["slug"] for row in long_name("list", "--json").json()
                if row["name"] == LONG)
    assert len(slug) > 100
    assert long_name("show", slug).out.startswith(LONG)
