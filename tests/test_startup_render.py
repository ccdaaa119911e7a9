"""Tables on a terminal are drawn without loading Rich, folded to the terminal's width."""

from __future__ import annotations

import pytest

from netcadence.render import output

HEADERS = ["", "name", "slug", "due", "what"]
ROWS = [
    ["overdue", "Sofia Hugo Nguyen", "sofia-hugo-nguyen", "2026-03-29", "email: thank-you note"],
    ["due", "李小龍", "李小龍", "2026-11-23", "coffee"],
    ["upcoming", "Bob", "bob", "2026-12-01", ""],
]


def draw(monkeypatch, capsys, columns: int) -> list[str]:
    monkeypatch.setattr(output, "on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    capsys.readouterr()
    output.table(HEADERS, ROWS, row_styles=["red", "yellow", "dim"])
    return capsys.readouterr().out.splitlines()


def test_a_table_that_fits_is_one_line_a_row(monkeypatch, capsys):
    lines = draw(monkeypatch, capsys, 200)
    assert len(lines) == 4
    assert lines[1].split() == ["overdue", "Sofia", "Hugo", "Nguyen", "sofia-hugo-nguyen",
                                "2026-03-29", "email:", "thank-you", "note"]
    assert lines[2].index("李小龍") == lines[1].index("Sofia")


@pytest.mark.parametrize("columns", [70, 50, 30])
def test_a_wide_table_is_folded_to_the_terminal(monkeypatch, capsys, columns):
    lines = draw(monkeypatch, capsys, columns)
    assert len(lines) > 4
    assert all(output._width(line) <= columns for line in lines)
    rows = [HEADERS, *ROWS]
    widths = [max(map(output._width, column)) for column in zip(*rows, strict=True)]
    words = [max(output._width(w) for cell in column for w in cell.split(" "))
             for column in zip(*rows, strict=True)]
    narrower = output._shrink(widths, words, columns - 2 * (len(HEADERS) - 1))
    folded, _ = output._folded(rows, [None] * len(rows), narrower)
    assert len(folded) == len(lines)
    for column, cells in enumerate(zip(*rows, strict=True)):
        text = "".join(line[column] for line in folded).replace(" ", "")
        assert text == "".join(cell.replace(" ", "") for cell in cells)


def test_words_wrap_before_they_fold(monkeypatch, capsys):
    lines = draw(monkeypatch, capsys, 70)
    assert "Sofia Hugo" in "\n".join(lines) or "Sofia" in lines[1]
    assert any(line.startswith("overdue") for line in lines)
    assert "2026-03-29" in lines[1]


def test_wrap_keeps_every_character():
    assert output._wrap("thank-you note for the intro", 9) == [
        "thank-you", "note for", "the intro"]
    assert output._wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert output._wrap("李小龍李小龍", 5) == ["李小", "龍李", "小龍"]
    assert output._shrink([7, 17, 17, 10], [7, 6, 17, 10], 45) == [7, 11, 17, 10]
    assert output._shrink([7, 17], [7, 17], 1) is None


def test_narrow_tables_fold_names_before_dates():
    # status, name, slug, due, when, what, last touch: an agenda on 70 columns
    widths, words = [8, 30, 33, 10, 8, 25, 10], [8, 22, 33, 10, 4, 9, 10]
    narrower = output._shrink(widths, words, 58)
    assert narrower is not None and sum(narrower) <= 58
    assert (narrower[0], narrower[3], narrower[6]) == (8, 10, 10)  # whole words
    assert min(narrower[1], narrower[2]) >= output.FOLDED_LEAST
    squeezed = output._shrink(widths, words, 48)  # too narrow for that: everything folds
    assert squeezed is not None and sum(squeezed) <= 48 and squeezed[3] < 10


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
