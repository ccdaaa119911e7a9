"""Reading the files people import, in any encoding they come in."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from netcadence.errors import InputError

FIELD_LIMIT = 16 * 1024 * 1024
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


def read_text(path: str | Path) -> str:
    """A text file's contents: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    data = read_bytes(path)
    return decode(data, str(path))


def decode(data: bytes, name: str) -> str:
    """UTF-8 or UTF-16 as the file's byte-order mark says, else UTF-8, else (for old
    exports from Windows) Windows-1252. A file written in UTF-8 that does not decode is
    damaged or cut short: refused, rather than read as Windows-1252 with every accented
    letter garbled."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise _damaged(error, name, encoding) from None
            return _checked(text, name)
    if b"\x00" in data:
        raise binary(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        refuse_damaged_utf8([data], name)
        text = data.decode("cp1252", errors="replace")
    return _checked(text, name)


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


def _damaged(error: UnicodeDecodeError, name: str, encoding: str) -> InputError:
    """A file with a byte-order mark that does not decode as the mark says."""
    # error.object: the bytes decoded, after a UTF-8 byte-order mark (utf-8-sig drops
    # it first) but with a UTF-16 one; positions count in those bytes.
    label = "UTF-16" if encoding == "utf-16" else "UTF-8"
    before = error.object[:error.start].decode(encoding, errors="replace")
    line = before.count("\n") + 1
    reason = str(error.reason)
    cut = error.end >= len(error.object) and ("end of data" in reason or "truncated" in reason)
    return _damage(name, label, line, cut=cut)


def _damage(name: str, label: str, line: int | None, *, cut: bool) -> InputError:
    if cut:
        return InputError(f"{name!r} ends in the middle of a character (line {line}): it "
                          "seems cut short; export it again (nothing was imported)")
    return InputError(f"{name!r} is {label} but not valid {label} at line {line}: the file "
                      "is damaged; export it again (nothing was imported)")


def _checked(text: str, name: str) -> str:
    if "\x00" in text:
        raise binary(name)
    check_start(text[:4096], name)
    return text


def check_start(sample: str, name: str) -> None:
    """Refuse a file whose first 4,096 characters are mostly control characters."""
    odd = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if sample and odd > len(sample) // 20:
        raise binary(name)


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with the file line it starts on (quoted cells may span lines).

    Quotes are read strictly: a quote left open would otherwise swallow the rest of
    the file into one cell, and the import would quietly lose every row after it.
    """
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))  # long notes are fine
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as error:
        if "end of data" in str(error):
            raise InputError(f"line {start}: a quoted cell that starts in this row is never "
                             "closed; the file may be cut short (nothing was imported)") from None
        raise InputError(f"line {start}: unreadable CSV ({error}); a quote inside a cell must "
                         "be doubled, and a quoted cell must end where the cell does "
                         "(nothing was imported)") from None


def binary(name: str) -> InputError:
    return InputError(
        f"{name!r} is a binary file, not a text export (or text in an encoding netcadence "
        "does not read: UTF-16 needs its byte-order mark); give a CSV, vCard or JSON file, "
        "best in UTF-8")
