"""A CSV file read as a header row (found below any preamble) and rows keyed by column.

The rows are read as they are asked for: only the first rows, where the header is
looked for, are held, so a large file costs the memory of its records alone.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from netcadence.errors import InputError
from netcadence.io.files import CsvRows, TextFile
from netcadence.io.records import is_placeholder

HEADER_SEARCH_ROWS = 30


class Table:
    def __init__(self, source: str | TextFile, name: str) -> None:
        self.name = name
        self._source = CsvRows(source)
        self._rest = iter(self._source)
        self._head = list(itertools.islice(self._rest, HEADER_SEARCH_ROWS))
        self.warnings: list[tuple[int, str]] = []
        self.header_line = 0
        self.columns: list[str] = []

    def find_header(self, accept: Callable[[list[str]], bool]) -> bool:
        for line, row in self._head:
            if accept(row):
                self._use_header(line, row)
                return True
        return False

    def first_row_as_header(self) -> None:
        for line, row in self._head:
            if any(cell.strip() for cell in row):
                self._use_header(line, row)
                return
        for line, row in self._rest:  # kept: the rows after it are still to be read
            self._head.append((line, row))
            if any(cell.strip() for cell in row):
                self._use_header(line, row)
                return
        raise InputError(f"{self.name!r} is empty: no header row and no data")

    def _use_header(self, line: int, row: list[str]) -> None:
        self.header_line = line
        self.columns = [cell.strip().lstrip("\ufeff") for cell in row]

    def found_columns(self) -> str:
        shown = [c for c in self.columns if c] or [
            c.strip() for _, row in self._head[:1] for c in row if c.strip()
        ]
        return ", ".join(shown[:40]) if shown else "none"

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Data rows after the header, keyed by lower-cased column name. Placeholder cells
        ("-", "n/a", …) count as empty, and rows with nothing else are dropped like blank
        lines."""
        keys = [c.lower() for c in self.columns]
        width = len(self.columns)
        every_row_full = True  # so far, every row has had as many cells as the header
        last: tuple[int, list[str]] | None = None
        for line, row in itertools.chain(self._head, self._rest):
            if line <= self.header_line or not any(cell.strip() for cell in row):
                continue
            if last is not None:
                every_row_full = every_row_full and len(last[1]) == width
            last = (line, row)
            values: dict[str, str] = {}
            for key, cell in zip(keys, row, strict=False):
                cell = cell.strip()
                if key and cell and key not in values and not is_placeholder(cell):
                    values[key] = cell
            if values or not all(is_placeholder(cell.strip()) for cell in row if cell.strip()):
                yield line, values
        if last is not None and every_row_full:
            self._check_last_row(*last)

    def _check_last_row(self, line: int, last: list[str]) -> None:
        """Refuse a file that stops in the middle of its last row.

        The sign: the file does not end with a line break, every row before the last
        has as many cells as the header (as exports always do), and the last row has
        fewer. A hand-made file whose rows are ragged anyway is left alone.
        """
        if self._source.ends_with_line_break:
            return
        width = len(self.columns)
        # the header's named columns: some exports end the header row with a comma
        named = width - next((i for i, c in enumerate(reversed(self.columns)) if c), width)
        if len(last) < named:
            raise InputError(
                f"line {line}: the last row stops after {len(last)} of "
                f"{named} columns, with no line end: the file seems cut short; export it "
                "again, or end it with a line break if it is complete (nothing was imported)")

    def warn(self, line: int, text: str) -> None:
        self.warnings.append((line, text))
