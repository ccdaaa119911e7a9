"""Writing results: JSON, Rich on a terminal (imported only there), plain text otherwise."""

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
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


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


# Below U+0378 every character takes one column, but for the combining marks
# U+0300-U+036F (an accent typed as its own character), which take none.
_NOT_ONE_COLUMN = re.compile("[^\x00-\u02ff\u0370-\u0377]")
_NO_COLUMN = frozenset({"Mn", "Me", "Cf"})  # combining marks, zero-width joiners


def _uneven(text: str) -> bool:
    """Whether some character of the text may take other than one column."""
    return not text.isascii() and _NOT_ONE_COLUMN.search(text) is not None


def _width(text: str) -> int:
    """Columns the text takes on a terminal: CJK characters two, combining marks none."""
    if not _uneven(text):
        return len(text)
    return sum(0 if unicodedata.category(ch) in _NO_COLUMN
               else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    styles: Sequence[str | None] | None = None,
    row_styles: Sequence[str | None] | None = None,
) -> None:
    """A table: cells are user text, printed literally (no markup, no control characters)."""
    columns = list(zip(*rows, strict=True)) or [() for _ in headers]
    table_columns(headers, columns, title=title, styles=styles, row_styles=row_styles)


def table_columns(
    headers: Sequence[str],
    columns: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    styles: Sequence[str | None] | None = None,
    row_styles: Sequence[str | None] | None = None,
) -> None:
    """The same table given a column at a time, as a long agenda is quickest to build."""
    checked = [_column(values) for values in columns]
    if on_terminal():
        cells = [list(row) for row in zip(*(text for text, _ in checked), strict=True)]
        if not _styled_table(headers, cells, title, styles, row_styles):
            _rich_table(headers, cells, title, styles, row_styles)
        return
    if title:
        say(title)
    sys.stdout.write("\n".join(_aligned(headers, checked)))
    sys.stdout.write("\n")  # apart: adding it would copy the whole table once more


