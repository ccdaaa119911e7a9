"""Reading the files people import, in any encoding they come in."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from netcadence.errors import InputError

CHUNK = 1 << 20  # bytes read at a time
LINE_PIECE = 1 << 16  # characters of one line read at a time
BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def read_bytes(path: str | Path) -> bytes:
    with open_binary(path) as file:
        try:
            return file.read()
        except OSError as error:
            raise InputError(f"cannot read {str(path)!r}: {error.strerror}") from None


def open_binary(path: str | Path) -> BinaryIO:
    """The file opened for reading, or the error a user understands."""
    target = Path(path).expanduser()
    if not target.exists():
        raise InputError(f"there is no file {str(path)!r}; check the path")
    if target.is_dir():
        raise InputError(f"{str(path)!r} is a folder; give a file")
    try:
        return target.open("rb")
    except OSError as error:
        raise InputError(f"cannot read {str(path)!r}: {error.strerror}") from None


def decode(data: bytes, name: str) -> str:
    """Text in memory, decoded as a file of the same bytes is read (see detect_encoding)."""
    encoding = detect_encoding(lambda: [data], name)
    return data.decode(encoding, errors=errors_for(encoding))


def encoding_of(path: str | Path) -> str:
    """The encoding of a file (see detect_encoding), found a chunk at a time."""
    return detect_encoding(lambda: _chunks(path), str(path))


def _chunks(path: str | Path) -> Iterator[bytes]:
    with open_binary(path) as file:
        try:
            while chunk := file.read(CHUNK):
                yield chunk
        except OSError as error:
            raise InputError(f"cannot read {str(path)!r}: {error.strerror}") from None


def errors_for(encoding: str) -> str:
    """Windows-1252 leaves five bytes undefined: they read as U+FFFD."""
    return "replace" if encoding == "cp1252" else "strict"


def detect_encoding(chunks: Callable[[], Iterable[bytes]], name: str) -> str:
    """UTF-8 or UTF-16 as the text's byte-order mark says, else UTF-8, else (for old
    exports from Windows) Windows-1252. A file written in UTF-8 that does not decode is
    damaged or cut short: refused, rather than read as Windows-1252 with every accented
    letter garbled. Binary files are refused too.

    `chunks` gives the bytes afresh at each call, a chunk at a time: a file is never
    held whole.
    """
    head = b"".join(itertools.islice(chunks(), 1))[:4]
    for bom, encoding in BOMS:
        if head.startswith(bom):
            _decodes(chunks, name, encoding, refuse=True)
            return encoding
    if _decodes(chunks, name, "utf-8", refuse=False):
        return "utf-8"
    for chunk in chunks():
        if b"\x00" in chunk:
            raise binary(name)
    refuse_damaged_utf8(chunks(), name)
    start = b"".join(itertools.islice(chunks(), 1))[:4096]
    check_start(start.decode("cp1252", errors="replace"), name)
    return "cp1252"


def _decodes(chunks: Callable[[], Iterable[bytes]], name: str, encoding: str, *,
             refuse: bool) -> bool:
    """Whether the whole text decodes (refusing binary text); with `refuse`, a text that
    does not is refused as damaged, with the line where it stops decoding."""
    decoder = codecs.getincrementaldecoder(encoding)()
    start = ""
    try:
        for chunk in itertools.chain(chunks(), [b""]):
            text = decoder.decode(chunk, final=not chunk)
            if "\x00" in text:
                raise binary(name)
            if len(start) < 4096:
                start += text[:4096]
    except UnicodeDecodeError:
        if not refuse:
            return False
        raise _first_damage(chunks, name, encoding) from None
    check_start(start[:4096], name)
    return True


def _first_damage(chunks: Callable[[], Iterable[bytes]], name: str, encoding: str) -> InputError:
    """The error for a text with a byte-order mark that does not decode as the mark says."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    lines = 0
    for chunk in itertools.chain(chunks(), [b""]):
        text = decoder.decode(chunk, final=not chunk)
        bad = text.find("\ufffd")
        if bad >= 0:
            cut = not chunk and bad == len(text) - 1
            label = "UTF-16" if encoding == "utf-16" else "UTF-8"
            return _damage(name, label, lines + text.count("\n", 0, bad) + 1, cut=cut)
        lines += text.count("\n")
    return _damage(name, encoding.upper(), None, cut=False)  # only if the file changed


class TextFile:
    """A text file read a piece at a time, decoded as `decode` decodes it whole: memory
    holds one piece, however large the file or long its lines."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.name = str(path)
        self.encoding = encoding_of(path)

    def pieces(self) -> Iterator[str]:
        """The file's lines with their line ends (see pieces)."""
        with open_binary(self.path) as raw:
            text = io.TextIOWrapper(raw, encoding=self.encoding,
                                    errors=errors_for(self.encoding), newline="")
            try:
                yield from pieces(text.readline)
            except OSError as error:
                raise InputError(f"cannot read {self.name!r}: {error.strerror}") from None
            except UnicodeDecodeError:  # it decoded whole a moment ago: changed since
                raise InputError(f"{self.name!r} changed while it was read; "
                                 "try again (nothing was imported)") from None


