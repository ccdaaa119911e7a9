"""Output rules and error contract (SPEC §2), and help text on every command."""

from __future__ import annotations

import pytest

TRICKY = "[bold]Ana[/bold] \x07Ruiz\x1b[31m"


@pytest.fixture
def tricky(ok):
    ok("add", TRICKY, "--cadence", "1w", "--company", "[red]Acme[/red]", today="2026-11-01")
    return ok


def _visible(text: str) -> None:
    assert "[bold]Ana[/bold]" in text
    assert "\x07" not in text and "\x1b" not in text


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("due",),
        ("show", "bold-ana-bold-ruiz-31m"),
        ("find", "acme"),
        ("log", "bold-ana-bold-ruiz-31m"),
    ],
)
def test_user_text_printed_literally_when_piped(tricky, command):
    _visible(tricky(*command).out)


@pytest.mark.parametrize("command", [("list",), ("due",), ("show", "bold-ana-bold-ruiz-31m")])
def test_user_text_printed_literally_on_a_terminal(tricky, monkeypatch, command):
    monkeypatch.setattr("netcadence.render.output.on_terminal", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    out = tricky(*command).out
    assert "[bold]Ana[/bold]" in out
    assert "\x07" not in out and "\x1b[31m" not in out  # styles, yes; the user's escapes, no
    assert "[red]Acme[/red]" in out or command[0] != "show"


def test_json_keeps_the_name_as_typed_and_is_utf8(ok):
    ok("add", "José [b]Núñez[/b]")
    result = ok("list", "--json")
    assert '"José [b]Núñez[/b]"' in result.out
    assert result.json()[0]["name"] == "José [b]Núñez[/b]"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("add",), 2),
        (("add", "Ana", "--bogus"), 2),
        (("log",), 2),
        (("due", "--limit", "abc"), 2),
        (("cadence", "define", "x", "--give-up-after", "many"), 2),
        (("nosuchcommand",), 2),
        (("show", "nobody"), 1),
        (("log", "nobody"), 1),
        (("log", "ana", "-c", "fax"), 1),
        (("log", "ana", "--when", "tomorrow"), 1),
        (("add", "Bo", "--met", "2026-02-30"), 1),
        (("cadence", "set", "ana", "sometimes"), 1),
        (("touch", "edit", "x"), 1),
        (("touch", "rm", "-5", "--yes"), 1),
        (("touch", "edit", "3", "--bogus"), 2),
        (("touch", "rm", "42", "--yes"), 1),
        (("snooze", "ana", "2x"), 1),
        (("config", "set", "capacity", "zero"), 1),
        (("config", "set", "nosuchkey", "1"), 1),
        (("due", "--within", "forever"), 1),
    ],
)
def test_exit_status_and_one_line_on_stderr(ok, nc, args, code):
    ok("add", "Ana", "--cadence", "1w")
    before = ok("info", "--json").json()
    result = nc(*args)
    assert result.code == code, result.err
    assert result.out == ""
    assert result.err.strip() and "Traceback" not in result.err
    assert result.err.count("\n") == 1 and result.err.startswith("netcadence: ")
    assert ok("info", "--json").json() == before


@pytest.mark.parametrize(
    "args",
    [
        ("dormant", "--days", "99999999"),
        ("plan", "--days", "999999999"),
        ("review", "--week", "9999-W52"),
        ("goal", "add", "calls", "--count", "99999999999999999999"),
    ],
)
def test_values_beyond_the_calendar_or_storage_say_so(ok, nc, args):
    result = nc(*args)
    assert result.code == 1 and result.out == "" and result.err.count("\n") == 1
    assert "out of range" in result.err and "unexpected" not in result.err
    assert ok("goal", "list", "--json").json() == []


def test_parser_errors_say_what_is_wrong_and_where_help_is(nc):
    result = nc("due", "--jsn")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("netcadence: ") and result.err.count("\n") == 1
    assert "--jsn" in result.err and "--json" in result.err
    assert "(see 'netcadence due --help')" in result.err
    missing = nc("log")
    assert "Missing argument" in missing.err and "netcadence log --help" in missing.err
    no_value = nc("log", "ana", "-c")
    assert no_value.code == 2 and "requires an argument" in no_value.err
    assert "--help" in no_value.err and no_value.err.count("\n") == 1


def test_values_out_of_range_say_how_far_they_may_go(ok, nc):
    ok("add", "Ana Ruiz")
    assert "at most 1000y" in nc("add", "Bo", "--cadence", "1001y").err
    assert "year 1 to 9999" in nc("log", "ana", "--when", "99999999999 days ago").err
    assert ok("list", "--json").json()[0]["last_touch"] is None


def test_suggestions_where_one_exists(ok, nc):
    ok("add", "Ana Ruiz")
    assert "coffee" in nc("log", "ana", "-c", "cofee").err
    assert "Ana Ruiz" in nc("show", "Anna Ruis").err
    assert "monthly" in nc("add", "Bo", "--cadence", "monthyl").err
    ok("cadence", "define", "new-contact", "--every", "1m")
    assert "new-contact" in nc("cadence", "set", "ana", "new-contcat").err


def _commands(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def test_every_command_has_help():
    from netcadence.cli.app import app
    from netcadence.cli.compat import get_command

    root = get_command(app)
    walked = list(_commands(root))
    assert len(walked) > 20
    missing = [
        " ".join(path)
        for path, command in walked
        if not (command.help or command.short_help or "").strip()
    ]
    assert missing == []
    for path, command in walked:
        for param in command.params:
            if param.param_type_name == "option" and param.name not in ("help",):
                assert (param.help or "").strip(), f"{' '.join(path)} {param.opts} has no help"


def test_help_runs_for_every_command(nc):
    from netcadence.cli.app import app
    from netcadence.cli.compat import get_command

    for path, _command in _commands(get_command(app)):
        result = nc(*path, "--help")
        assert result.code == 0, path
        assert "Usage" in result.out and "Traceback" not in result.err


def test_channel_typos_suggest_the_closest(ok, nc):
    ok("add", "Ana")
    assert "did you mean 'coffee'?" in nc("log", "ana", "-c", "cofee").err
    assert "did you mean 'email'" in nc("cadence", "define", "x", "--step", "1d:emial:hi").err
    assert "channels: call" in nc("log", "ana", "-c", "fax").err


@pytest.mark.parametrize("args", [
    ("config", "set", "capasity", "3"), ("goal", "add", "g", "--count", "1", "--per", "weeek"),
    ("goal", "add", "g", "--count", "1", "--count-by", "contact"), ("export", "jsn"),
    ("cadence", "set", "ana", "montly"), ("goal", "rm", "client call"),
    ("log", "ana", "-c", "cal"),
])
def test_a_suggestion_reads_as_one_sentence(ok, nc, args):
    ok("add", "Ana Ruiz")
    ok("goal", "add", "client calls", "--count", "1")
    result = nc(*args)
    assert result.code == 1 and result.out == ""
    assert "; did you mean '" in result.err and "?;" not in result.err, result.err


def test_a_value_too_long_for_a_column_says_so_on_both_backends(nc, ok):
    company = "x" * 600
    result = nc("add", "Ana Ruiz", "--company", company)
    assert result.code == 1 and result.out == ""
    assert result.err == ("netcadence: company is too long: at most 500 characters "
                          "(it has 600)\n")
    assert ok("list", "--json").json() == []
