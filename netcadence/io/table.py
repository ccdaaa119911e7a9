"""A CSV file read as a header row (found below any preamble) and rows keyed by column."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from netcadence.errors import InputError
from netcadence.io.files import csv_rows

HEADER_SEARCH_ROWS = 30


class Table:
    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self._rows = list(csv_rows(text))
        self._no_line_end = not text.rstrip(" \t").endswith(("\n", "\r"))
        self.warnings: list[tuple[int, str]] = []
        self.header_line = 0
        self.columns: list[str] = []

    def find_header(self, accept: Callable[[list[str]], bool]) -> bool:
        for line, row in self._rows[:HEADER_SEARCH_ROWS]:
            if accept(row):
                self._use_header(line, row)
                return True
        return False

    def first_row_as_header(self) -> None:
        for line, row in self._rows:
            if any(cell.strip() for cell in row):
                self._use_header(line, row)
                return
        raise InputError(f"{self.name!r} is empty: no header row and no data")

    def _use_header(self, line: int, row: list[str]) -> None:
        self.header_line = line
        self.columns = [cell.strip().lstrip("\ufeff") for cell in row]

    def found_columns(self) -> str:
        shown = [c for c in self.columns if c] or [
            c.strip() for _, row in self._rows[:1] for c in row if c.strip()
        ]
        return ", ".join(shown[:40]) if shown else "none"

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Data rows after the header (blank lines dropped), keyed by lower-cased column name."""
        keys = [c.lower() for c in self.columns]
        self._check_last_row()
        for line, row in self._rows:
            if line <= self.header_line or not any(cell.strip() for cell in row):
                continue
            values: dict[str, str] = {}
            for key, cell in zip(keys, row, strict=False):
                cell = cell.strip()
                if key and cell and key not in values:
                    values[key] = cell
            yield line, values

    def _check_last_row(self) -> None:
        """Refuse a file that stops in the middle of its last row.

        The sign: the file does not end with a line break, every row before the last
        has as many cells as the header (as exports always do), and the last row has
        fewer. A hand-made file whose rows are ragged anyway is left alone.
        """
        data = [(line, row) for line, row in self._rows
                if line > self.header_line and any(cell.strip() for cell in row)]
        if not self._no_line_end or not data:
            return
        width = len(self.columns)
        # the header's named columns: some exports end the header row with a comma
        named = width - next((i for i, c in enumerate(reversed(self.columns)) if c), width)
        line, last = data[-1]
        if len(last) < named and all(len(row) == width for _, row in data[:-1]):
            raise InputError(
                f"line {line}: the last row stops after {len(last)} of "
                f"{named} columns, with no line end: the file seems cut short; export it "
                "again, or end it with a line break if it is complete (nothing was imported)")

    def count(self) -> int:
        return sum(1 for line, _ in self._rows if line > self.header_line)

    def warn(self, line: int, text: str) -> None:
        self.warnings.append((line, text))
