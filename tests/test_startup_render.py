"""Tables are laid out one way: fitted to a terminal (without loading Rich), whole in a pipe."""

from __future__ import annotations

import re

import pytest

from netcadence.render import output

HEADERS = ["", "name", "slug", "due", "when", "what", "last touch"]
ROWS = [
    ["overdue", "Sofia Hugo Nguyen", "sofia-hugo-nguyen", "2026-10-15", "39d late",
     "step 1/2 email: thank-you note", "never"],
    ["due", "李小龍", "李小龍", "2026-11-23", "today", "coffee", "2026-11-09"],
    ["upcoming", "Bob", "bob", "2026-12-01", "in 8d", "", "2026-11-20"],
]
ESCAPES = re.compile(r"\x1b\[[0-9;]*m")


def draw(monkeypatch, capsys, columns: int, headers=HEADERS, rows=ROWS) -> list[str]:
    monkeypatch.setattr(output, "on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    capsys.readouterr()
    output.table(headers, rows, row_styles=["red", "yellow", "dim"][:len(rows)])
    return ESCAPES.sub("", capsys.readouterr().out).splitlines()


def test_a_table_that_fits_is_one_line_a_row(monkeypatch, capsys):
    lines = draw(monkeypatch, capsys, 200)
    assert len(lines) == 4
    assert lines[1].split() == ["overdue", "Sofia", "Hugo", "Nguyen", "sofia-hugo-nguyen",
                                "2026-10-15", "39d", "late", "step", "1/2", "email:",
                                "thank-you", "note", "never"]
    assert lines[2].index("李小龍") == lines[1].index("Sofia")  # 李小龍 takes six columns


@pytest.mark.parametrize(("columns", "left_out"), [
    (100, []),
    (80, ["last touch"]),
    (70, ["last touch", "slug"]),
    (50, ["last touch", "slug", "what"]),
    (40, ["last touch", "slug", "what"]),
])
def test_columns_are_left_out_in_a_fixed_order_before_words_break(
    monkeypatch, capsys, columns, left_out
):
    lines = draw(monkeypatch, capsys, columns)
    assert all(output._width(line) <= columns for line in lines), lines
    header = lines[0]
    for name in ("last touch", "slug", "what"):
        assert (name not in header) == (name in left_out), header
    text = "\n".join(lines)
    for word in ("overdue", "upcoming", "2026-10-15", "2026-11-23", "2026-12-01", "today"):
        assert word in text  # whole, on one line
    if "last touch" not in left_out:
        assert "never" in text
    # Every character of every column shown is still there, in order.
    words = [w for line in lines[1:] for w in line.split()]
    for name in ("Sofia", "Hugo", "Nguyen", "Bob"):
        assert name in words


def test_names_fold_only_when_nothing_else_can_go(monkeypatch, capsys):
    rows = [["overdue", "Maximiliana Fitzgerald-Wolstenholme", "maximiliana", "2026-10-15",
             "39d late", "1w", "never"]]
    lines = draw(monkeypatch, capsys, 40, rows=rows)
    assert lines[0].split() == ["name", "due", "when"]
    assert all(output._width(line) <= 40 for line in lines), lines
    assert "2026-10-15" in lines[1] and lines[1].startswith("overdue")
    start, end = lines[0].index("name"), lines[0].index("due")
    assert "".join(line[start:end].strip() for line in lines[1:]) == (
        "MaximilianaFitzgerald-Wolstenholme")


@pytest.mark.parametrize("columns", [30, 20, 10])
def test_a_date_or_a_status_never_breaks(monkeypatch, capsys, columns):
    lines = draw(monkeypatch, capsys, columns)
    text = "\n".join(lines)
    for word in ("overdue", "upcoming", "2026-10-15", "2026-11-23", "2026-12-01"):
        assert word in text, text
    assert not any(line.strip() in ("over", "due-", "2026", "-10-") for line in lines)


def test_wrap_keeps_every_character():
    assert output._wrap("thank-you note for the intro", 9) == [
        "thank-you", "note for", "the intro"]
    assert output._wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert output._wrap("李小龍李小龍", 5) == ["李小", "龍李", "小龍"]
    assert output._wrap("Fitzgerald-Wolstenholme", 12) == ["Fitzgerald-", "Wolstenholme"]
    assert output._wrap("ab-cdefghijkl", 8) == ["ab-cdefg", "hijkl"]  # not "ab-" alone


def test_narrowing_shares_the_room():
    assert output._narrowed([7, 17, 17, 10], [7, 6, 17, 10], 45) == [7, 11, 17, 10]
    assert output._narrowed([8, 20, 30], [8, 6, 6], 40) == [8, 16, 16]
    assert output._narrowed([7, 17], [7, 17], 10) is None


def test_a_piped_table_aligns_by_display_width_and_drops_control_characters(
    monkeypatch, capsys
):
    monkeypatch.setattr(output, "on_terminal", lambda: False)
    capsys.readouterr()
    output.table(["", "name", "n", "note"], [
        ("due", "李小龍", 3, "a\tb"),
        ["overdue", "Bob\x07 Lee", None, "\x1b[1mx"],
        ("x", "Zoë", 12, "ok"),
    ])
    assert capsys.readouterr().out.splitlines() == [
        "         name     n   note",
        "due      李小龍   3   a b",  # 李小龍 takes six columns
        "overdue  Bob Lee      [1mx",
        "x        Zoë      12  ok",
    ]


def test_a_piped_table_never_folds_but_cuts_long_names_not_slugs(monkeypatch, capsys):
    monkeypatch.setattr(output, "on_terminal", lambda: False)
    monkeypatch.setenv("COLUMNS", "40")  # no terminal: the width does not matter
    long = "Maximiliana Genoveva Fitzgerald-Wolstenholme de la Cruz y Santiesteban"
    capsys.readouterr()
    output.table(["name", "slug", "due", "note"], [
        (long, "maximiliana-genoveva-fitzgerald-wolstenholme", "2026-10-15", "x " * 40),
        ("李" * 30, "li", "2026-10-16", ""),
        ("Bob", "bob", "2026-10-17", ""),
    ])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert lines[1].startswith("Maximiliana Genoveva Fitzgerald-Wolsten…  maximiliana-genoveva-"
                               "fitzgerald-wolstenholme  2026-10-15  " + "x " * 39 + "x")
    assert lines[2].startswith("李" * 19 + "…   li  ")  # 39 columns and "…": 40
    assert lines[3].startswith("Bob" + " " * 39 + "bob  ")


def test_a_combining_accent_takes_no_column(monkeypatch, capsys):
    monkeypatch.setattr(output, "on_terminal", lambda: False)
    capsys.readouterr()
    output.table(["name", "slug"], [("e\u0301mile", "emile"), ("Bob", "bob")])
    assert capsys.readouterr().out.splitlines() == [
        "name   slug",
        "e\u0301mile  emile",  # é typed as e + U+0301: five columns, six characters
        "Bob    bob",
    ]
    assert output._width("e\u0301mile") == 5 and output._width("李") == 2
    capsys.readouterr()
    output.table(["name", "slug"], [("李", "li"), ("Jose\u0301", "jose"), ("Bob", "bob")])
    assert capsys.readouterr().out.splitlines() == [  # one column wider, one narrower
        "name  slug", "李    li", "Jose\u0301  jose", "Bob   bob",
    ]


def test_styles_are_written_on_a_terminal_only(monkeypatch, capsys):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(output, "on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "200")
    capsys.readouterr()
    output.table(["", "name"], [["overdue", "Ana"], ["due", "Bob"]], row_styles=["red", "dim"])
    output.styled("Weekly review", "bold")
    assert capsys.readouterr().out.splitlines() == [
        "\x1b[1m         name\x1b[0m", "\x1b[31moverdue  Ana\x1b[0m", "\x1b[2mdue      Bob\x1b[0m",
        "\x1b[1mWeekly review\x1b[0m",
    ]
    monkeypatch.setenv("NO_COLOR", "1")  # colours go, bold and dim stay
    output.table(["", "name"], [["overdue", "Ana"], ["due", "Bob"]], row_styles=["red", "dim"])
    assert capsys.readouterr().out.splitlines() == [
        "\x1b[1m         name\x1b[0m", "overdue  Ana", "\x1b[2mdue      Bob\x1b[0m"]
    monkeypatch.setattr(output, "on_terminal", lambda: False)
    output.table(["", "name"], [["overdue", "Ana"]], row_styles=["red"])
    output.styled("Weekly review", "bold")
    assert capsys.readouterr().out == "         name\noverdue  Ana\nWeekly review\n"


def test_every_style_in_use_is_written(monkeypatch):
    from netcadence.render.agenda import STYLES

    monkeypatch.delenv("NO_COLOR", raising=False)
    for style in [*STYLES.values(), "bold", "dim", "italic", "bright_red", "bold green"]:
        assert output._paint("x", style).startswith("\x1b["), style
    assert output._paint("a\nb", "red") == "\x1b[31ma\x1b[0m\n\x1b[31mb\x1b[0m"


@pytest.mark.parametrize(("term", "terminal"), [
    ("xterm-256color", True), ("dumb", False), ("unknown", False),
])
def test_one_check_says_whether_stdout_is_a_terminal(monkeypatch, term, terminal):
    monkeypatch.setattr(output.sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("TERM", term)
    assert output.on_terminal() is terminal