def pieces(readline: Callable[[int], str] | str) -> Iterator[str]:
    """Lines with their line ends (`\n`, `\r\n` or `\r`), from a readline function or
    a string; a line longer than LINE_PIECE comes in several pieces, of which only the
    last has the line end."""
    if isinstance(readline, str):
        readline = io.StringIO(readline, newline="").readline
    piece = readline(LINE_PIECE)
    while piece:
        following = readline(LINE_PIECE)
        if piece[-1] == "\r" and following[:1] == "\n":  # a CRLF cut by the piece's size
            piece, following = piece + "\n", following[1:] or readline(LINE_PIECE)
        yield piece
        piece = following


# Text as UTF-8 writes it, read leniently: a byte that is not UTF-8 becomes U+FFFD.
_WRITTEN_AS_UTF8 = re.compile("[^\x00-\x7f\ufffd]")


def refuse_damaged_utf8(chunks: Iterable[bytes], name: str) -> None:
    """For bytes that do not decode as UTF-8: refuse them if they were written as UTF-8
    all the same (damaged, or cut in the middle of a character), and return if they are
    Windows-1252.

    The sign is more characters that decode as UTF-8 (two or more) than bytes that do
    not. Windows-1252 text holds such pairs only by chance ("É®" reads as one UTF-8
    character), and then next to its other accented letters, which do not decode.
    """
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    good = bad = lines = 0
    first_bad: int | None = None
    cut = False
    for chunk in itertools.chain(chunks, [b""]):  # one chunk at a time: a file may be large
        text = decoder.decode(chunk, final=not chunk)
        if not chunk:
            cut = text == "\ufffd"
        found = text.count("\ufffd")
        if found and first_bad is None:
            first_bad = lines + text.count("\n", 0, text.index("\ufffd")) + 1
        bad += found
        good += len(_WRITTEN_AS_UTF8.findall(text))
        lines += text.count("\n")
    if good < 2 or good <= bad:
        return
    raise _damage(name, "UTF-8", first_bad, cut=cut and bad == 1)


def _damage(name: str, label: str, line: int | None, *, cut: bool) -> InputError:
    if cut:
        return InputError(f"{name!r} ends in the middle of a character (line {line}): it "
                          "seems cut short; export it again (nothing was imported)")
    return InputError(f"{name!r} is {label} but not valid {label} at line {line}: the file "
                      "is damaged; export it again (nothing was imported)")


def check_start(sample: str, name: str) -> None:
    """Refuse a file whose first 4,096 characters are mostly control characters."""
    odd = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if sample and odd > len(sample) // 20:
        raise binary(name)


# What one CSV row may hold. A cell keeps one character more than the longest value
# netcadence keeps, so that a cut value is seen, and said, where the column is known.
CELL_MOST = 100_001
ROW_MOST = 1 << 20  # characters of one row; the cells after them are left out
CELLS_MOST = 1 << 16  # cells of one row
_CELL = r'(?:"[^"]*(?:""[^"]*)*"|[^",\r\n]*)'
_WHOLE_ROW = re.compile(f"{_CELL}(?:,{_CELL})*(?:\r\n|\r|\n)?")
_WHOLE_CELLS = re.compile(f"(?:{_CELL},)+")
_UNQUOTED = re.compile(r"[^,\r\n]*")
_QUOTED = re.compile(r'[^"]*')
START, UNQUOTED, QUOTED, QUOTE = range(4)