def _column(values: Sequence[Any]) -> tuple[Sequence[str], str]:
    """One column's cells as text without control characters, and those cells joined.

    A column at a time: an agenda has thousands of rows, and one check of the
    joined text (here for control characters, in _aligned for wide ones) is
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


def _pad(text: str, width: int) -> str:
    return text.ljust(width) if text.isascii() else text + " " * (width - _width(text))


def _aligned(
    headers: Sequence[str], columns: Sequence[tuple[Sequence[str], str]],
) -> list[str]:
    """The header and rows (columns as _column gives them) as lines of left-aligned
    columns two spaces apart.

    Kept quick for long agendas: each line is one %-format, which pads by length;
    only lines holding a character two columns wide (CJK) are padded cell by cell.
    """
    widths = []
    uneven: set[int] = set()  # lines (0: the header) where width and length differ
    for header, (column, joined) in zip(headers, columns, strict=True):
        width = max(len(header), max(map(len, column), default=0))
        # Per cell only where some character may not take one column (wide and
        # combining ones could even out over a whole column).
        if _uneven(header) or _uneven(joined):
            width = 0
            for line, cell in enumerate((header, *column)):
                shown = _width(cell)
                if shown != len(cell):
                    uneven.add(line)
                width = max(width, shown)
        widths.append(width)
    layout = "  ".join(f"%-{width}s" for width in widths)
    lines_cells = [tuple(headers), *zip(*(column for column, _ in columns), strict=True)]
    lines = [(layout % cells).rstrip() for cells in lines_cells]
    for line in uneven:
        lines[line] = "  ".join(map(_pad, lines_cells[line], widths)).rstrip()
    return lines


_SGR = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7"}
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")


def _sgr(style: str | None) -> str | None:
    """The escape sequence for a simple style ("" for none), or None when Rich must draw it.

    Rich costs more to load than the whole agenda, so simple styles are written
    directly, as Rich would write them: NO_COLOR drops colours but keeps bold and dim.
    """
    if os.environ.get("TERM") == "unknown" or not sys.stdout.isatty():
        return ""  # Rich too writes no styles where it sees no terminal
    codes = []
    for word in (style or "").split():
        base = word.removeprefix("bright_")
        if word in _SGR:
            codes.append(_SGR[word])
        elif base in _COLOURS:
            if not os.environ.get("NO_COLOR"):
                codes.append(str(_COLOURS.index(base) + (90 if base != word else 30)))
        else:
            return None
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def _styled_table(headers, cells, title, styles, row_styles) -> bool:
    """The table as Rich draws it (no borders, bold header, folded to the terminal's width)."""
    widths = [max(map(_width, column)) for column in zip(headers, *cells, strict=True)]
    room = terminal_width() - 2 * (len(widths) - 1)
    rows = [list(headers), *cells]
    lines_styles = ["bold", *(row_styles or [None] * len(cells))]
    if sum(widths) > room:
        words = [max(_width(word) for cell in column for word in cell.split(" "))
                 for column in zip(*rows, strict=True)]
        narrower = _shrink(widths, words, room)
        if narrower is None:
            return False
        rows, lines_styles = _folded(rows, lines_styles, narrower)
        widths = narrower
    column_styles = list(styles) if styles else [None] * len(headers)
    codes: dict[str | None, str | None] = {}

    def _paint(text: str, style: str | None) -> str | None:
        if style not in codes:
            codes[style] = _sgr(style)
        code = codes[style]
        if code is None:
            return None
        return f"{code}{text}\x1b[0m" if code else text

    out = []
    if title:
        out.append(_paint(title, "italic"))
    for row, line_style in zip(rows, lines_styles, strict=True):
        if not styles:  # one style for the whole line
            line = _paint("  ".join(map(_pad, row, widths)).rstrip(), line_style)
            if line is None:
                return False
            out.append(line)
            continue
        parts = []
        for cell, width, column_style in zip(row, widths, column_styles, strict=True):
            style = " ".join(s for s in (column_style, line_style) if s)
            painted = _paint(_pad(cell, width), style)
            if painted is None:
                return False
            parts.append(painted)
        out.append("  ".join(parts).rstrip())
    sys.stdout.write("\n".join(out) + "\n")
    return True


SHORT_WORD = 12  # a date, a status ("unresponsive"), "in 10d"
FOLDED_LEAST = 6  # columns folded so that short words stay whole keep this much


def _shrink(widths: list[int], words: list[int], room: int) -> list[int] | None:
    """Narrow the widest columns first, as Rich collapses them, until the table fits.

    Columns first wrap between words (down to their longest word); when that is not
    enough, long words (names, slugs) fold while short ones (dates, statuses) stay
    whole, as long as the folded columns keep a few characters; only then is every
    word folded.
    """
    if len(widths) > room:
        return None
    short = [word if word <= SHORT_WORD else 1 for word in words]
    for floors in (words, short, [1] * len(widths)):
        cap = max(widths)
        while cap > 1 and sum(
            max(min(w, cap), f) for w, f in zip(widths, floors, strict=True)
        ) > room:
            cap -= 1
        narrower = [max(min(w, cap), f) for w, f in zip(widths, floors, strict=True)]
        if floors is short and any(n < min(w, FOLDED_LEAST) for n, w, f
                                   in zip(narrower, widths, floors, strict=True) if f == 1):
            continue  # names a few letters wide read worse than a folded date
        if sum(narrower) <= room:
            return narrower
    return None


def _folded(rows, lines_styles, widths):
    """Each row as one or more lines, its cells wrapped at spaces and folded within a column."""
    out_rows, out_styles = [], []
    for row, style in zip(rows, lines_styles, strict=True):
        wrapped = [_wrap(cell, width) for cell, width in zip(row, widths, strict=True)]
        for index in range(max(map(len, wrapped))):
            out_rows.append([lines[index] if index < len(lines) else "" for lines in wrapped])
            out_styles.append(style)
    return out_rows, out_styles


def _wrap(text: str, width: int) -> list[str]:
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
        while _width(word) > width:  # a word longer than the column is folded
            cut = 1
            while cut < len(word) and _width(word[:cut + 1]) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    lines.append(line)
    return lines


def terminal_width() -> int:
    """The terminal's width as Rich reads it: COLUMNS, else the terminal, else 80."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns or 80
    except (OSError, ValueError):
        return 80


def _paint(text: str, style: str | None) -> str | None:
    code = _sgr(style)
    if code is None:
        return None
    return f"{code}{text}\x1b[0m" if code else text


def _rich_table(headers, cells, title, styles, row_styles) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=title, title_justify="left", header_style="bold", box=None, pad_edge=False)
    for index, header in enumerate(headers):
        grid.add_column(header, style=(styles[index] if styles else None) or "", overflow="fold")
    for index, row in enumerate(cells):
        grid.add_row(*(Text(c) for c in row), style=(row_styles[index] if row_styles else None))
    Console(highlight=False).print(grid)


def styled(text: str, style: str) -> None:
    """A line with a style on a terminal; user text is never read as markup."""
    if on_terminal():
        painted = _paint(text, style)
        if painted is not None:
            say(painted)
            return
        from rich.console import Console
        from rich.text import Text

        Console(highlight=False).print(Text(text, style=style))
    else:
        say(text)
