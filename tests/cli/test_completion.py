"""Shell completion of contacts, cadences, channels and tags (bash, zsh, fish)."""

from __future__ import annotations

import pytest

from netcadence.cli.main import dispatch


@pytest.fixture
def network(ok):
    ok("cadence", "define", "new-contact", "--step", "1d:email:thanks", "--every", "3m")
    ok("add", "Ana Ruiz", "--tag", "client", "--tag", "Fintech")
    ok("add", "Anatole Martin", "--cadence", "new-contact")
    ok("add", "Bob Lee", "--tag", "partner")
    ok("cadence", "tag", "coach", "monthly")
    return ok


def complete(monkeypatch, capsys, shell: str, line: str, *, fast: bool = True,
             action: str = "get-args") -> tuple[int, str]:
    """What the shell's completion script receives for the typed line."""
    monkeypatch.setenv("_NETCADENCE_COMPLETE", f"complete_{shell}")
    if shell == "bash":
        words = line.split()
        monkeypatch.setenv("COMP_WORDS", line)
        monkeypatch.setenv("COMP_CWORD", str(len(words) if line.endswith(" ") else len(words) - 1))
    else:
        monkeypatch.setenv("_TYPER_COMPLETE_ARGS", line)
        monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", action)
    capsys.readouterr()
    try:
        code = dispatch([], fast=fast)
    except SystemExit as done:
        code = done.code
    out, err = capsys.readouterr()
    assert err == ""
    for name in ("_NETCADENCE_COMPLETE", "COMP_WORDS", "COMP_CWORD", "_TYPER_COMPLETE_ARGS",
                 "_TYPER_COMPLETE_FISH_ACTION"):
        monkeypatch.delenv(name, raising=False)
    return code, out


def test_contacts_complete_by_slug_and_by_name(network, monkeypatch, capsys):
    assert complete(monkeypatch, capsys, "bash", "netcadence log an") == (
        0, "ana-ruiz\nanatole-martin\n")
    assert complete(monkeypatch, capsys, "bash", "netcadence show Ana") == (
        0, "Ana Ruiz\nAnatole Martin\n")
    assert complete(monkeypatch, capsys, "bash", "netcadence log zz") == (0, "\n")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", [
    "netcadence log an", "netcadence show B", "netcadence rm ", "netcadence snooze bo",
    "netcadence log nobody", "netcadence intro an",
])
def test_contact_completion_without_typer_is_typer_s(network, monkeypatch, capsys, shell, line):
    assert complete(monkeypatch, capsys, shell, line) == complete(
        monkeypatch, capsys, shell, line, fast=False)


def test_fish_asks_whether_there_are_candidates(network, monkeypatch, capsys):
    for line, code in (("netcadence log an", 0), ("netcadence log zz", 1)):
        assert complete(monkeypatch, capsys, "fish", line, action="is-args")[0] == code
        assert complete(monkeypatch, capsys, "fish", line, action="is-args", fast=False)[0] == code


def test_zsh_gets_quoted_candidates(network, monkeypatch, capsys):
    code, out = complete(monkeypatch, capsys, "zsh", "netcadence log Ana")
    assert out == "_arguments '*: :((\"Ana Ruiz\"\n\"Anatole Martin\"))'\n"


