"""Writing results: JSON, Rich on a terminal (imported only there), plain text otherwise."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from netcadence.text import printable


def on_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def say(text: str = "") -> None:
    """A line of prose; user text in it must already be passed through printable()."""
    sys.stdout.write(text + "\n")


def warn(text: str) -> None:
    sys.stderr.write(f"netcadence: {text}\n")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str | None = None,
    styles: Sequence[str | None] | None = None,
    row_styles: Sequence[str | None] | None = None,
) -> None:
    """A table: cells are user text, printed literally (no markup, no control characters)."""
    cells = [[printable("" if value is None else str(value)) for value in row] for row in rows]
    if on_terminal():
        _rich_table(headers, cells, title, styles, row_styles)
        return
    if title:
        say(title)
    widths = [_width(h) for h in headers]
    for row in cells:
        widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]
    for row in [list(headers), *cells]:
        padded = [c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)]
        say("  ".join(padded).rstrip())


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
        from rich.console import Console
        from rich.text import Text

        Console(highlight=False).print(Text(text, style=style))
    else:
        say(text)
