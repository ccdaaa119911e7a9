"""Writing results: JSON, lines, and tables laid out one way, on a terminal or in a pipe.

A table has one layout algorithm (`_layout`). On a terminal it fits the terminal's
width: rows wrap between words, columns are left out in a fixed order, and only then
are names folded; a date or a status is never broken. In a pipe every column stays
whole, except that a long name is cut short. Styles are written as escape sequences
here (`_paint`): Rich costs more to load than the whole agenda, and it would lay the
table out its own way.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Sequence

from netcadence.text import printable

TYPE_CHECKING = False  # typing itself costs more to load than an agenda
if TYPE_CHECKING:
    from typing import Any


def on_terminal() -> bool:
    """Whether stdout is a terminal that shows styles: the one check between a table
    fitted to the terminal, with styles, and plain text."""
    return sys.stdout.isatty() and os.environ.get("TERM") not in ("dumb", "unknown")


def terminal_width() -> int:
    """The terminal's width: COLUMNS, else the terminal's own, else 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or 80
    except (OSError, ValueError):
        return 80


def emit_json(data: Any) -> None:
    """JSON on stdout, in UTF-8 whatever the locale's encoding (PYTHONIOENCODING, LANG=C)."""
    import json  # only for --json

    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or (sys.stdout.encoding or "").lower().replace("-", "") == "utf8":
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def say(text: str = "") -> None:
    """A line of prose; user text in it must already be passed through printable()."""
    sys.stdout.write(text + "\n")


def warn(text: str) -> None:
    sys.stderr.write(f"netcadence: {text}\n")


def styled(text: str, style: str) -> None:
    """A line with a style on a terminal; user text is never read as markup."""
    say(_paint(text, style) if on_terminal() else text)


# --- styles -------------------------------------------------------------------------

_SGR = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7"}
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_CODES: dict[tuple[str | None, bool], str] = {}


def _code(style: str | None, colour: bool) -> str:
    """The escape sequence that starts a style ("" for none), as Rich would write it."""
    codes = []
    for word in (style or "").split():
        base = word.removeprefix("bright_")
        if word in _SGR:
            codes.append(_SGR[word])
        elif base in _COLOURS and colour:
            codes.append(str(_COLOURS.index(base) + (90 if base != word else 30)))
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def _paint(text: str, style: str | None) -> str:
    """Text in a style, each of its lines; NO_COLOR drops colours but keeps bold and dim."""
    key = (style, not os.environ.get("NO_COLOR"))
    code = _CODES.get(key)
    if code is None:
        code = _CODES[key] = _code(*key)
    if not code:
        return text
    if "\n" in text:
        return "\n".join(f"{code}{line}\x1b[0m" for line in text.split("\n"))
    return f"{code}{text}\x1b[0m"


# --- widths -------------------------------------------------------------------------

# Below U+0378 every character takes one column, but for the combining marks
# U+0300-U+036F (an accent typed as its own character), which take none.
_NOT_ONE_COLUMN = re.compile("[^\x00-\u02ff\u0370-\u0377]")
_NO_COLUMN = frozenset({"Mn", "Me", "Cf"})  # combining marks, zero-width joiners


def _uneven(text: str) -> bool:
    """Whether some character of the text may take other than one column."""
    return not text.isascii() and _NOT_ONE_COLUMN.search(text) is not None


def _char_width(ch: str) -> int:
    if unicodedata.category(ch) in _NO_COLUMN:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _width(text: str) -> int:
    """Columns the text takes on a terminal: CJK characters two, combining marks none."""
    if not _uneven(text):
        return len(text)
    return sum(map(_char_width, text))


def _pad(text: str, width: int) -> str:
    return text.ljust(width) if text.isascii() else text + " " * (width - _width(text))


def _cut(text: str, width: int) -> int:
    """How many characters of the text fit in `width` columns (at least one)."""
    if not _uneven(text):
        return max(1, min(width, len(text)))
    used = 0
    for count, ch in enumerate(text):
        used += _char_width(ch)
        if used > width:
            return max(1, count)
    return len(text)


# --- tables -------------------------------------------------------------------------