@pytest.mark.parametrize("line, expected", [
    ("netcadence log ana --channel c", ["call", "coffee"]),
    ("netcadence log ana -c e", ["email", "event"]),
    ("netcadence due --tag f", ["fintech"]),
    ("netcadence list --tag ", ["client", "coach", "fintech", "partner"]),
    ("netcadence edit bob --untag p", ["partner"]),
    ("netcadence add Cleo --cadence new", ["new-contact"]),
    ("netcadence cadence set ana ", ["new-contact", "default", "none"]),
    ("netcadence cadence tag c", ["client", "coach"]),
    ("netcadence cadence rm n", ["new-contact"]),
    ("netcadence event Meetup --met bo", ["bob-lee"]),
    ("netcadence intro ana-ruiz b", ["bob-lee"]),
    ("netcadence goal add calls --count 1 --channel c", ["call", "coffee"]),
    ("netcadence goal add calls --tag f", ["fintech"]),
    ("netcadence import csv people.csv --tag p", ["partner"]),
    ("netcadence import linkedin c.csv --cadence new", ["new-contact"]),
])
def test_cadences_channels_and_tags(network, monkeypatch, capsys, line, expected):
    code, out = complete(monkeypatch, capsys, "bash", line)
    assert code == 0
    assert out.split("\n")[:-1] == expected
    assert complete(monkeypatch, capsys, "bash", line, fast=False) == (code, out)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line", [
    "netcadence log ana --channel c", "netcadence log -c ", "netcadence log ana --note x -c e",
    "netcadence due --tag ", "netcadence list --json --tag p", "netcadence edit ana --untag f",
    "netcadence add Cleo --tag c --cadence n", "netcadence event Meetup --met an",
    "netcadence log ana --channel -", "netcadence log ana --channel=c", "netcadence due --limit ",
])
def test_option_values_without_typer_are_typer_s(network, monkeypatch, capsys, shell, line):
    assert complete(monkeypatch, capsys, shell, line) == complete(
        monkeypatch, capsys, shell, line, fast=False)


@pytest.mark.sqlite_only
def test_the_database_named_on_the_line_is_used(network, monkeypatch, capsys, tmp_path, ok):
    other = tmp_path / "other.db"
    ok("--db", str(other), "add", "Zoe Other")
    assert complete(monkeypatch, capsys, "bash", f"netcadence --db {other} log z") == (
        0, "zoe-other\n")
    assert complete(monkeypatch, capsys, "bash", "netcadence log z") == (0, "\n")


@pytest.mark.sqlite_only
@pytest.mark.parametrize("content", [None, b"not a database at all" * 100])
def test_a_missing_or_broken_database_gives_nothing_and_creates_nothing(
    monkeypatch, capsys, tmp_path, content,
):
    path = tmp_path / "folder" / "netcadence.db"
    if content is not None:
        path.parent.mkdir()
        path.write_bytes(content)
    monkeypatch.setenv("NETCADENCE_DB", str(path))
    for fast in (True, False):
        assert complete(monkeypatch, capsys, "bash", "netcadence log a", fast=fast) == (0, "\n")
    assert path.exists() == (content is not None)
    if content is not None:
        assert path.read_bytes() == content


def test_postgresql_completes_from_the_url_on_the_line(db_url, network, monkeypatch, capsys):
    """--db with a postgresql URL is read as NETCADENCE_DB is (on PostgreSQL runs)."""
    if not db_url.startswith("postgresql"):
        pytest.skip("needs a PostgreSQL database")
    monkeypatch.setenv("NETCADENCE_DB", "/nonexistent/netcadence.db")
    assert complete(monkeypatch, capsys, "bash", f"netcadence --db {db_url} log An") == (
        0, "Ana Ruiz\nAnatole Martin\n")
    assert complete(monkeypatch, capsys, "bash", f"netcadence --db {db_url} due --tag ") == (
        0, "client\ncoach\nfintech\npartner\n")


@pytest.mark.parametrize("url", [
    "postgresql://netcadence@127.0.0.1:1/nowhere",  # nothing listens on port 1
    "postgresql+psycopg://netcadence@[::1]:1/nowhere?connect_timeout=1",
])
def test_an_unreachable_postgresql_gives_nothing(monkeypatch, capsys, url):
    monkeypatch.setenv("NETCADENCE_DB", url)
    for line in ("netcadence log a", "netcadence due --tag c", "netcadence log ana -c c"):
        for fast in (True, False):
            code, out = complete(monkeypatch, capsys, "bash", line, fast=fast)
            assert code == 0
            assert out == ("call\ncoffee\n" if line.endswith("-c c") else "\n")