class CsvRows:
    """Each CSV row of a text (a string or a TextFile) with the file line it starts on;
    quoted cells may span lines.

    Quotes are read strictly: a quote left open would otherwise swallow the rest of
    the file into one cell, and the import would quietly lose every row after it.

    The text is read a piece at a time and no cell, row or line is ever held longer
    than CELL_MOST, ROW_MOST and CELLS_MOST allow: a line that is a whole row of short
    cells (nearly every line) goes to the csv module as it is; any other line is read
    here first, cell by cell, and cut where it holds too much.
    """

    def __init__(self, source: str | TextFile) -> None:
        self._pieces = source.pieces() if isinstance(source, TextFile) else pieces(source)
        self.ends_with_line_break = True
        self._state = START
        self._cell = self._row = self._cells = 0  # characters and cells read so far
        self._dropping = False  # the rest of the row is left out
        self._cut = False  # the rest of the cell is left out
        self._out: list[str] = []  # read, not yet handed to the csv module
        self._lines = 0  # physical lines read whole

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(self._items(), strict=True)
        start = 1
        try:
            for row in reader:
                yield start, row
                start = self._lines + 1
        except csv.Error as error:
            if "end of data" in str(error):
                raise InputError(
                    f"line {start}: a quoted cell that starts in this row is never closed; "
                    "the file may be cut short (nothing was imported)") from None
            raise InputError(
                f"line {start}: unreadable CSV ({error}); a quote inside a cell must be "
                "doubled, and a quoted cell must end where the cell does "
                "(nothing was imported)") from None

    def _items(self) -> Iterator[str]:
        """The text for the csv module: whole rows, or pieces ending inside a quoted cell."""
        last = ""
        fits = min(CELL_MOST, ROW_MOST, CELLS_MOST)  # a whole row shorter is within every limit
        for piece in self._pieces:
            last = piece
            ends_line = piece[-1] in "\r\n"
            if ends_line and self._state == START and not self._cells \
                    and len(piece) < fits and _WHOLE_ROW.fullmatch(piece):
                self._lines += 1
                yield piece
                continue
            self._read(piece)
            self._lines += ends_line
            inside = self._state == QUOTED and not self._dropping  # so the csv module is too
            if self._out and (inside or self._state == START and not self._cells):
                yield "".join(self._out)
                self._out = []
        if self._state == QUOTE:
            self._put('"')
        elif self._state == QUOTED and self._dropping:  # never closed: let the csv module say so
            self._out.append('"')
        if self._out:
            yield "".join(self._out)
        self.ends_with_line_break = last.rstrip(" \t")[-1:] in ("\r", "\n", "")

    def _read(self, piece: str) -> None:
        """Read a piece cell by cell, keeping what the limits allow."""
        at, size = 0, len(piece)
        while at < size:
            state = self._state
            if state == START:
                self._cell, self._cut = 0, False
                run = None if self._dropping else _WHOLE_CELLS.match(piece, at)
                # Whole cells within every limit go as they are (a comma inside a quoted
                # one counts as a cell too, which only errs on the safe side).
                cells = run.group().count(",") if run else 0
                if run and run.end() - at < min(CELL_MOST, ROW_MOST - self._row) \
                        and self._cells + cells < CELLS_MOST:
                    self._out.append(run.group())
                    self._row += run.end() - at
                    self._cells += cells
                    at = run.end()
                    continue
                self._dropping = self._dropping or (
                    self._row >= ROW_MOST or self._cells >= CELLS_MOST)
                if piece[at] == '"':
                    self._put('"')
                    self._state, at = QUOTED, at + 1
                else:
                    self._state = UNQUOTED
            elif state == UNQUOTED:
                end = _UNQUOTED.match(piece, at).end()
                self._keep(piece, at, end)
                if end < size and piece[end] == ",":
                    self._next_cell(",")
                    end += 1
                elif end < size:  # the line ends, and the row with it
                    self._end_row(piece[end:])
                    end = size
                at = end
            elif state == QUOTED:
                end = _QUOTED.match(piece, at).end()
                self._keep(piece, at, end)
                at = end
                if at < size:
                    self._state, at = QUOTE, at + 1
            else:  # a quote inside a quoted cell: what follows says what it was
                following = piece[at]
                if following == '"':  # a quote in the cell, written twice
                    self._keep('""', 0, 1, written='""')
                    self._state = QUOTED
                    at += 1
                elif following == ",":
                    self._put('"')
                    self._next_cell(",")
                    at += 1
                elif following in "\r\n":
                    self._put('"')
                    self._end_row(piece[at:])
                    at = size
                else:  # not CSV: handed on as it is, for the csv module to say so
                    self._put('"' + following)
                    self._state, at = UNQUOTED, at + 1

    def _keep(self, piece: str, start: int, end: int, written: str | None = None) -> None:
        """Keep the cell's characters piece[start:end] (as `written`) while there is room;
        once one is left out, so is the rest of the cell."""
        room = min(CELL_MOST - self._cell, ROW_MOST - self._row)
        if self._dropping or self._cut or room <= 0:
            kept = 0
        else:
            kept = min(end - start, room)
        if kept:
            self._out.append(written or piece[start:start + kept])
            self._row += kept
        self._cut = kept < end - start
        self._cell += end - start

    def _put(self, text: str) -> None:
        if not self._dropping:
            self._out.append(text)
            self._row += len(text)

    def _next_cell(self, comma: str) -> None:
        self._put(comma)
        self._cells += 1
        self._state = START

    def _end_row(self, line_end: str) -> None:
        self._out.append(line_end)
        self._state = START
        self._cell = self._row = self._cells = 0
        self._dropping = False


def csv_rows(source: str | TextFile) -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with the file line it starts on (see CsvRows)."""
    return iter(CsvRows(source))


def binary(name: str) -> InputError:
    return InputError(
        f"{name!r} is a binary file, not a text export (or text in an encoding netcadence "
        "does not read: UTF-16 needs its byte-order mark); give a CSV, vCard or JSON file, "
        "best in UTF-8")