# Left out first, in this order, when a terminal is too narrow for every column's words
# (the agenda's order; a table may name its own).
DROP_ORDER = ("last touch", "slug", "what")
NAME = "name"  # folded first on a narrow terminal
# Cut short in a pipe, where nothing folds, so that one long name does not widen every
# row; --json keeps it whole. The slug stays whole: scripts read it to name the contact.
CAPPED = (NAME,)
CAP = 40  # columns a capped cell takes at most in a piped table, "…" included
WRAPPED_LEAST = 12  # text wrapped between words keeps this many columns before any goes
FOLDED_LEAST = 6  # a column folded inside its words keeps at least this many columns
SHORT_WORD = 12  # longer than any date or status ("unresponsive"): those never fold


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    row_styles: Sequence[str | None] | None = None,
    drop: Sequence[str] = DROP_ORDER,
) -> None:
    """A table: cells are user text, printed literally (no markup, no control characters)."""
    columns = list(zip(*rows, strict=True)) or [() for _ in headers]
    table_columns(headers, columns, row_styles=row_styles, drop=drop)


def table_columns(
    headers: Sequence[str],
    columns: Sequence[Sequence[Any]],
    *,
    row_styles: Sequence[str | None] | None = None,
    drop: Sequence[str] = DROP_ORDER,
) -> None:
    """The same table given a column at a time, as a long agenda is quickest to build.

    `row_styles` (one per row) are shown on a terminal only; the header is bold there.
    `drop`: the columns a narrow terminal leaves out, first to go first.
    """
    terminal = on_terminal()
    checked = [_column(values) for values in columns]
    shown, widths, uneven, narrowed = _layout(
        headers, checked, terminal_width() if terminal else None, drop)
    lines = _lines([headers[i] for i in shown], [checked[i] for i in shown], widths, uneven,
                   narrowed)
    if terminal:
        styles = ["bold", *(row_styles or [None] * (len(lines) - 1))]
        lines = [_paint(line, style) for line, style in zip(lines, styles, strict=True)]
    sys.stdout.write("\n".join(lines))
    sys.stdout.write("\n")  # apart: adding it would copy the whole table once more


def _column(values: Sequence[Any]) -> tuple[Sequence[str], str]:
    """One column's cells as text without control characters, and those cells joined.

    A column at a time: an agenda has thousands of rows, and one check of the
    joined text (here for control characters, in _layout for wide ones) is
    quicker than a check of each cell.
    """
    try:
        joined = "".join(values)
    except TypeError:  # not all text: numbers, None
        values = ["" if value is None else str(value) for value in values]
        joined = "".join(values)
    if joined.isprintable():
        return values, joined
    values = [printable(value) for value in values]
    return values, "".join(values)


def _layout(
    headers: Sequence[str], columns: list[tuple[Sequence[str], str]], width: int | None,
    drop: Sequence[str] = DROP_ORDER,
) -> tuple[list[int], list[int], set[int], list[int]]:
    """Which columns to show and how wide, for a terminal `width` columns wide, or for a
    pipe (None); the lines (0: the header) whose width differs from their length; and
    which of the columns shown are narrower than their cells (by position).

    A pipe: every column at its full width, names and slugs cut to CAP. A terminal:
    the same when it fits; else text wraps between words (keeping WRAPPED_LEAST
    columns), and when that is not enough, the columns in `drop` are left out in
    turn. Only then does text wrap narrower, and names fold inside their words, then
    other text; a column of short single words (dates, statuses) never does: a table
    still too wide runs past the terminal's edge rather than break those.
    """
    natural, uneven = _natural(headers, columns)
    capped = [i for i, header in enumerate(headers) if header in CAPPED and natural[i] > CAP]
    if width is None and capped:  # seldom: measured again
        for index in capped:
            columns[index] = _capped(columns[index])
        natural, uneven = _natural(headers, columns)
    shown = list(range(len(headers)))

    def laid_out(widths: list[int]) -> tuple[list[int], list[int], set[int], list[int]]:
        narrowed = [k for k, i in enumerate(shown) if widths[k] < natural[i]]
        return shown, widths, uneven, narrowed

    if width is None:
        return laid_out(natural)
    drops = [headers.index(header) for header in drop if header in headers]
    words: list[int] = []
    while True:
        room = width - 2 * (len(shown) - 1)
        widths = [natural[i] for i in shown]
        if sum(widths) <= room:
            return laid_out(widths)
        words = words or [_longest_word(header, cells)
                          for header, (cells, _) in zip(headers, columns, strict=True)]
        fitted = _narrowed(
            widths, [min(natural[i], max(words[i], WRAPPED_LEAST)) for i in shown], room)
        if fitted is not None:
            return laid_out(fitted)
        if not drops:
            break
        shown.remove(drops.pop(0))
    floors = [words[i] for i in shown]
    for foldable in (
        lambda i: False,  # text wrapped narrower, words whole
        lambda i: headers[i] == NAME,
        lambda i: words[i] > SHORT_WORD or " " in columns[i][1],
    ):
        floors = [min(floor, FOLDED_LEAST) if foldable(i) else floor
                  for floor, i in zip(floors, shown, strict=True)]
        fitted = _narrowed(widths, floors, room)
        if fitted is not None:
            return laid_out(fitted)
    return laid_out(floors)


def _natural(
    headers: Sequence[str], columns: Sequence[tuple[Sequence[str], str]],
) -> tuple[list[int], set[int]]:
    """Each column's width, and the lines where width and length differ.

    Per cell only where some character may not take one column (wide and combining
    ones could even out over a whole column): the joined text tells at once.
    """
    widths = []
    uneven: set[int] = set()
    for header, (column, joined) in zip(headers, columns, strict=True):
        width = max(len(header), max(map(len, column), default=0))
        if _uneven(header) or _uneven(joined):
            width = 0
            for line, cell in enumerate((header, *column)):
                shown = _width(cell)
                if shown != len(cell):
                    uneven.add(line)
                width = max(width, shown)
        widths.append(width)
    return widths, uneven


def _capped(column: tuple[Sequence[str], str]) -> tuple[Sequence[str], str]:
    """A column with each cell wider than CAP columns cut short, ending in "…"."""
    cells = [
        cell if _width(cell) <= CAP else cell[:_cut(cell, CAP - 1)].rstrip() + "…"
        for cell in column[0]
    ]
    return cells, "".join(cells)


def _longest_word(header: str, cells: Sequence[str]) -> int:
    """The widest word (split at spaces) of a column: how narrow it gets unbroken."""
    words = " ".join((header, *set(cells))).split(" ")
    return max(map(_width, words))


def _narrowed(widths: list[int], floors: list[int], room: int) -> list[int] | None:
    """The widest columns narrowed first, none below its floor, until the table fits
    `room` (None when even the floors do not); what is left over is shared out among
    the columns narrowed."""
    if sum(floors) > room:
        return None
    cap = max(widths)
    while sum(max(min(w, cap), f) for w, f in zip(widths, floors, strict=True)) > room:
        cap -= 1
    fitted = [max(min(w, cap), f) for w, f in zip(widths, floors, strict=True)]
    spare = room - sum(fitted)
    narrowed = [index for index, width in enumerate(widths) if fitted[index] < width]
    while spare and narrowed:
        for index in list(narrowed):
            if spare:
                fitted[index] += 1
                spare -= 1
            if fitted[index] == widths[index]:
                narrowed.remove(index)
    return fitted


def _lines(
    headers: Sequence[str], columns: Sequence[tuple[Sequence[str], str]],
    widths: list[int], uneven: set[int], narrowed: list[int],
) -> list[str]:
    """The header and each row as a line of left-aligned columns two spaces apart; a row
    with a cell wider than its column (of those `narrowed`) as several lines, joined by
    newlines.

    Kept quick for long agendas: each line is one %-format, which pads by length; only
    lines holding a character two columns wide (CJK), or wrapped, are redone cell by cell.
    """
    layout = "  ".join(f"%-{width}s" for width in widths)
    rows = [tuple(headers), *zip(*(cells for cells, _ in columns), strict=True)]
    lines = [(layout % cells).rstrip() for cells in rows]
    for line in uneven:
        lines[line] = "  ".join(map(_pad, rows[line], widths)).rstrip()
    wrapped: set[int] = set()
    for column in narrowed:
        header, (cells, joined), width = headers[column], columns[column], widths[column]
        if _width(header) > width:
            wrapped.add(0)
        measure = _width if _uneven(joined) else len
        wrapped.update(line for line, cell in enumerate(cells, 1) if measure(cell) > width)
    for line in wrapped:
        parts = [_wrap(cell, width) for cell, width in zip(rows[line], widths, strict=True)]
        lines[line] = "\n".join(
            "  ".join(_pad(part[index] if index < len(part) else "", width)
                      for part, width in zip(parts, widths, strict=True)).rstrip()
            for index in range(max(map(len, parts)))
        )
    return lines


def _wrap(text: str, width: int) -> list[str]:
    """The text as lines at most `width` columns wide, broken between words; a word
    longer than that is folded, after a hyphen where one fits."""
    if _width(text) <= width:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if _width(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        while _width(word) > width:
            cut = _cut(word, width)
            hyphen = word.rfind("-", 0, cut)
            if 2 * (hyphen + 1) >= cut:  # not when it leaves a line mostly empty
                cut = hyphen + 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return lines
